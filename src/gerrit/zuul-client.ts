import { BadGatewayException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UpstreamJson } from './upstream-json';

/** A Zuul build, the same whichever API shape it came in. */
export interface ZuulBuild {
  uuid: string;
  /** Zuul's database row id, given when the build starts (null from an answer without it). */
  id: number | null;
  jobName: string;
  /** Null while the build runs. */
  result: string | null;
  /** False for a build Zuul retried (RETRY): another build of the job replaced it. */
  final: boolean;
  pipeline: string | null;
  voting: boolean | null;
  duration: number | null;
  /** ISO 8601 UTC. */
  endTime: string | null;
  /** Ends in `/`; null when the build left no logs (SKIPPED, ERROR, NODE_FAILURE, a failed upload). */
  logUrl: string | null;
  /** Why an ERROR-like result happened, in Zuul's words. */
  errorDetail: string | null;
  buildsetUuid: string | null;
  project: string | null;
  branch: string | null;
  change: number | null;
  patchSet: number | null;
}

export interface ZuulBuildset {
  uuid: string;
  /** MERGE_CONFLICT, CONFIG_ERROR, NO_JOBS, … when it ran no builds; null while it runs. */
  result: string | null;
  /** What Zuul reported (`Build succeeded.`, the merge-conflict text, the config error). */
  message: string | null;
  /** Its final builds (RETRY ones left out); empty when it ran none. */
  builds: ZuulBuild[];
}

/** The builds query's filters (every one optional; Zuul ANDs them). */
export interface BuildsFilter {
  change?: number;
  patchset?: number;
  project?: string;
  branch?: string;
  /** The commit a ref-updated (post, tag, release) build ran for. */
  newrev?: string;
  pipeline?: string;
  job_name?: string;
}

/** The buildsets query's filters used here. */
export interface BuildsetsFilter {
  change: number;
  patchset: number;
}

/** Builds asked for per request: every run of a patch set, rechecks included, in one; Zuul's default is 50. */
export const BUILDS_LIMIT = 1000;
const FILTER_ORDER = ['change', 'patchset', 'project', 'branch', 'newrev', 'pipeline', 'job_name'] as const;
/** Build results whose logs hold a complete test run. */
const TEST_RESULTS = ['SUCCESS', 'FAILURE'];

type Raw = Record<string, unknown>;
/** What a buildset answer tells the builds nested in it, which leave it out. */
interface Inherited {
  project: string | null;
  branch: string | null;
  change: number | null;
  patchSet: number | null;
  pipeline: string | null;
  buildsetUuid: string | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function obj(v: unknown): Raw | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : null;
}

/** Zuul ≥ 10 sends `patchset` as a string, older Zuul as a number or string. */
function int(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/** Zuul's times are UTC without a zone (`2024-02-13T23:39:24`). */
function utcIso(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Change fields from the nested `ref{}` (Zuul ≥ 10) or from the top level (older Zuul). */
function refFields(raw: Raw): Pick<Inherited, 'project' | 'branch' | 'change' | 'patchSet'> {
  const ref = obj(raw.ref) ?? raw;
  return { project: str(ref.project), branch: str(ref.branch), change: int(ref.change), patchSet: int(ref.patchset) };
}

function readBuild(raw: unknown, inherited?: Inherited): ZuulBuild | null {
  const b = obj(raw);
  if (b === null || typeof b.uuid !== 'string' || typeof b.job_name !== 'string') return null;
  const own = refFields(b);
  const logUrl = str(b.log_url);
  const result = str(b.result);
  return {
    uuid: b.uuid,
    id: int(b._id),
    jobName: b.job_name,
    result,
    // Zuul before `final` existed marked a retried build only by its result.
    final: b.final !== false && result !== 'RETRY',
    pipeline: str(b.pipeline) ?? inherited?.pipeline ?? null,
    voting: typeof b.voting === 'boolean' ? b.voting : null,
    duration: typeof b.duration === 'number' ? b.duration : null,
    endTime: utcIso(b.end_time),
    logUrl: logUrl === null ? null : logUrl.endsWith('/') ? logUrl : `${logUrl}/`,
    errorDetail: str(b.error_detail),
    buildsetUuid: str(obj(b.buildset)?.uuid) ?? inherited?.buildsetUuid ?? null,
    project: own.project ?? inherited?.project ?? null,
    branch: own.branch ?? inherited?.branch ?? null,
    change: own.change ?? inherited?.change ?? null,
    patchSet: own.patchSet ?? inherited?.patchSet ?? null,
  };
}

/** One page of the builds the watcher follows, running and completed alike: newest first, `_id` at least `idxMin`. */
export interface FollowQuery {
  pipelines: string[];
  idxMin: number | null;
  limit: number;
  skip: number;
}

/** Reads builds from Zuul's REST API at ZUUL_URL. */
@Injectable()
export class ZuulClient {
  private readonly http: UpstreamJson;
  /** The watcher's polls must see Zuul as it is now: no answer is reused. */
  private readonly uncached: UpstreamJson;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.http = new UpstreamJson({ name: 'Zuul', timeoutMs: config.fetchTimeoutMs, cacheSeconds: config.upstreamCacheSeconds });
    this.uncached = new UpstreamJson({ name: 'Zuul', timeoutMs: config.fetchTimeoutMs, cacheSeconds: 0 });
  }

  private api(tenant: string, path: string): string {
    return `${this.config.zuulUrl}/api/tenant/${encodeURIComponent(tenant)}/${path}`;
  }

  /**
   * The builds matching the filter, newest first: one request, unless more than BUILDS_LIMIT match
   * (a many-job patch set rechecked often), then one per BUILDS_LIMIT. Without `final=true` Zuul's
   * answer also holds the builds it retried (`final: false`); they are kept, so a log URL of a
   * retried attempt still resolves, and callers listing CI results skip them.
   */
  async builds(tenant: string, filter: BuildsFilter): Promise<ZuulBuild[]> {
    const params = new URLSearchParams();
    for (const name of FILTER_ORDER) {
      if (filter[name] !== undefined) params.set(name, String(filter[name]));
    }
    params.set('limit', String(BUILDS_LIMIT));
    const all: ZuulBuild[] = [];
    for (let skip = 0; ; skip += BUILDS_LIMIT) {
      if (skip > 0) params.set('skip', String(skip));
      const page = await this.buildsPage(tenant, params);
      all.push(...page);
      if (page.length < BUILDS_LIMIT) return all;
    }
  }

  /** One page of the builds of some pipelines, running or completed, asked afresh. */
  followPage(tenant: string, query: FollowQuery): Promise<ZuulBuild[]> {
    const params = new URLSearchParams();
    for (const pipeline of query.pipelines) params.append('pipeline', pipeline);
    if (query.idxMin !== null) params.set('idx_min', String(query.idxMin));
    params.set('limit', String(query.limit));
    if (query.skip > 0) params.set('skip', String(query.skip));
    return this.buildsPage(tenant, params, this.uncached);
  }

  private async buildsPage(tenant: string, params: URLSearchParams, http = this.http): Promise<ZuulBuild[]> {
    const answer = await http.get(this.api(tenant, `builds?${params}`));
    if (answer === null) throw new NotFoundException(`Zuul has no tenant "${tenant}"`);
    const builds = Array.isArray(answer) ? answer.map((b) => readBuild(b)) : [null];
    if (builds.some((b) => b === null)) throw new BadGatewayException('Zuul answered something that is not a list of builds');
    return builds as ZuulBuild[];
  }

  /**
   * The newest completed builds of a job on any change, newest first, that ended SUCCESS or
   * FAILURE (results that ran the tests to the end). Zuul matches `job_name` exactly unless it
   * holds a `*`, so the name is checked again here.
   */
  async completedBuildsOfJob(tenant: string, jobName: string, limit: number): Promise<ZuulBuild[]> {
    const params = new URLSearchParams({ job_name: jobName, complete: 'true' });
    for (const result of TEST_RESULTS) params.append('result', result);
    params.set('limit', String(limit));
    const builds = await this.buildsPage(tenant, params);
    return builds.filter((b) => b.jobName === jobName);
  }

  /** One build, final or not: the caller named it. */
  async build(tenant: string, uuid: string): Promise<ZuulBuild> {
    const answer = await this.http.get(this.api(tenant, `build/${uuid}`));
    if (answer === null) throw new NotFoundException(`build ${uuid} not found on Zuul (tenant ${tenant})`);
    const build = readBuild(answer);
    if (!build) throw new BadGatewayException(`Zuul answered something that is not a build for ${uuid}`);
    return build;
  }

  /**
   * The buildsets of a change's patch set, newest first, without their builds (what Zuul's
   * buildsets query gives): the way to see that one ended MERGE_CONFLICT and ran nothing.
   */
  async buildsets(tenant: string, filter: BuildsetsFilter): Promise<Omit<ZuulBuildset, 'builds'>[]> {
    const params = new URLSearchParams({ change: String(filter.change), patchset: String(filter.patchset), limit: '50' });
    const answer = await this.http.get(this.api(tenant, `buildsets?${params}`));
    if (answer === null) throw new NotFoundException(`Zuul has no tenant "${tenant}"`);
    const sets = Array.isArray(answer) ? answer.map(obj) : [null];
    if (sets.some((b) => b === null || typeof b.uuid !== 'string')) {
      throw new BadGatewayException('Zuul answered something that is not a list of buildsets');
    }
    return (sets as Raw[]).map((b) => ({ uuid: b.uuid as string, result: str(b.result), message: str(b.message) }));
  }

  /**
   * A buildset and its final builds. Builds nested in the answer carry no pipeline (nor, from an
   * older Zuul, a change): they take the buildset's. Zuul leaves `builds` out when there are none.
   */
  async buildset(tenant: string, uuid: string): Promise<ZuulBuildset> {
    const answer = obj(await this.http.get(this.api(tenant, `buildset/${uuid}`)));
    if (answer === null) throw new NotFoundException(`buildset ${uuid} not found on Zuul (tenant ${tenant})`);
    const firstRef = Array.isArray(answer.refs) ? obj(answer.refs[0]) : answer;
    const inherited: Inherited = {
      ...refFields(firstRef ?? {}),
      pipeline: str(answer.pipeline),
      buildsetUuid: str(answer.uuid),
    };
    const raw = answer.builds === undefined ? [] : answer.builds;
    const builds = Array.isArray(raw) ? raw.map((b) => readBuild(b, inherited)) : [null];
    if (typeof answer.uuid !== 'string' || builds.some((b) => b === null)) {
      throw new BadGatewayException(`Zuul answered something that is not a buildset for ${uuid}`);
    }
    return {
      uuid: answer.uuid,
      result: str(answer.result),
      message: str(answer.message),
      builds: (builds as ZuulBuild[]).filter((b) => b.final),
    };
  }
}
