/** A non-negative integer flag value, or the default; `usageError` makes the command's usage error. */
export function intFlag(value: string | undefined, name: string, fallback: number, usageError: (reason: string) => Error): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw usageError(`--${name} must be a whole number ≥ 0, got "${value}".`);
  return Number(value);
}
