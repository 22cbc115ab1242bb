/** A Jinja2-compatible environment on nunjucks: options, template loading and caching, rendering. */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { EXTENSION_TAGS, buildTemplate, type CompileOptions } from "./interpreter.js";
import { sortTemplateErrors } from "./errors.js";
import { builtinFilters, type FilterHost } from "./filters.js";
import { builtinGlobals } from "./globals.js";
import { LexError } from "./lexer.js";
import { NunjucksEnvironment, NunjucksTemplate } from "./nunjucks-internals.js";
import { JinjaUndefined, TemplateRuntimeError } from "./py-values.js";
import { PositionedError, createRuntime, type TemplateRuntime } from "./runtime.js";
import { builtinTests } from "./tests.js";
import type {
  CreateEnvironmentOptions,
  Delimiters,
  Environment,
  JinjaExtension,
  RenderResult,
  TemplateError,
  TemplateFunction,
} from "./types.js";

/** The delimiters of the makejinja reference configuration (`makejinja.toml` `[makejinja.delimiter]`). */
export const MAKEJINJA_REFERENCE_DELIMITERS: Readonly<Delimiters> = Object.freeze({
  blockStart: "#%",
  blockEnd: "%#",
  variableStart: "#{",
  variableEnd: "}#",
  commentStart: "#|",
  commentEnd: "#|",
});

/** Jinja2's own defaults (`{% %}`, `{{ }}`, `{# #}`). */
export const JINJA2_DEFAULT_DELIMITERS: Readonly<Delimiters> = Object.freeze({
  blockStart: "{%",
  blockEnd: "%}",
  variableStart: "{{",
  variableEnd: "}}",
  commentStart: "{#",
  commentEnd: "#}",
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** nunjucks parse messages in Jinja2's words, where they differ in a way users notice. */
function jinjaMessage(message: string): string {
  if (/^parseIf: expected elif, else, or endif, got end of file$/.test(message)) {
    return "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.";
  }
  if (/^unexpected end of file$/.test(message)) return "Unexpected end of template.";
  return message;
}

function extensionTags(extension: JinjaExtension): readonly string[] {
  if (!Object.prototype.hasOwnProperty.call(EXTENSION_TAGS, extension)) {
    throw new TypeError(`createEnvironment: unknown extension "${String(extension)}" (supported: ${Object.keys(EXTENSION_TAGS).join(", ")})`);
  }
  return EXTENSION_TAGS[extension];
}

function toTemplateError(error: unknown, fallbackTemplate: string): TemplateError {
  let e: Any = error;
  if (e && !(e instanceof PositionedError) && e.cause instanceof PositionedError) e = e.cause;
  if (e instanceof PositionedError) return { template: e.template, line: e.line, col: e.col, message: e.message };
  if (e instanceof LexError) return { template: fallbackTemplate, line: e.lineno + 1, col: e.colno + 1, message: e.message };
  if (e && typeof e === "object" && e.name === "Template render error") {
    const message = jinjaMessage(String(e.message).replace(/^\([^)]*\)\s*(\[[^\]]*\])?\s*/, "").trim());
    return { template: fallbackTemplate, line: e.lineno ?? 0, col: e.colno ?? 0, message };
  }
  if (e instanceof TemplateRuntimeError) return { template: fallbackTemplate, line: 0, col: 0, message: e.message };
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { template: fallbackTemplate, line: 0, col: 0, message };
}

class TemplateLoader {
  cache: Record<string, unknown> = {};
  constructor(private readonly env: JinjaEnvironment) {}
  getSource(name: string): { src: { type: "code"; obj: unknown }; path: string } | null {
    const source = this.env.findSource(name);
    if (source === undefined) return null;
    return { src: { type: "code", obj: this.env.compile(source, name) }, path: name };
  }
}

class JinjaEnvironment implements Environment {
  readonly nj: Any;
  readonly globals: Record<string, unknown>;
  private readonly memory = new Map<string, string>();
  private readonly compileOptions: CompileOptions;
  private readonly runtime: TemplateRuntime;
  private readonly searchPaths: string[];
  private readonly templateFiles: ReadonlyMap<string, string> | undefined;

  constructor(options: CreateEnvironmentOptions) {
    const delimiters = { ...MAKEJINJA_REFERENCE_DELIMITERS, ...(options.delimiters ?? {}) };
    const mode = options.undefined ?? "default";
    this.searchPaths = options.searchPaths ?? [];
    this.templateFiles = options.templateFiles;
    this.nj = new NunjucksEnvironment([new TemplateLoader(this)], { autoescape: false, dev: true });
    this.nj.filters = Object.create(null);
    this.nj.tests = Object.create(null);
    this.nj.globals = Object.create(null);
    this.globals = this.nj.globals;
    const runtime = createRuntime(mode);
    this.runtime = runtime;
    this.compileOptions = {
      delimiters,
      trimBlocks: options.trimBlocks ?? true,
      lstripBlocks: options.lstripBlocks ?? true,
      keepTrailingNewline: options.keepTrailingNewline ?? true,
      lineStatementPrefix: options.lineStatementPrefix ?? null,
      lineCommentPrefix: options.lineCommentPrefix ?? null,
      hasFilter: (name) => name in this.nj.filters,
      hasTest: (name) => name in this.nj.tests,
      extensionTags: new Set((options.extensions ?? []).flatMap((extension) => extensionTags(extension))),
    };
    const host: FilterHost = {
      getattr: runtime.getattr as FilterHost["getattr"],
      getitem: runtime.getitem as FilterHost["getitem"],
      test: (name) => {
        const fn = this.nj.tests[name];
        if (!fn) throw new TemplateRuntimeError(`No test named '${name}'.`);
        return fn;
      },
      filter: (name) => {
        const fn = this.nj.filters[name];
        if (!fn) throw new TemplateRuntimeError(`No filter named '${name}'.`);
        return fn;
      },
      undefined: (hint) => new JinjaUndefined(mode, undefined, undefined, hint),
    };
    Object.assign(this.nj.filters, builtinFilters(host), options.filters ?? {});
    Object.assign(
      this.nj.tests,
      builtinTests(
        (n) => n in this.nj.tests,
        (n) => n in this.nj.filters,
      ),
      options.tests ?? {},
    );
    Object.assign(this.globals, builtinGlobals(), options.globals ?? {});
  }

  /** Source of a named template: in-memory templates first, then the search paths in order. */
  findSource(name: string): string | undefined {
    const mem = this.memory.get(name);
    if (mem !== undefined) return mem;
    const known = this.templateFiles?.get(name);
    if (known !== undefined) return readFileSync(known, "utf8");
    const parts = name.split("/");
    if (parts.some((p) => p === ".." || p === "")) return undefined;
    for (const dir of this.searchPaths) {
      const file = join(dir, ...parts);
      try {
        if (statSync(file).isFile()) return readFileSync(file, "utf8");
      } catch {
        // not in this search path
      }
    }
    return undefined;
  }

  compile(source: string, name: string): unknown {
    try {
      return buildTemplate(source, name, this.compileOptions, this.runtime);
    } catch (error) {
      if (error instanceof PositionedError) throw error;
      const e = toTemplateError(error, name);
      if (!e.line) {
        // "Unexpected end of template": point at the last line, as Jinja2 does.
        const lines = source.split("\n");
        e.line = lines.length - (source.endsWith("\n") ? 1 : 0) || 1;
        e.col = 1;
      }
      throw new PositionedError(e.message, name, e.line, e.col);
    }
  }

  private render(make: () => Any, name: string, context: Record<string, unknown>, source?: string): RenderResult {
    try {
      const template = make();
      const output: string = template.render(context);
      return { ok: true, output };
    } catch (error) {
      const e = toTemplateError(error, name);
      const text = e.template === name && source !== undefined ? source : this.findSourceQuietly(e.template);
      const line = e.line && text !== undefined ? text.replace(/\r\n?/g, "\n").split("\n")[e.line - 1] : undefined;
      if (line !== undefined && line.trim()) e.excerpt = line.trim().slice(0, 120);
      return { ok: false, errors: sortTemplateErrors([e]) };
    }
  }

  private findSourceQuietly(name: string): string | undefined {
    try {
      return this.findSource(name);
    } catch {
      return undefined;
    }
  }

  renderString(source: string, context: Record<string, unknown> = {}, name = "<string>"): RenderResult {
    return this.render(() => new NunjucksTemplate({ type: "code", obj: this.compile(source, name) }, this.nj, name), name, context, source);
  }

  renderTemplate(name: string, context: Record<string, unknown> = {}): RenderResult {
    return this.render(() => this.nj.getTemplate(name, true), name, context);
  }

  /** Compile (or fetch from cache) a named template; errors are returned. */
  precompile(name: string): TemplateError | undefined {
    try {
      this.nj.getTemplate(name, true);
      return undefined;
    } catch (error) {
      return toTemplateError(error, name);
    }
  }

  addTemplate(name: string, source: string): void {
    this.memory.set(name, source);
    for (const loader of this.nj.loaders) delete loader.cache[name];
  }

  addFilter(name: string, fn: TemplateFunction): void {
    this.nj.filters[name] = fn;
  }

  addTest(name: string, fn: TemplateFunction): void {
    this.nj.tests[name] = fn;
  }

  addGlobal(name: string, value: unknown): void {
    this.globals[name] = value;
  }
}

/** Create an environment; see {@link CreateEnvironmentOptions} for defaults (makejinja's). */
export function createEnvironment(options: CreateEnvironmentOptions = {}): Environment {
  return new JinjaEnvironment(options);
}
