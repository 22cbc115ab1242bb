"""Render corpus_cases.CASES with real Jinja2 (makejinja settings) and print the corpus JSON.

Usage: python3 generate_corpus.py > ../fixtures/jinja2-corpus.json
       python3 generate_corpus.py --stdin < cases.json   (render other cases, e.g. generated ones)
"""
import json
import sys

import jinja2

from corpus_cases import CASES

UNDEFINED = {
    "default": jinja2.Undefined,
    "chainable": jinja2.ChainableUndefined,
    "strict": jinja2.StrictUndefined,
    "debug": jinja2.DebugUndefined,
}


def render(case):
    env = jinja2.Environment(
        block_start_string="#%", block_end_string="%#", variable_start_string="#{", variable_end_string="}#",
        comment_start_string="#|", comment_end_string="#|", trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=UNDEFINED[case["undefined"]], autoescape=False,
    )
    try:
        return {"ok": True, "output": env.from_string(case["src"]).render(**case["ctx"])}
    except Exception as e:  # the corpus records that Jinja2 fails, and with what
        return {"ok": False, "error": f"{type(e).__name__}: {e}"}


if __name__ == "__main__":
    cases = json.load(sys.stdin) if "--stdin" in sys.argv else CASES
    out = [dict(case, expected=render(case)) for case in cases]
    json.dump({"jinja2": jinja2.__version__, "cases": out}, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
