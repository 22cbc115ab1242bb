import { createRequire } from "node:module";
import pkg from "../package.json" with { type: "json" };

/** This package's version, as published. */
export const VERSION: string = pkg.version;

/**
 * The version of `@talos-cluster/config-schema` installed with this CLI. A new cluster repository depends on it
 * directly, so that the JSON Schemas its YAML modelines point at (`./node_modules/@talos-cluster/config-schema/schema`)
 * exist under every package manager (pnpm does not hoist a dependency's dependencies).
 */
export const CONFIG_SCHEMA_VERSION: string = (createRequire(import.meta.url)("@talos-cluster/config-schema/package.json") as { version: string }).version;
