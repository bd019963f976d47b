import type { JobEntry } from '../api-shapes';
import { FetchError } from '../fetch';

/**
 * Why a build's logs are 404 when its task came without a CI result (`/scrape` with only `url`):
 * either the build has not finished yet (its logs are not uploaded: `not-yet`, a retry may help) or
 * its logs have expired (`not-found`). The entry `/list` gives for the task's URL (looked up when
 * the scrape started, from Zuul's API, never its logs) tells which; when there is none, both are
 * named. `gone` is discovery's 404.
 */
export function missingLogsError(url: string, gone: FetchError, entry: JobEntry | null): FetchError {
  if (entry?.build_uuid && entry.status === null) {
    return new FetchError(
      `there are no logs at ${url} yet: Zuul says build ${entry.build_uuid} has no result, so it is still running; scrape it again once it finishes`,
      'not-yet',
      404,
    );
  }
  if (entry?.status) {
    const ended = entry.finished_at ? ` on ${entry.finished_at.slice(0, 10)}` : '';
    const says = entry.build_uuid
      ? `Zuul says build ${entry.build_uuid} finished${ended} with ${entry.status}`
      : `its CI report says it ended ${entry.status}`;
    return new FetchError(`${gone.message} (${says})`, 'not-found', 404);
  }
  return new FetchError(
    `there are no logs at ${url} (404), and Zuul could not say whether the build has finished: ` +
      'either it is still running (scrape it again once it finishes) or it finished long enough ago that its logs have expired',
    'not-yet',
    404,
  );
}
