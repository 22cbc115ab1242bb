/** Gateway API duration (GEP-2257), the pattern of HTTPRoute `timeouts`. */
export const DURATION_PATTERN = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Milliseconds of a Gateway API duration, or undefined when it is not well-formed. */
export function parseDuration(value: string): number | undefined {
  if (!DURATION_PATTERN.test(value)) return undefined;
  let total = 0;
  for (const [, digits, unit] of value.matchAll(/([0-9]+)(ms|h|m|s)/g)) {
    total += Number(digits) * (UNIT_MS[unit as string] as number);
  }
  return total;
}

/** The shortest well-formed Gateway API duration for a number of milliseconds ("300s", "1500ms"). */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
