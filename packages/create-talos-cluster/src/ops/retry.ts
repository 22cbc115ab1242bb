/** Waits `ms` milliseconds; injectable so tests do not wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Total attempts, at least 1. */
  attempts: number;
  /** Delay between attempts, in milliseconds. */
  delayMs: number;
  sleep: Sleep;
}

/**
 * Calls `attempt` until it returns true or the attempts run out; `onRetry` reports each wait.
 * Returns whether an attempt succeeded.
 */
export async function retry(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<boolean>,
  onRetry: (n: number) => void,
): Promise<boolean> {
  const attempts = Math.max(1, policy.attempts);
  for (let n = 1; n <= attempts; n++) {
    if (await attempt(n)) return true;
    if (n < attempts) {
      onRetry(n);
      await policy.sleep(policy.delayMs);
    }
  }
  return false;
}
