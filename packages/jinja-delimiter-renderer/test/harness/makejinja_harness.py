"""Reference renderer for differential tests: makejinja 2.8's tree semantics on real Jinja2 + PyYAML.

Usage: python3 makejinja_harness.py PROJECT_DIR OUTPUT_DIR
Reads PROJECT_DIR/makejinja.toml and renders like `makejinja` run in PROJECT_DIR, writing to OUTPUT_DIR.
(makejinja itself is not installable here; this follows its app.py: same environment settings, data loading,
plugin application order, input walking, exclusion, keep_empty and empty-directory removal.)
"""
import importlib
import json
import os
import shutil
import sys
import tomllib
from pathlib import Path

import jinja2
import yaml

UNDEFINED = {
    "default": jinja2.Undefined,
    "chainable": jinja2.ChainableUndefined,
    "strict": jinja2.StrictUndefined,
    "debug": jinja2.DebugUndefined,
}


def load_data(paths):
    data = {}
    files = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(f for f in sorted(p.glob("**/*")) if not f.name.startswith(".") and f.is_file())
        elif p.is_file():
            files.append(p)
    for f in files:
        if f.suffix in (".yaml", ".yml"):
            with f.open("rb") as fp:
                for doc in yaml.safe_load_all(fp):
                    data |= doc
        elif f.suffix == ".toml":
            with f.open("rb") as fp:
                data |= tomllib.load(fp)
        elif f.suffix == ".json":
            with f.open("rb") as fp:
                data |= json.load(fp)
    return data


def main(project, output):
    os.chdir(project)
    cfg = tomllib.loads(Path("makejinja.toml").read_text())["makejinja"]
    delim = cfg.get("delimiter", {})
    for p in cfg.get("import_paths", []):
        sys.path.append(str(Path(p).resolve()))
    data = load_data(cfg.get("data", []))
    inputs = [Path(p) for p in cfg["inputs"]]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.DictLoader({p.name: p.read_text() for p in inputs if p.is_file()}),
            jinja2.FileSystemLoader([p for p in inputs if p.is_dir()]),
        ]),
        block_start_string=delim.get("block_start", "{%"),
        block_end_string=delim.get("block_end", "%}"),
        variable_start_string=delim.get("variable_start", "{{"),
        variable_end_string=delim.get("variable_end", "}}"),
        comment_start_string=delim.get("comment_start", "{#"),
        comment_end_string=delim.get("comment_end", "#}"),
        trim_blocks=cfg.get("trim_blocks", True),
        lstrip_blocks=cfg.get("lstrip_blocks", True),
        keep_trailing_newline=cfg.get("keep_trailing_newline", True),
        undefined=UNDEFINED[cfg.get("undefined", "default")],
        autoescape=False,
        extensions=cfg.get("extensions", []),
    )
    env.globals.update(data)
    env.globals["env"] = os.environ
    for spec in cfg.get("loaders", []) + cfg.get("plugins", []):
        module, name = spec.split(":")
        cls = getattr(importlib.import_module(module), name)
        plugin = cls(data=data)
        if hasattr(plugin, "globals"):
            env.globals.update({f.__name__: f for f in plugin.globals()})
        if hasattr(plugin, "functions"):
            env.globals.update({f.__name__: f for f in plugin.functions()})
        if hasattr(plugin, "data"):
            env.globals.update(plugin.data())
        if hasattr(plugin, "filters"):
            env.filters.update({f.__name__: f for f in plugin.filters()})
        if hasattr(plugin, "tests"):
            env.tests.update({f.__name__: f for f in plugin.tests()})

    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    suffix = cfg.get("jinja_suffix", ".jinja")
    keep_empty = cfg.get("keep_empty", False)
    copy_metadata = cfg.get("copy_metadata", False)
    rendered_files, rendered_dirs = {}, {}
    for inp in inputs:
        if not inp.is_dir():
            continue
        for pattern in cfg.get("include_patterns", ["**/*"]):
            for path in sorted(inp.glob(pattern)):
                rel = path.relative_to(inp)
                target = out / rel
                if rel.suffix == suffix and not cfg.get("keep_jinja_suffix", False):
                    target = target.with_suffix("")
                if any(path.match(x) for x in cfg.get("exclude_patterns", [])):
                    continue
                if path.is_file() and target not in rendered_files:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if path.suffix == suffix:
                        rendered = env.get_template(str(rel)).render()
                        if rendered.strip() == "" and not keep_empty:
                            pass
                        else:
                            target.write_text(rendered)
                            if copy_metadata:
                                shutil.copystat(path, target)
                    else:
                        shutil.copy2(path, target)
                    rendered_files[target] = path
                elif path.is_dir() and target not in rendered_dirs:
                    target.mkdir(exist_ok=True)
                    rendered_dirs[target] = path
    for target, source in sorted(rendered_dirs.items(), key=lambda x: x[0], reverse=True):
        if not keep_empty and not any(target.iterdir()):
            shutil.rmtree(target)
        elif copy_metadata:
            shutil.copystat(source, target)


if __name__ == "__main__":
    main(sys.argv[1], os.path.abspath(sys.argv[2]))
