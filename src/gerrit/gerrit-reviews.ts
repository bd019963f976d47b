import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redactUrl } from '../config/load-config';
import type { GerritMessage } from './gerrit-client';
import { causeOf, isTimeout, XSSI_PREFIX } from './upstream-json';

/** How Gerrit took a review: 200, closed (409), unknown change or patch set (404), refused credentials (401/403), or not at all (5xx, no answer). */
export type ReviewOutcome =
  { kind: 'posted' } | { kind: 'closed' | 'not-found' | 'denied'; status: number } | { kind: 'unavailable'; reason: string };

export interface ReviewInput {
  message: string;
  tag: string;
  notify: 'NONE';
}

/**
 * Posts reviews to Gerrit and reads a change's messages, as GERRIT_USER with its HTTP password
 * (basic auth on the `/a/` endpoints). The password is only ever in the Authorization header.
 */
@Injectable()
export class GerritReviews {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get authorization(): string {
    const { gerritUser, gerritPassword } = this.config.watch;
    return `Basic ${Buffer.from(`${gerritUser ?? ''}:${gerritPassword ?? ''}`).toString('base64')}`;
  }

  private changeUrl(project: string, change: number): string {
    return `${this.config.gerritUrl}/a/changes/${encodeURIComponent(project)}~${change}`;
  }

  async post(project: string, change: number, patchSet: number, input: ReviewInput): Promise<ReviewOutcome> {
    const url = `${this.changeUrl(project, change)}/revisions/${patchSet}/review`;
    let status: number;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: this.authorization, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(this.config.fetchTimeoutMs),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      return { kind: 'unavailable', reason: `POST ${redactUrl(url)}: ${isTimeout(err) ? 'no answer in time' : causeOf(err)}` };
    }
    if (status === 200) return { kind: 'posted' };
    if (status === 409) return { kind: 'closed', status };
    if (status === 404) return { kind: 'not-found', status };
    if (status === 401 || status === 403) return { kind: 'denied', status };
    return { kind: 'unavailable', reason: `Gerrit answered HTTP ${status} to POST ${redactUrl(url)}` };
  }

  /** The change's messages; throws when Gerrit does not answer them. */
  async messages(project: string, change: number): Promise<GerritMessage[]> {
    const url = `${this.changeUrl(project, change)}/messages`;
    const res = await fetch(url, {
      headers: { authorization: this.authorization, accept: 'application/json' },
      signal: AbortSignal.timeout(this.config.fetchTimeoutMs),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`Gerrit answered HTTP ${res.status} to GET ${redactUrl(url)}`);
    const messages = JSON.parse(text.replace(XSSI_PREFIX, '')) as unknown;
    if (!Array.isArray(messages)) throw new Error(`Gerrit answered something that is not a list of messages to GET ${redactUrl(url)}`);
    return messages as GerritMessage[];
  }
}
