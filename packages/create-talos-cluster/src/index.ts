export type { Command } from "./cli/command.js";
export { type Context, nodeContext, UsageError, UserError } from "./cli/context.js";
export { helpText, runGuarded, runTalosCluster } from "./cli/run.js";
export { runCreate } from "./create/run.js";
export { CancelledError, clackPrompter, type Prompter } from "./cli/prompter.js";
export { runConfigure, type ConfigureOptions, type ConfigureOutcome, type ConfigureStages, type StageResult } from "./configure/pipeline.js";
export { createDefaultStages, type DefaultStages } from "./configure/default-stages.js";
export { VERSION } from "./version.js";
