/**
 * Typed access to the nunjucks 3.2.4 internals this package builds on (lexer, parser, nodes, runtime,
 * Template/Environment). nunjucks is pinned exactly because these are not public API.
 */
import nunjucksPackage from "nunjucks";
import transformerModule from "nunjucks/src/transformer.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface NunjucksToken {
  type: string;
  value: Any;
  lineno: number;
  colno: number;
}

export interface NunjucksModule {
  Environment: Any;
  Template: Any;
  Loader: Any;
  lexer: Any;
  parser: { Parser: Any };
  compiler: { Compiler: Any };
  nodes: Any;
  runtime: Any;
  lib: Any;
}

export const nunjucks: NunjucksModule = nunjucksPackage as NunjucksModule;
export const { lexer, nodes, runtime: nunjucksRuntime, lib: nunjucksLib } = nunjucks;
export const NunjucksParser: Any = nunjucks.parser.Parser;
export const NunjucksEnvironment: Any = nunjucks.Environment;
export const NunjucksTemplate: Any = nunjucks.Template;
export const Frame: Any = nunjucks.runtime.Frame;
/** nunjucks' AST transformer (lifts `super()` in blocks). */
export const transformer: { transform(ast: Any, asyncFilters: string[]): Any } = transformerModule;
