import { type Context, UsageError } from "../cli/context.js";
import { CancelledError } from "../cli/prompter.js";

/**
 * Destructive operations need consent: `--yes`, or a "yes" on a terminal. Without a terminal
 * and without `--yes` it is a usage error (exit 2); answering "no" cancels (exit 130).
 */
export async function confirmOrStop(ctx: Context, yes: boolean, question: string, command: string): Promise<void> {
  if (yes) return;
  if (!ctx.interactive || !ctx.prompter) {
    throw new UsageError(`${question}\nNo terminal to ask on: rerun with --yes to confirm (\`${command} --yes\`).`);
  }
  const ok = await ctx.prompter.confirm({ message: `${question} Continue?`, initialValue: false });
  if (!ok) throw new CancelledError();
}
