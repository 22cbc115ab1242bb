/** Public types of the renderer. Shapes are part of the package contract (see README). */

/** Tag delimiters. Every field is optional; missing ones use {@link MAKEJINJA_REFERENCE_DELIMITERS}. */
export interface Delimiters {
  blockStart: string;
  blockEnd: string;
  variableStart: string;
  variableEnd: string;
  commentStart: string;
  commentEnd: string;
}

/** Jinja2's undefined flavours: `Undefined`, `ChainableUndefined`, `StrictUndefined`, `DebugUndefined`. */
export type UndefinedMode = "default" | "chainable" | "strict" | "debug";

/** A filter, test or global function. Keyword arguments arrive as a trailing {@link KeywordArgs} object. */
export type TemplateFunction = (...args: any[]) => unknown;

export interface RendererOptions {
  /** Default: the makejinja reference delimiters `#%` `%#` `#{` `}#` `#|` `#|`. */
  delimiters?: Partial<Delimiters>;
  /** Default `"default"` (Jinja2's `Undefined`), like makejinja. */
  undefined?: UndefinedMode;
  /** Default true (makejinja's default). */
  trimBlocks?: boolean;
  /** Default true (makejinja's default). */
  lstripBlocks?: boolean;
  /** Default true (makejinja's default). */
  keepTrailingNewline?: boolean;
  /** Line statement prefix (Jinja2 `line_statement_prefix`), e.g. `"%%"`. Default none. */
  lineStatementPrefix?: string | null;
  /** Line comment prefix (Jinja2 `line_comment_prefix`), e.g. `"##"`. Default none. */
  lineCommentPrefix?: string | null;
  /** Extra filters, added to (or replacing) Jinja2's built-in filters. */
  filters?: Record<string, TemplateFunction>;
  /** Extra tests, added to (or replacing) Jinja2's built-in tests. */
  tests?: Record<string, TemplateFunction>;
  /** Globals visible to every template (makejinja puts the merged data files here). */
  globals?: Record<string, unknown>;
  /**
   * Jinja2 extensions to enable: `"do"` (`jinja2.ext.do`: the `do` tag) and `"loopcontrols"`
   * (`jinja2.ext.loopcontrols`: `break` and `continue` in loops). Default none, as in Jinja2.
   */
  extensions?: readonly JinjaExtension[];
}

/** The Jinja2 extensions this renderer implements. */
export type JinjaExtension = "do" | "loopcontrols";

/** One problem in one template, positioned like a compiler message. */
export interface TemplateError {
  /** Template name (path relative to its input directory, posix separators). */
  template: string;
  /** 1-based line; 0 when unknown. */
  line: number;
  /** 1-based column; 0 when unknown. */
  col: number;
  /** What is wrong, e.g. `'cluster_name' is undefined`. */
  message: string;
  /** The template line holding the failing expression (trimmed), when known. */
  excerpt?: string;
}

export type RenderResult = { ok: true; output: string } | { ok: false; errors: TemplateError[] };

export interface Environment {
  /** Render template source. `name` is used in error messages and for relative lookups. */
  renderString(source: string, context?: Record<string, unknown>, name?: string): RenderResult;
  /** Render a template found on the search paths (or registered with {@link Environment.addTemplate}). */
  renderTemplate(name: string, context?: Record<string, unknown>): RenderResult;
  /** Register an in-memory template (shadowed by nothing: it wins over search paths). */
  addTemplate(name: string, source: string): void;
  /** Add or replace a filter. */
  addFilter(name: string, fn: TemplateFunction): void;
  /** Add or replace a test. */
  addTest(name: string, fn: TemplateFunction): void;
  /** Add or replace a global value or function. */
  addGlobal(name: string, value: unknown): void;
  /** Current globals (live object). */
  readonly globals: Record<string, unknown>;
}

export interface CreateEnvironmentOptions extends RendererOptions {
  /** Directories searched, in order, by `include`/`import`/`extends` and {@link Environment.renderTemplate}. */
  searchPaths?: string[];
  /** Known template files (name → absolute path), consulted before the search paths; saves file-system probes. */
  templateFiles?: ReadonlyMap<string, string>;
}

/** Constructor argument of a makejinja-style plugin class. */
export interface PluginContext {
  /** The merged data (the same object makejinja passes as `data=`). */
  data: Record<string, unknown>;
  /** The effective tree options. */
  config: RenderTreeOptions;
  /** The environment the plugin extends. */
  env: Environment;
  /**
   * The project root. makejinja plugins resolve relative paths against the process cwd; the CLI runs with the
   * project root as cwd, and library callers get it here so plugins need not depend on `process.cwd()`.
   */
  cwd: string | undefined;
}

type Named = Record<string, TemplateFunction> | TemplateFunction[];

/** What a plugin instance may provide; every method is optional. */
export interface PluginInstance {
  globals?(): Named;
  functions?(): Named;
  data?(): Record<string, unknown>;
  filters?(): Named;
  tests?(): Named;
}

export type PluginClass = new (context: PluginContext) => PluginInstance;

/** A plugin: a `module:Export` spec resolved against `importPaths`, or an already imported class. */
export type PluginSpec = string | PluginClass;

export interface RenderTreeOptions extends RendererOptions {
  /** Input directories; earlier inputs shadow later ones (put overrides first). Relative to `cwd`. */
  inputs: string[];
  /** Globals for every template (usually the merged data files). */
  data?: Record<string, unknown>;
  /** Data files (YAML/TOML/JSON, or directories of them) merged in order into `data`. Relative to `cwd`. */
  dataFiles?: string[];
  /** makejinja `data_vars`: dotted keys set after the data files (`"a.b" = 1`). */
  dataVars?: Record<string, unknown>;
  /** Globs selecting input files (Python `Path.glob`), default `["**\/*"]`. */
  includePatterns?: string[];
  /** Python `PurePath.match` patterns; a matching path is skipped and never parsed. */
  excludePatterns?: string[];
  /** Suffix of template files, default `".j2"` (the reference configuration). */
  jinjaSuffix?: string;
  /** Keep the suffix in output names. Default false. */
  keepJinjaSuffix?: boolean;
  /** Write renders that are empty after stripping whitespace. Default false. */
  keepEmpty?: boolean;
  /** Carry mode and mtime of inputs over to outputs. Default false. */
  copyMetadata?: boolean;
  /** makejinja plugins (`loaders` and `plugins` keys), applied in order. */
  plugins?: PluginSpec[];
  /** Directories searched for plugin modules (`import_paths`). Relative to `cwd`. */
  importPaths?: string[];
  /** Directory relative paths are resolved against. Required for relative inputs. */
  cwd?: string;
  /** Process environment exposed to templates as the `env` global (makejinja does `env = os.environ`). */
  environ?: Record<string, string | undefined>;
}

export interface RenderedFile {
  /** Output path, posix separators, relative to the output root. */
  path: string;
  /** Rendered text, or the bytes of a copied (non-template) file. */
  contents: string | Uint8Array;
  /** Mode bits of the input (when `copyMetadata`, or always for copied files like `shutil.copy2`). */
  mode?: number;
  /** Modification time of the input (same rule as `mode`). */
  mtime?: Date;
  /** Absolute path of the input file it came from. */
  source: string;
  /** True for a rendered template, false for a copied file. */
  rendered: boolean;
}

export interface RenderedDir {
  /** Output directory, posix, relative to the output root. */
  path: string;
  /** Absolute path of the input directory (first input wins). */
  source: string;
  mode?: number;
  mtime?: Date;
}

export interface RenderTreeResult {
  ok: boolean;
  /** Sorted by `path`. */
  files: RenderedFile[];
  /** Directories met in the inputs (makejinja creates them, then removes those left empty). Sorted. */
  dirs: RenderedDir[];
  /** Every template error, sorted by template, line, column. */
  errors: TemplateError[];
}

export interface WriteTreeOptions {
  /** Overwrite existing files (makejinja `force`). Default true. */
  force?: boolean;
  /** Keep directories that end up empty. Default false. */
  keepEmpty?: boolean;
  /** Copy mode/mtime to written files and directories. Default false. */
  copyMetadata?: boolean;
  /** Directories (from {@link RenderTreeResult.dirs}) to create and clean up like makejinja. */
  dirs?: RenderedDir[];
}

export interface WriteTreeResult {
  /** Paths written (relative, posix). */
  written: string[];
  /** Paths skipped because they existed and `force` was false. */
  skipped: string[];
  /** Directories removed because they were left empty. */
  removedDirs: string[];
}
