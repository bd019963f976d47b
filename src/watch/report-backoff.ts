/** A review Gerrit did not take (5xx, no answer) is retried this long, then given up. */
export const REPORT_RETRY_FOR_MS = 3600 * 1000;
const LONGEST_WAIT_MS = 15 * 60 * 1000;

/**
 * The wait before the review's next attempt after `attempts` failed ones, doubling from one poll
 * interval up to 15 minutes; null once the waits add up to an hour (give up).
 */
export function reportRetryDelayMs(attempts: number, intervalMs: number): number | null {
  let waited = 0;
  let delay = intervalMs;
  for (let i = 1; i < attempts; i++) {
    waited += delay;
    delay = Math.min(delay * 2, LONGEST_WAIT_MS);
  }
  return waited + delay > REPORT_RETRY_FOR_MS ? null : delay;
}
