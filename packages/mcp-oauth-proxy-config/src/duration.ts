/** Gateway API / agentgateway duration syntax. */
export const DURATION_PATTERN = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** Milliseconds of a duration string, or undefined when it does not match the syntax. */
export function durationMs(value: string): number | undefined {
  if (!DURATION_PATTERN.test(value)) return undefined;
  let total = 0;
  for (const part of value.matchAll(/([0-9]{1,5})(ms|h|m|s)/g)) {
    total += Number(part[1]) * (UNIT_MS[part[2] as string] ?? 0);
  }
  return total;
}
