/**
 * A fake Gerrit REST API (review.opendev.org) on 127.0.0.1: JSON bodies start with the `)]}'` line,
 * unknown changes are a plain-text 404, and the `o=` options decide what a ChangeInfo carries, as in
 * Gerrit 3.x:
 * - `GET /changes/{id}/detail[?o=ALL_REVISIONS|CURRENT_REVISION]` — messages and detailed accounts;
 * - `GET /changes/{id}[?o=MESSAGES&o=ALL_REVISIONS&o=DETAILED_ACCOUNTS]`;
 * - `GET /changes/?q=change:{n}&o=…` — an array.
 * `{id}` is the number or `project~number` (project URL-encoded).
 * With an `account`, it also takes reviews as Gerrit does for a bot with an HTTP password:
 * - `POST /a/changes/{id}/revisions/{ps}/review` — basic auth (wrong or none: 401), unknown change or
 *   patch set 404, a change not NEW 409; else 200 `{"labels": {}}`, the ReviewInput recorded in
 *   `reviews` and added to the change's messages (`Patch Set N:` + message, its tag, the bot as author);
 * - `GET /a/changes/{id}/messages` — the change's messages (basic auth too).
 * `answerReviewsWith(503, …)` makes the next review posts fail with those statuses, recording nothing;
 * `storeReviewsThenAnswer(502)` records the next one and still answers 502 (a proxy that timed out
 * while Gerrit stored it: the poster cannot know it landed).
 */
import { Answer, FakeUpstream, RequestDetails, startFakeUpstream, textAnswer } from './fake-json-server';

export interface AccountInfo {
  _account_id: number;
  name?: string;
  email?: string;
  username?: string;
}

export interface ChangeMessageInfo {
  id: string;
  author?: AccountInfo;
  real_author?: AccountInfo;
  date: string;
  message: string;
  tag?: string;
  _revision_number: number;
}

export interface RevisionInfo {
  kind: string;
  _number: number;
  created: string;
  uploader: AccountInfo;
  ref: string;
}

/** A ChangeInfo as Gerrit holds it, with everything (the fake leaves out what `o=` did not ask for). */
export interface ChangeInfo {
  id: string;
  project: string;
  branch: string;
  change_id: string;
  subject: string;
  status: 'NEW' | 'MERGED' | 'ABANDONED';
  created: string;
  updated: string;
  owner: AccountInfo;
  _number: number;
  current_revision: string;
  revisions: Record<string, RevisionInfo>;
  messages: ChangeMessageInfo[];
}

const XSSI = ")]}'\n";

function json(body: unknown): Answer {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: XSSI + JSON.stringify(body) };
}

function brief(account: AccountInfo | undefined, detailed: boolean): AccountInfo | undefined {
  return account && !detailed ? { _account_id: account._account_id } : account;
}

/** The ChangeInfo Gerrit would send for these options. */
function render(change: ChangeInfo, options: string[], detail: boolean): Record<string, unknown> {
  const detailed = detail || options.includes('DETAILED_ACCOUNTS');
  const { revisions, messages, current_revision, owner, ...rest } = change;
  const out: Record<string, unknown> = { ...rest, owner: brief(owner, detailed) };
  if (options.includes('ALL_REVISIONS')) out.revisions = revisions;
  else if (options.includes('CURRENT_REVISION')) out.revisions = { [current_revision]: revisions[current_revision] };
  if (options.includes('ALL_REVISIONS') || options.includes('CURRENT_REVISION')) out.current_revision = current_revision;
  if (detail || options.includes('MESSAGES')) {
    out.messages = messages.map((m) => ({ ...m, author: brief(m.author, detailed), real_author: brief(m.real_author, detailed) }));
  }
  return out;
}

function findChange(changes: ChangeInfo[], id: string): ChangeInfo | undefined {
  const m = /^(?:(.+)~)?(\d+)$/.exec(id);
  if (!m) return undefined;
  return changes.find((c) => c._number === Number(m[2]) && (m[1] === undefined || m[1] === c.project));
}

/** The account reviews are posted as, and its HTTP password. */
export interface GerritBotAccount {
  username: string;
  password: string;
}

export interface RecordedReview {
  change: string;
  revision: string;
  /** The ReviewInput as received. */
  input: { message?: string; tag?: string; notify?: string; labels?: unknown };
}

export interface FakeGerrit extends FakeUpstream {
  /** Every review Gerrit accepted, in order. */
  reviews: RecordedReview[];
  /** The next review posts answer these statuses (recording nothing), then posts work again. */
  answerReviewsWith(...statuses: number[]): void;
  /** The next review posts are recorded but answered with these statuses. */
  storeReviewsThenAnswer(...statuses: number[]): void;
}

const BOT_ACCOUNT_ID = 1_000_042;

function authorised(request: RequestDetails, account: GerritBotAccount): boolean {
  const header = request.headers.authorization ?? '';
  const expected = `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`;
  return header === expected;
}

function gerritNow(): string {
  return `${new Date().toISOString().replace('T', ' ').replace('Z', '')}000000`;
}

export async function startFakeGerrit(changes: ChangeInfo[], account?: GerritBotAccount): Promise<FakeGerrit> {
  const reviews: RecordedReview[] = [];
  const forced: number[] = [];
  const afterStoring: number[] = [];
  const reviewRoutes = (method: string, path: string, request: RequestDetails): Answer | null => {
    const m = /^\/a\/changes\/([^/]+)\/(messages|revisions\/([^/]+)\/review)\/?$/.exec(path);
    if (!m || !account) return null;
    if (!authorised(request, account)) return textAnswer(401, 'Unauthorized');
    const id = decodeURIComponent(m[1]);
    const change = findChange(changes, id);
    if (m[2] === 'messages') {
      if (method !== 'GET') return textAnswer(405, 'Method Not Allowed');
      return change ? json(change.messages) : textAnswer(404, `Not found: ${id}\n`);
    }
    if (method !== 'POST') return textAnswer(405, 'Method Not Allowed');
    const status = forced.shift();
    if (status !== undefined) return textAnswer(status, `forced ${status}\n`);
    const revision = m[3];
    if (!change || !Object.values(change.revisions).some((r) => String(r._number) === revision))
      return textAnswer(404, `Not found: ${id}\n`);
    if (change.status !== 'NEW') return textAnswer(409, 'change is closed\n');
    let input: RecordedReview['input'];
    try {
      input = JSON.parse(request.body) as RecordedReview['input'];
    } catch {
      return textAnswer(400, 'Invalid JSON\n');
    }
    reviews.push({ change: id, revision, input });
    change.messages.push({
      id: `review${reviews.length}`,
      author: { _account_id: BOT_ACCOUNT_ID, name: 'StackViz', username: account.username },
      date: gerritNow(),
      message: `Patch Set ${revision}:\n\n${input.message ?? ''}`,
      ...(input.tag ? { tag: input.tag } : {}),
      _revision_number: Number(revision),
    });
    const answer = afterStoring.shift();
    return answer === undefined ? json({ labels: {} }) : textAnswer(answer, `forced ${answer} after storing\n`);
  };
  const upstream = await startFakeUpstream((method, url, request) => {
    const review = reviewRoutes(method, url.pathname, request);
    if (review) return review;
    if (method !== 'GET') return textAnswer(405, 'Method Not Allowed');
    const options = url.searchParams.getAll('o');
    const path = url.pathname.replace(/^\/a\//, '/');
    if (path === '/changes/') {
      const q = url.searchParams.get('q') ?? '';
      const n = /^(?:change:)?(\d+)$/.exec(q);
      const found = n ? changes.filter((c) => c._number === Number(n[1])) : [];
      return json(found.map((c) => render(c, options, false)));
    }
    const m = /^\/changes\/([^/]+)(\/detail)?\/?$/.exec(path);
    if (!m) return textAnswer(404, 'Not Found\n');
    const id = decodeURIComponent(m[1]);
    const change = findChange(changes, id);
    if (!change) return textAnswer(404, `Not found: ${id}\n`);
    return json(render(change, options, m[2] !== undefined));
  });
  return {
    ...upstream,
    reviews,
    answerReviewsWith: (...statuses) => void forced.push(...statuses),
    storeReviewsThenAnswer: (...statuses) => void afterStoring.push(...statuses),
  };
}
