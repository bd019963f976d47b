import { BadGatewayException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UpstreamJson } from './upstream-json';

export interface GerritAccount {
  _account_id?: number;
  name?: string;
  username?: string;
  email?: string;
}

export interface GerritMessage {
  id: string;
  /** Absent on Gerrit's own messages ("Uploaded patch set 3."). */
  author?: GerritAccount;
  /** `2016-02-09 02:39:10.000000000`, UTC. */
  date: string;
  message: string;
  /** The patch set the message is about; authoritative. */
  _revision_number?: number;
  tag?: string;
}

/** The parts of Gerrit's ChangeInfo that /list reads. */
export interface GerritChange {
  _number: number;
  project: string;
  /** The branch the change targets. */
  branch?: string;
  subject: string;
  status?: string;
  revisions: Record<string, { _number: number; created?: string }>;
  messages: GerritMessage[];
}

function isChange(value: unknown): value is GerritChange {
  const c = value as GerritChange | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c._number === 'number' &&
    typeof c.project === 'string' &&
    typeof c.subject === 'string' &&
    Array.isArray(c.messages) &&
    c.messages.every((m) => typeof m?.message === 'string' && typeof m?.date === 'string')
  );
}

/** Reads changes from Gerrit's REST API at GERRIT_URL. */
@Injectable()
export class GerritClient {
  private readonly http: UpstreamJson;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.http = new UpstreamJson({
      name: 'Gerrit',
      timeoutMs: config.fetchTimeoutMs,
      cacheSeconds: config.upstreamCacheSeconds,
      stripXssiPrefix: true,
    });
  }

  /** The change with its messages and all its revisions; 404 when Gerrit does not know it. */
  async getChange(change: number): Promise<GerritChange> {
    const answer = await this.http.get(`${this.config.gerritUrl}/changes/${change}/detail?o=ALL_REVISIONS`);
    if (answer === null) throw new NotFoundException(`change ${change} not found on Gerrit`);
    if (!isChange(answer)) throw new BadGatewayException(`Gerrit answered something that is not a change for ${change}`);
    const branch = typeof answer.branch === 'string' && answer.branch !== '' ? answer.branch : undefined;
    return { ...answer, branch, revisions: answer.revisions ?? {} };
  }

  /** Like getChange, but null when the change is unknown (for optional details such as a subject). */
  async findChange(change: number): Promise<GerritChange | null> {
    try {
      return await this.getChange(change);
    } catch (error) {
      if (error instanceof NotFoundException) return null;
      throw error;
    }
  }
}
