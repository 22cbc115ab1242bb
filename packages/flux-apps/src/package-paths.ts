import { fileURLToPath } from "node:url";

// This module sits directly in src/ (and is bundled into dist/index.js), so `../` is the package
// root in both cases.

/** Absolute path of the package's `templates/` directory (shipped in the npm package). */
export function packageTemplatesDir(): string {
  return fileURLToPath(new URL("../templates", import.meta.url));
}

/** Absolute path of the package's vendored `schemas/` directory, with a trailing slash. */
export function packageSchemasDir(): string {
  return fileURLToPath(new URL("../schemas/", import.meta.url));
}

/** Absolute path of the build-time generated validators (`dist/validators/`), with a trailing slash. */
export function packageValidatorsDir(): string {
  return fileURLToPath(new URL("../dist/validators/", import.meta.url));
}
