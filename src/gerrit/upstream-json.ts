import { BadGatewayException, GatewayTimeoutException } from '@nestjs/common';
import { redactUrl } from '../config/load-config';
import { TtlCache } from './ttl-cache';

export interface UpstreamJsonOptions {
  /** Named in every error message ("Gerrit", "Zuul"). */
  name: string;
  timeoutMs: number;
  cacheSeconds: number;
  /** Gerrit starts every JSON body with a `)]}'` line against XSSI. */
  stripXssiPrefix?: boolean;
  maxCachedAnswers?: number;
}

/** The line Gerrit puts before its JSON answers against XSSI. */
export const XSSI_PREFIX = /^\)\]\}'[^\n]*\n/;

/** What went wrong with a fetch, as briefly as its error tells it. */
export function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

export function isTimeout(error: unknown): boolean {
  return (error as Error)?.name === 'TimeoutError';
}

/**
 * GETs small JSON answers from one upstream, bounded by a timeout, with answers reused for a few
 * seconds (concurrent identical requests share one fetch). Failures become 502/504 naming the
 * upstream; a 404 resolves to null so callers can say what was not found.
 */
export class UpstreamJson {
  private readonly cache: TtlCache<Promise<unknown>>;

  constructor(private readonly options: UpstreamJsonOptions) {
    this.cache = new TtlCache(options.cacheSeconds * 1000, options.maxCachedAnswers ?? 500);
  }

  get(url: string): Promise<unknown> {
    const cached = this.cache.get(url);
    if (cached) return cached;
    const answer = this.fetchJson(url);
    this.cache.set(url, answer);
    answer.catch(() => {
      if (this.cache.get(url) === answer) this.cache.delete(url);
    });
    return answer;
  }

  private async fetchJson(url: string): Promise<unknown> {
    const { name, timeoutMs } = this.options;
    const shown = redactUrl(url);
    let text: string;
    let status: number;
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      status = res.status;
      text = await res.text();
    } catch (error) {
      if (isTimeout(error)) throw new GatewayTimeoutException(`${name} did not answer within ${timeoutMs} ms (GET ${shown})`);
      throw new BadGatewayException(`${name} is unreachable (GET ${shown}: ${causeOf(error)})`);
    }
    if (status === 404) return null;
    if (status < 200 || status >= 300) throw new BadGatewayException(`${name} answered HTTP ${status} to GET ${shown}`);
    try {
      return JSON.parse(this.options.stripXssiPrefix ? text.replace(XSSI_PREFIX, '') : text) as unknown;
    } catch {
      throw new BadGatewayException(`${name} answered something that is not JSON to GET ${shown}`);
    }
  }
}
