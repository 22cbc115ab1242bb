import type { Command } from "../cli/command.js";

/** Every `talos-cluster` command. Each lives in its own file under src/commands/. */
export const commands: Command[] = [];
