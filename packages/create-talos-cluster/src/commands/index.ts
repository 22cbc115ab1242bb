import type { Command } from "../cli/command.js";
import { aiSmoke } from "./ai-smoke.js";
import { bootstrapCommands } from "./bootstrap.js";
import { configureCommand } from "./configure.js";
import { debug } from "./debug.js";
import { doctor } from "./doctor.js";
import { mcpCheck } from "./mcp-check.js";
import { reconcile } from "./reconcile.js";
import { init } from "./init.js";
import { sopsCommands } from "./sops.js";
import { talosCommands } from "./talos.js";
import { validate } from "./validate.js";

/** Every `talos-cluster` command. Each lives in its own file under src/commands/. */
export const commands: Command[] = [
  ...talosCommands,
  ...bootstrapCommands,
  reconcile,
  debug,
  validate,
  configureCommand,
  doctor,
  aiSmoke,
  mcpCheck,
  ...sopsCommands,
  init,
];
