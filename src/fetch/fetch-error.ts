/**
 * Why an upstream fetch failed. The kind tells the scrape worker what to do next:
 * `transient` and `timeout` (no answer, or silence, for FETCH_TIMEOUT_MS) are worth a retry; the
 * others are not. `too-slow` is a download that kept going past ARTIFACT_TIMEOUT_MS: trying again
 * would take as long. `not-yet` is a build whose logs are not there (yet): not worth a retry now,
 * but a scrape once the build has finished may find them. `aborted` is our own doing (the worker
 * is stopping), never the upstream's.
 */
export type FetchErrorKind =
  'not-found' | 'not-yet' | 'forbidden-host' | 'too-large' | 'too-slow' | 'timeout' | 'transient' | 'permanent' | 'aborted';

export class FetchError extends Error {
  constructor(
    message: string,
    readonly kind: FetchErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }

  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'timeout';
  }
}

/** Network error codes that say "try again later" rather than "this will never work". */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Maps a socket, zlib or stream error met while fetching `url` to a FetchError. */
export function toFetchError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  if (TRANSIENT_CODES.has(code) || e?.message === 'aborted') {
    return new FetchError(`fetching ${url} failed: ${e.message}`, 'transient');
  }
  if (code.startsWith('Z_') || code === 'ERR_ZLIB_INITIALIZATION_FAILED') {
    return new FetchError(`${url} is not a valid gzip stream: ${e.message}`, 'permanent');
  }
  return new FetchError(`fetching ${url} failed: ${e?.message ?? String(err)}`, 'permanent');
}

/** Maps a non-2xx, non-redirect HTTP status to a FetchError. */
export function statusError(status: number, url: string): FetchError {
  if (status === 404 || status === 410) return new FetchError(`${url} was not found (${status})`, 'not-found', status);
  if (status >= 500 || status === 429 || status === 408) {
    return new FetchError(`${url} answered ${status}; the log server may be busy`, 'transient', status);
  }
  return new FetchError(`${url} answered ${status}`, 'permanent', status);
}
