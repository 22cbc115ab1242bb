import { createRequire } from "node:module";

/**
 * A validator compiled ahead of time (ajv standalone code): `errors` holds ajv's errors after a failed call.
 * Structurally the `CompiledValidator` of `@talos-cluster/flux-apps`' `buildFluxTree({ extraValidators })`.
 */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: null | Array<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }>;
}

// The build (tools/generate-validators.mjs) writes one module per vendored schema into dist/validators/.
// This URL resolves there both from dist/index.js and from src/ (tests).
const requireValidator = createRequire(new URL("../dist/validators/", import.meta.url));
const loaded = new Map<string, CompiledValidator>();

/** Module name of a schema file; tools/generate-validators.mjs `moduleName` agrees. */
function moduleName(file: string): string {
  return `${file.replace(/\.json$/, "").replace(/[^A-Za-z0-9]+/g, "_")}.cjs`;
}

/** The build-time compiled validator of a vendored schema file (path relative to `schemas/`), loaded once. */
export function compiledValidator(file: string): CompiledValidator {
  let validate = loaded.get(file);
  if (!validate) {
    try {
      validate = requireValidator(`./${moduleName(file)}`) as CompiledValidator;
    } catch (cause) {
      throw new Error(
        `@talos-cluster/mcp-oauth-proxy-config: the compiled validator of schemas/${file} is missing from dist/validators; ` +
          "rebuild the package (pnpm --filter @talos-cluster/mcp-oauth-proxy-config build) or report a packaging bug",
        { cause },
      );
    }
    loaded.set(file, validate);
  }
  return validate;
}
