import type { Context } from "./context.js";

/** One `talos-cluster <name…>` command. `run` returns the exit code. */
export interface Command {
  /** Words after `talos-cluster`, e.g. ["validate"] or ["sops", "encrypt"]. */
  path: string[];
  summary: string;
  usage: string;
  run(args: string[], ctx: Context): Promise<number>;
}
