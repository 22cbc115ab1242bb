/** Reading `makejinja.toml` (`[makejinja]`, `[makejinja.delimiter]`, `[makejinja.prefix]`) into tree options. */
import { parse as parseToml } from "smol-toml";
import type { Delimiters, JinjaExtension, RenderTreeOptions, TemplateError, UndefinedMode } from "./types.js";

export interface MakejinjaConfig {
  options: RenderTreeOptions;
  /** `output` (relative to the config's directory unless absolute). */
  output: string;
  force: boolean;
  clean: boolean;
  quiet: boolean;
}

const TOP_KEYS = [
  "inputs", "output", "include_patterns", "exclude_patterns", "jinja_suffix", "keep_jinja_suffix", "keep_empty",
  "copy_metadata", "data", "data_vars", "plugins", "loaders", "import_paths", "extensions", "clean", "force",
  "undefined", "quiet", "lstrip_blocks", "trim_blocks", "keep_trailing_newline", "newline_sequence",
  "delimiter", "prefix", "whitespace", "internal",
] as const;
const DELIMITER_KEYS = ["block_start", "block_end", "comment_start", "comment_end", "variable_start", "variable_end"] as const;
const PREFIX_KEYS = ["line_statement", "line_comment"] as const;
const WHITESPACE_KEYS = ["lstrip_blocks", "trim_blocks", "keep_trailing_newline", "newline_sequence"] as const;
const UNDEFINED_MODES = ["default", "chainable", "strict", "debug"];
/** The `extensions` entries Jinja2 accepts for the extensions this renderer implements (module alias or class). */
const JINJA_EXTENSIONS: Record<string, JinjaExtension> = {
  "jinja2.ext.do": "do",
  "jinja2.ext.ExprStmtExtension": "do",
  "jinja2.ext.loopcontrols": "loopcontrols",
  "jinja2.ext.LoopControlExtension": "loopcontrols",
};

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function didYouMean(key: string, known: readonly string[]): string {
  const best = [...known].sort((x, y) => distance(key, x) - distance(key, y))[0];
  return best && distance(key, best) <= 3 ? ` Did you mean "${best}"?` : "";
}

/** Parse makejinja.toml text. `file` names the config in errors. */
export function loadMakejinjaConfig(text: string, file = "makejinja.toml"): { ok: true; config: MakejinjaConfig } | { ok: false; errors: TemplateError[] } {
  const errors: TemplateError[] = [];
  const err = (message: string, line = 0, col = 0) => errors.push({ template: file, line, col, message });
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const x = e as { line?: number; column?: number; message: string };
    err(x.message.split("\n")[0]!, x.line ?? 0, x.column ?? 0);
    return { ok: false, errors };
  }
  const section = doc.makejinja;
  if (typeof section !== "object" || section === null || Array.isArray(section)) {
    err("missing [makejinja] table. Add a [makejinja] section with inputs and output.");
    return { ok: false, errors };
  }
  const s = section as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) err(`makejinja.${key}: unknown key.${didYouMean(key, TOP_KEYS)}`);
  }
  const strList = (key: string, def: string[]): string[] => {
    const v = s[key];
    if (v === undefined) return def;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
      err(`makejinja.${key}: expected a list of strings`);
      return def;
    }
    return v as string[];
  };
  const bool = (table: Record<string, unknown>, key: string, def: boolean, prefix = "makejinja"): boolean => {
    const v = table[key];
    if (v === undefined) return def;
    if (typeof v !== "boolean") {
      err(`${prefix}.${key}: expected true or false`);
      return def;
    }
    return v;
  };
  const str = (table: Record<string, unknown>, key: string, prefix = "makejinja"): string | undefined => {
    const v = table[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string") {
      err(`${prefix}.${key}: expected a string`);
      return undefined;
    }
    return v;
  };
  const sub = (name: string, keys: readonly string[]): Record<string, unknown> => {
    const v = s[name];
    if (v === undefined) return {};
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      err(`makejinja.${name}: expected a table ([makejinja.${name}])`);
      return {};
    }
    for (const key of Object.keys(v)) {
      if (!keys.includes(key)) err(`makejinja.${name}.${key}: unknown key.${didYouMean(key, keys)}`);
    }
    return v as Record<string, unknown>;
  };
  const delimiter = sub("delimiter", DELIMITER_KEYS);
  const prefix = sub("prefix", PREFIX_KEYS);
  const whitespace = sub("whitespace", WHITESPACE_KEYS);
  sub("internal", ["optimized", "autoescape", "cache_size", "auto_reload", "enable_async"]);

  const inputs = strList("inputs", []);
  if (!inputs.length) err("makejinja.inputs: at least one input directory is required");
  const output = str(s, "output");
  if (output === undefined) err('makejinja.output: required (e.g. output = "./")');
  const undefinedMode = str(s, "undefined") ?? "default";
  if (!UNDEFINED_MODES.includes(undefinedMode)) err(`makejinja.undefined: "${undefinedMode}" is not one of ${UNDEFINED_MODES.join(", ")}`);
  const extensions: JinjaExtension[] = [];
  for (const name of strList("extensions", [])) {
    const extension = JINJA_EXTENSIONS[name];
    if (extension) {
      if (!extensions.includes(extension)) extensions.push(extension);
    } else {
      err(`makejinja.extensions: "${name}" is not supported by this renderer (supported: ${Object.keys(JINJA_EXTENSIONS).join(", ")}). Remove it or render with makejinja.`);
    }
  }
  const newline = str(whitespace, "newline_sequence", "makejinja.whitespace") ?? str(s, "newline_sequence");
  if (newline !== undefined && newline !== "\n") err('makejinja.newline_sequence: only "\\n" is supported');
  const dataVars = s.data_vars;
  if (dataVars !== undefined && (typeof dataVars !== "object" || dataVars === null || Array.isArray(dataVars))) err("makejinja.data_vars: expected a table");

  const delimiters: Partial<Delimiters> = {};
  const map: Record<(typeof DELIMITER_KEYS)[number], keyof Delimiters> = {
    block_start: "blockStart", block_end: "blockEnd", comment_start: "commentStart", comment_end: "commentEnd",
    variable_start: "variableStart", variable_end: "variableEnd",
  };
  for (const key of DELIMITER_KEYS) {
    const v = str(delimiter, key, "makejinja.delimiter");
    if (v !== undefined) delimiters[map[key]] = v;
  }
  // makejinja's delimiter defaults are Jinja2's.
  const jinjaDefaults: Delimiters = { blockStart: "{%", blockEnd: "%}", variableStart: "{{", variableEnd: "}}", commentStart: "{#", commentEnd: "#}" };
  const lineStatement = str(prefix, "line_statement", "makejinja.prefix");
  const lineComment = str(prefix, "line_comment", "makejinja.prefix");

  if (errors.length) return { ok: false, errors };
  const ws = (key: string, def: boolean) => bool(whitespace, key, bool(s, key, def), "makejinja.whitespace");
  const options: RenderTreeOptions = {
    inputs,
    includePatterns: strList("include_patterns", ["**/*"]),
    excludePatterns: strList("exclude_patterns", []),
    jinjaSuffix: str(s, "jinja_suffix") ?? ".jinja",
    keepJinjaSuffix: bool(s, "keep_jinja_suffix", false),
    keepEmpty: bool(s, "keep_empty", false),
    copyMetadata: bool(s, "copy_metadata", false),
    dataFiles: strList("data", []),
    dataVars: (dataVars as Record<string, unknown> | undefined) ?? {},
    plugins: [...strList("loaders", []), ...strList("plugins", [])],
    importPaths: strList("import_paths", []),
    undefined: undefinedMode as UndefinedMode,
    delimiters: { ...jinjaDefaults, ...delimiters },
    trimBlocks: ws("trim_blocks", true),
    lstripBlocks: ws("lstrip_blocks", true),
    keepTrailingNewline: ws("keep_trailing_newline", true),
    lineStatementPrefix: lineStatement ?? null,
    lineCommentPrefix: lineComment ?? null,
    extensions,
  };
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    config: { options, output: output!, force: bool(s, "force", false), clean: bool(s, "clean", false), quiet: bool(s, "quiet", false) },
  };
}
