// nunjucks ships no type declarations; nunjucks-internals.ts gives the parts this package uses their types.
declare module "nunjucks" {
  const nunjucks: unknown;
  export default nunjucks;
}
declare module "nunjucks/src/transformer.js" {
  const transformer: { transform(ast: unknown, asyncFilters: string[]): unknown };
  export default transformer;
}
