import type { Context } from "../cli/context.js";

/** `npm create talos-cluster`: scaffolding lands with its own issue. */
export async function runCreate(_argv: string[], ctx: Context): Promise<number> {
  ctx.stderr("create-talos-cluster: scaffolding is not available yet; use `talos-cluster validate`.\n");
  return 1;
}
