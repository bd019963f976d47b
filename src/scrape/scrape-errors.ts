import { ArtifactFormatError } from '../artifacts/parsers';
import { isTransientDatabaseError } from '../database/transient-errors';
import { FetchError } from '../fetch';

/**
 * What a scrape does about an error:
 * - `retry`: run the job again after backoff (an upstream 5xx, reset or timeout, while attempts remain);
 * - `database`: our database is briefly unavailable; hand the job back without writing anything,
 *   never ending the task in error for it;
 * - `give-up`: the artifact (or, when it was needed, the task) cannot be had; say why;
 * - `crash`: a bug; log it with its stack and end the task in error.
 */
export type ScrapeErrorAction = 'retry' | 'database' | 'give-up' | 'crash';

/**
 * Whether scraping the build again may succeed where this scrape ended in error: the log server
 * did not answer (after the queue's own retries), or the build had not uploaded its logs yet. Not
 * when the logs are gone, hold nothing readable, are too large or on a host not allowed, nor after a bug.
 */
export function retryCanHelp(err: unknown): boolean {
  return err instanceof FetchError && (err.retryable || err.kind === 'not-yet');
}

export function classifyScrapeError(err: unknown, lastAttempt: boolean): ScrapeErrorAction {
  // First: a log server refusing connections says "connect ECONNREFUSED" as a lost database does.
  if (err instanceof FetchError) return err.retryable && !lastAttempt ? 'retry' : 'give-up';
  if (isTransientDatabaseError(err)) return 'database';
  if (err instanceof ArtifactFormatError) return 'give-up';
  return 'crash';
}
