import { ArtifactFormatError } from '../artifacts/parsers';
import { isTransientDatabaseError } from '../database/transient-errors';
import { FetchError } from './fetch';

/**
 * What a scrape does about an error:
 * - `retry`: run the job again after backoff (an upstream 5xx, reset or timeout, while attempts remain);
 * - `database`: our database is briefly unavailable; hand the job back without writing anything,
 *   never ending the task in error for it;
 * - `give-up`: the artifact (or, when it was needed, the task) cannot be had; say why;
 * - `crash`: a bug; log it with its stack and end the task in error.
 */
export type ScrapeErrorAction = 'retry' | 'database' | 'give-up' | 'crash';

export function classifyScrapeError(err: unknown, lastAttempt: boolean): ScrapeErrorAction {
  if (isTransientDatabaseError(err)) return 'database';
  if (err instanceof FetchError) return err.retryable && !lastAttempt ? 'retry' : 'give-up';
  if (err instanceof ArtifactFormatError) return 'give-up';
  return 'crash';
}
