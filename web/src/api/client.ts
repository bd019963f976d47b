import type {
  ApiErrorBody,
  CompareResponse,
  Entry,
  FailureCountsResponse,
  FailureDetail,
  FailureRule,
  FailureSearchResponse,
  FailureTopResponse,
  InsightAccepted,
  InsightProgress,
  InsightResult,
  ListResponse,
  PurgedRun,
  RecentResponse,
  ScrapeRequest,
  ScrapeResponse,
  StatusResponse,
  TaskBody,
  TaskNotReady,
  TaskResponse,
} from './types';

/** An API error carrying the service's own words (`message`) and HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }

  /** "502 Bad Gateway", "404 change 999999 not found on Gerrit"; no code when there was no answer. */
  get described(): string {
    return this.statusCode ? `${this.statusCode} ${this.message}` : this.message;
  }

  get notFound(): boolean {
    return this.statusCode === 404;
  }
}

/** What to show for a failed call: the service's words, or the error's text. */
export function messageOf(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

async function postJson<T>(
  path: string,
  body: unknown,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  return requestJson<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
}

const getJson = <T>(path: string, signal?: AbortSignal) => requestJson<T>(path, { headers: { accept: 'application/json' }, signal });

async function requestJson<T>(path: string, init: RequestInit): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, `The service did not answer (${(e as Error).message}).`);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: handled below */
  }
  if (!res.ok) {
    const err = json as Partial<ApiErrorBody> | null;
    // Not our JSON (a proxy's error page): its status text, as the status code is shown beside it.
    throw new ApiError(res.status, typeof err?.message === 'string' ? err.message : res.statusText || 'the service answered with an error');
  }
  return { status: res.status, body: json as T };
}

export const api = {
  /** `history`: every run (each patch set, recheck and retried attempt), not only each job's latest. */
  async list(q: string, signal?: AbortSignal, history = false): Promise<ListResponse> {
    return (await postJson<ListResponse>('/list', history ? { q, history } : { q }, signal)).body;
  },
  async scrape(entry: ScrapeRequest): Promise<ScrapeResponse> {
    return (await postJson<ScrapeResponse>('/scrape', entry)).body;
  },
  async status(uuid: string, signal?: AbortSignal): Promise<StatusResponse> {
    return (await postJson<StatusResponse>('/status', { q: uuid }, signal)).body;
  },
  /** Every run of every job on the change `q` names: all patch sets, every recheck. */
  async history(q: string, signal?: AbortSignal): Promise<Entry[]> {
    return (await postJson<ListResponse>('/list', { q, history: true }, signal)).body.results;
  },
  async compare(base: string, head: string, signal?: AbortSignal): Promise<CompareResponse> {
    return (await postJson<CompareResponse>('/compare', { base, head }, signal)).body;
  },
  async insight(task: string, builds: number): Promise<InsightAccepted> {
    return (await postJson<InsightAccepted>('/insight', { q: task, builds })).body;
  },
  /** 202 (still running) comes back as `finished: false` with the progress. */
  async insightResult(
    uuid: string,
    signal?: AbortSignal,
  ): Promise<{ finished: true; result: InsightResult } | { finished: false; progress: InsightProgress }> {
    const { status, body } = await postJson<InsightResult | InsightProgress>('/insight/result', { q: uuid }, signal);
    return status === 200 ? { finished: true, result: body as InsightResult } : { finished: false, progress: body as InsightProgress };
  },
  async recent(limit: number, signal?: AbortSignal): Promise<RecentResponse> {
    return (await getJson<RecentResponse>(`/recent?limit=${limit}`, signal)).body;
  },
  /** 202 (not ready) comes back as `ready: false`. */
  async task(uuid: string, signal?: AbortSignal): Promise<{ ready: true; task: TaskBody } | { ready: false; task: TaskNotReady }> {
    const { status, body } = await postJson<TaskResponse>('/task', { q: uuid }, signal);
    return status === 200 ? { ready: true, task: body as TaskBody } : { ready: false, task: body as TaskNotReady };
  },
  /** The run a purged task's kept failure occurrences remember (404: none). */
  async purgedRun(uuid: string, signal?: AbortSignal): Promise<PurgedRun> {
    return (await getJson<PurgedRun>(`/failures/task/${encodeURIComponent(uuid)}`, signal)).body;
  },
  async failuresTop(days: number, pipeline: string, project: string, signal?: AbortSignal): Promise<FailureTopResponse> {
    const query = new URLSearchParams({
      days: String(days),
      limit: '50',
      ...(pipeline ? { pipeline } : {}),
      ...(project ? { project } : {}),
    });
    return (await getJson<FailureTopResponse>(`/failures/top?${query}`, signal)).body;
  },
  async failuresSearch(q: string, days: number, project: string, signal?: AbortSignal): Promise<FailureSearchResponse> {
    return (await postJson<FailureSearchResponse>('/failures/search', { q, days, ...(project ? { project } : {}) }, signal)).body;
  },
  async failure(id: string, signal?: AbortSignal): Promise<FailureDetail> {
    return (await getJson<FailureDetail>(`/failures/${encodeURIComponent(id)}`, signal)).body;
  },
  /** Every page's failure groups in one request: occurrences and distinct changes of each id over `days`. */
  async failureCounts(ids: string[], days: number, signal?: AbortSignal): Promise<FailureCountsResponse> {
    return (await postJson<FailureCountsResponse>('/failures/counts', { ids, days }, signal)).body;
  },
  /** A rule linking the signatures `pattern` matches to a bug; the token goes in the header only. */
  async addFailureRule(token: string, rule: { pattern: string; bug_url: string; title: string }): Promise<FailureRule> {
    return (await postJson<FailureRule>('/failures/rules', rule, undefined, { authorization: `Bearer ${token}` })).body;
  },
};
