import { createRequire } from "node:module";
import type { CompiledValidator } from "@talos-cluster/flux-apps";

/** A validator compiled ahead of time (ajv standalone code): `errors` holds ajv's errors after a failed call. */
export type { CompiledValidator };

// The build writes dist/validators/index.cjs (../../../tools/standalone-validators.mjs), which loads each
// schema's validator on first use. The URL resolves there both from dist/index.js and from src/ (tests).
const requireBuilt = createRequire(new URL("../dist/validators/", import.meta.url));

/** The build-time compiled validator of a vendored schema file (path relative to `schemas/`). */
export const compiledValidator = (file: string): CompiledValidator =>
  (requireBuilt("./index.cjs") as { requireValidator(file: string): CompiledValidator }).requireValidator(file);
