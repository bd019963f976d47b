import { setMaxListeners } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { pipeline, Readable } from 'node:stream';
import { createGunzip, ZlibOptions } from 'node:zlib';
import { HostList } from '../config/host-list';
import { forbiddenAddressKind } from './address-policy';
import { FetchError, statusError, toFetchError } from './fetch-error';
import { peekBytes } from './peek-bytes';

export interface ArtifactFetcherOptions {
  /** ARTIFACT_HOSTS: checked for the first URL and every redirect hop, before connecting. */
  allowedHosts: HostList;
  /** FETCH_TIMEOUT_MS: limit for the response headers and for any silence on the socket. */
  timeoutMs: number;
  /** MAX_ARTIFACT_BYTES: cap on one body's decompressed size. */
  maxBytes: number;
  /** ARTIFACT_TIMEOUT_MS: limit on one GET from request to last byte, however steadily bytes arrive. */
  totalTimeoutMs?: number;
  maxRedirects?: number;
  /** Aborts every request of this fetcher (a stopping worker); they fail with kind `aborted`. */
  signal?: AbortSignal;
  /** How host names are resolved (Node's dns.lookup by default); tests inject a fake DNS. */
  lookup?: LookupFunction;
}

/** A cap on a body's decompressed size, and what to call it in the error. */
export interface SizeLimit {
  bytes: number;
  name: string;
}

export interface OpenedArtifact {
  /** The decompressed body. Destroy it to stop a download early. */
  body: Readable;
  finalUrl: string;
  contentType: string | null;
  /** The download's Content-Length (of the compressed bytes when it came gzipped), when the server sent one. */
  downloadBytes?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
/**
 * zlib's output buffer for inflating a download. Each full buffer is one round trip between the
 * thread pool and the main thread; with zlib's default 16 KiB a 25 MB stream takes 1,600 of them.
 */
const GUNZIP_CHUNK_BYTES = 256 * 1024;
/**
 * How far inflating may run ahead of the parser reading its output: on the thread pool, while the
 * main thread decodes. (A Transform's default 16 KiB would stall it after every chunk.)
 */
const GUNZIP_AHEAD_BYTES = 4 * 1024 * 1024;
// zlib hands its options to the Transform it is, but the typings list only zlib's own.
const GUNZIP_OPTIONS = { chunkSize: GUNZIP_CHUNK_BYTES, readableHighWaterMark: GUNZIP_AHEAD_BYTES } as ZlibOptions;
const USER_AGENT = 'stackviz-deployer';

interface UpstreamResponse {
  res: http.IncomingMessage;
  finalUrl: string;
  /** Set when the request was aborted by us (a timeout); wins over the socket error it causes. */
  abortReason(): FetchError | undefined;
}

/**
 * A guarded HTTP client for CI log servers: only ARTIFACT_HOSTS are ever contacted (redirects are
 * followed by hand so every hop is checked), bodies are streamed and gunzipped exactly once, and
 * the decompressed size is capped while streaming, so a gzip bomb stops at the cap.
 */
export class ArtifactFetcher {
  private readonly maxRedirects: number;

  constructor(private readonly opts: ArtifactFetcherOptions) {
    this.maxRedirects = opts.maxRedirects ?? 5;
  }

  /** The same fetcher, whose requests `signal` aborts. */
  withSignal(signal: AbortSignal): ArtifactFetcher {
    // Each request in flight listens to it, and probing sends a dozen at once (Node warns past 10).
    setMaxListeners(64, signal);
    return new ArtifactFetcher({ ...this.opts, signal });
  }

  /** GETs `url` and returns its decompressed body as a stream, capped at MAX_ARTIFACT_BYTES. */
  open(url: string): Promise<OpenedArtifact> {
    return this.get(url, this.artifactLimit());
  }

  /** GETs a small text document (a listing or manifest) whole, capped at `limit` or MAX_ARTIFACT_BYTES, whichever is less. */
  async text(url: string, limit?: SizeLimit): Promise<{ text: string; finalUrl: string; contentType: string | null }> {
    const cap = limit && limit.bytes < this.opts.maxBytes ? limit : this.artifactLimit();
    const { body, finalUrl, contentType } = await this.get(url, cap);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return { text: Buffer.concat(chunks).toString('utf8'), finalUrl, contentType };
  }

  /** True if `url` exists (2xx), false on 404/410; other failures throw. Uses HEAD, or GET where HEAD is refused. */
  async exists(url: string): Promise<boolean> {
    let { res } = await this.follow(url, 'HEAD');
    if (res.statusCode === 405 || res.statusCode === 501) {
      res.resume();
      ({ res } = await this.follow(url, 'GET'));
    }
    const status = res.statusCode ?? 0;
    res.destroy();
    if (status >= 200 && status < 300) return true;
    if (status === 404 || status === 410) return false;
    throw statusError(status, safeUrl(url));
  }

  private artifactLimit(): SizeLimit {
    return { bytes: this.opts.maxBytes, name: 'MAX_ARTIFACT_BYTES' };
  }

  private async get(url: string, limit: SizeLimit): Promise<OpenedArtifact> {
    const deadline = Date.now() + (this.opts.totalTimeoutMs ?? Infinity);
    const { res, finalUrl, abortReason } = await this.follow(url, 'GET');
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      res.resume();
      throw statusError(status, safeUrl(finalUrl));
    }
    const name = artifactName(finalUrl);
    const contentType = res.headers['content-type'] ?? null;
    try {
      const encoding = (res.headers['content-encoding'] || 'identity').trim().toLowerCase();
      if (!['identity', 'gzip', 'x-gzip'].includes(encoding)) {
        throw new FetchError(`${safeUrl(finalUrl)} came with Content-Encoding ${encoding}, which is not supported`, 'permanent');
      }
      const encoded = encoding !== 'identity';
      const { head, source } = encoded ? { head: null, source: res } : await peekBytes(res, GZIP_MAGIC.length);
      const gunzip = encoded || head!.equals(GZIP_MAGIC);
      const declared = Number(res.headers['content-length']);
      if (!gunzip && declared > limit.bytes) throw tooLarge(name, limit);
      const decoded = gunzip ? pipeline(source, createGunzip(GUNZIP_OPTIONS), () => undefined) : source;
      const limits = { size: limit, deadline, totalTimeoutMs: this.opts.totalTimeoutMs ?? Infinity };
      const downloadBytes = Number.isFinite(declared) ? declared : undefined;
      return { body: capped(decoded, res, limits, name, safeUrl(finalUrl), abortReason), finalUrl, contentType, downloadBytes };
    } catch (err) {
      res.destroy();
      throw abortReason() ?? toFetchError(err, safeUrl(finalUrl));
    }
  }

  /** Sends `method` to `url`, following redirects by hand; returns the first non-redirect response. */
  private async follow(url: string, method: 'GET' | 'HEAD'): Promise<UpstreamResponse> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const { target, lookup } = this.checkTarget(current);
      const sent = await this.send(target, method, lookup);
      const status = sent.res.statusCode ?? 0;
      if (!REDIRECT_STATUSES.has(status)) return { ...sent, finalUrl: target.toString() };
      sent.res.resume();
      const location = sent.res.headers.location;
      if (!location) throw new FetchError(`${safeUrl(target)} redirected (${status}) without a Location`, 'permanent', status);
      if (hop >= this.maxRedirects) {
        throw new FetchError(`${safeUrl(url)} redirected more than ${this.maxRedirects} times`, 'permanent', status);
      }
      current = new URL(location, target).toString();
    }
  }

  private checkTarget(url: string): { target: URL; lookup: LookupFunction | undefined } {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new FetchError(`"${url}" is not a URL`, 'permanent');
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new FetchError(`refusing to fetch ${safeUrl(target)}: only http and https URLs are fetched`, 'permanent');
    }
    const match = this.opts.allowedHosts.match(target);
    if (!match) {
      throw new FetchError(
        `refusing to fetch ${safeUrl(target)}: host ${target.host} is not in ARTIFACT_HOSTS (${this.opts.allowedHosts})`,
        'forbidden-host',
      );
    }
    // The check happens in the lookup the connection itself uses: the address judged is the one
    // connected to, so a name that resolves differently the next time (DNS rebinding) gains nothing.
    return { target, lookup: match === 'wildcard' ? publicOnlyLookup(safeUrl(target), this.opts.lookup) : this.opts.lookup };
  }

  private send(target: URL, method: 'GET' | 'HEAD', lookup: LookupFunction | undefined): Promise<Omit<UpstreamResponse, 'finalUrl'>> {
    const { timeoutMs } = this.opts;
    const lib = target.protocol === 'https:' ? https : http;
    const { signal } = this.opts;
    return new Promise((resolve, reject) => {
      let abortReason: FetchError | undefined;
      const abortWith = (reason: FetchError) => {
        abortReason ??= reason;
        req.destroy(abortReason);
      };
      const abort = (message: string) => abortWith(new FetchError(`${message} (FETCH_TIMEOUT_MS is ${timeoutMs} ms)`, 'timeout'));
      const stop = () =>
        abortWith(new FetchError(`stopped fetching ${safeUrl(target)}: ${String(signal?.reason ?? 'aborted')}`, 'aborted'));
      const req = lib.request(target, {
        method,
        agent: false,
        ...(lookup ? { lookup } : {}),
        headers: { 'accept-encoding': 'gzip', 'user-agent': USER_AGENT },
      });
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, { once: true });
      req.once('close', () => signal?.removeEventListener('abort', stop));
      const headersTimer = setTimeout(() => abort(`${safeUrl(target)} did not answer in time`), timeoutMs);
      req.setTimeout(timeoutMs, () => abort(`${safeUrl(target)} went silent`));
      req.on('error', (err) => {
        clearTimeout(headersTimer);
        reject(abortReason ?? toFetchError(err, safeUrl(target)));
      });
      req.on('response', (res) => {
        clearTimeout(headersTimer);
        resolve({ res, abortReason: () => abortReason });
      });
      req.end();
    });
  }
}

/**
 * A lookup that fails unless every address the name resolves to is public (address-policy.ts), for
 * hosts allowed only through a `*.domain` entry. Every redirect hop and every connection resolves
 * through it again.
 */
function publicOnlyLookup(url: string, base: LookupFunction = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, answer) => {
      if (err) return callback(err, '');
      const addresses = answer as unknown as LookupAddress[];
      const refused = addresses.map((a) => ({ address: a.address, kind: forbiddenAddressKind(a.address) })).find((a) => a.kind);
      if (refused || addresses.length === 0) {
        const why = refused ? `resolves to ${refused.address} (${refused.kind})` : 'resolves to no address';
        return callback(
          new FetchError(
            `refusing to fetch ${url}: host ${hostname} ${why}; a host allowed by a *.domain entry of ARTIFACT_HOSTS may only reach public addresses`,
            'forbidden-host',
          ),
          '',
        );
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

interface BodyLimits {
  size: SizeLimit;
  /** When the whole download must be over (epoch ms), and the setting that put it there. */
  deadline: number;
  totalTimeoutMs: number;
}

/**
 * Re-streams `decoded`, failing with 'too-large' once more than `limits.size` bytes have passed
 * through and with 'too-slow' at the deadline. A connection that breaks off part-way says after
 * how many bytes.
 */
function capped(
  decoded: Readable,
  res: http.IncomingMessage,
  limits: BodyLimits,
  name: string,
  url: string,
  abortReason: () => FetchError | undefined,
): Readable {
  let total = 0;
  let overtime: FetchError | undefined;
  const remaining = limits.deadline - Date.now();
  const timer = Number.isFinite(remaining)
    ? setTimeout(
        () => {
          overtime = tooSlow(name, limits.totalTimeoutMs, total);
          res.destroy(overtime);
        },
        Math.max(0, remaining),
      )
    : undefined;
  async function* counted(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of decoded) {
        total += (chunk as Buffer).length;
        if (total > limits.size.bytes) throw tooLarge(name, limits.size);
        yield chunk as Buffer;
      }
    } catch (err) {
      throw overtime ?? abortReason() ?? brokeOff(toFetchError(err, url), total);
    } finally {
      clearTimeout(timer);
      decoded.destroy();
      res.destroy();
    }
  }
  return Readable.from(counted(), { objectMode: false });
}

/** A body cut short by the network: say how far it got, which tells a reset from a refused request. */
function brokeOff(err: FetchError, bytes: number): FetchError {
  return err.kind === 'transient'
    ? new FetchError(`the download broke off after ${bytes} bytes (${err.message})`, 'transient', err.status)
    : err;
}

function tooSlow(name: string, totalTimeoutMs: number, bytes: number): FetchError {
  return new FetchError(
    `${name} was still downloading after ARTIFACT_TIMEOUT_MS (${totalTimeoutMs} ms; ${bytes} bytes so far): ` +
      'the log server is sending too slowly; raise ARTIFACT_TIMEOUT_MS to allow more time',
    'too-slow',
  );
}

function tooLarge(name: string, limit: SizeLimit): FetchError {
  return new FetchError(`${name} is larger than ${limit.name} (${limit.bytes} bytes)`, 'too-large');
}

/** The file name at the end of a URL's path, as shown in messages. */
function artifactName(url: string): string {
  const path = new URL(url).pathname;
  const last = path.split('/').filter(Boolean).pop() ?? path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The URL without user:password, for messages and logs. */
export function safeUrl(url: URL | string): string {
  const u = new URL(url.toString());
  u.username = '';
  u.password = '';
  return u.toString();
}
