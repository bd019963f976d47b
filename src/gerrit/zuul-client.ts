import { BadGatewayException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UpstreamJson } from './upstream-json';

/** A Zuul build, the same whichever API shape it came in. */
export interface ZuulBuild {
  uuid: string;
  jobName: string;
  /** Null while the build runs. */
  result: string | null;
  pipeline: string | null;
  voting: boolean | null;
  duration: number | null;
  /** ISO 8601 UTC. */
  endTime: string | null;
  /** Ends in `/`; null when the build left no logs (SKIPPED, some ERRORs). */
  logUrl: string | null;
  project: string | null;
  change: number | null;
  patchSet: number | null;
}

export interface ZuulBuildset {
  uuid: string;
  builds: ZuulBuild[];
}

export interface BuildsFilter {
  change: number;
  patchset: number;
  pipeline?: string;
  job_name?: string;
}

/** Enough builds for every run of one patch set (rechecks included); Zuul's default is 50. */
const BUILDS_LIMIT = 1000;
/** Build results whose logs hold a complete test run. */
const TEST_RESULTS = ['SUCCESS', 'FAILURE'];

type Raw = Record<string, unknown>;
interface RefFields {
  project: string | null;
  change: number | null;
  patchSet: number | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
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
function refFields(raw: Raw): RefFields {
  const ref = typeof raw.ref === 'object' && raw.ref !== null ? (raw.ref as Raw) : raw;
  return { project: str(ref.project), change: int(ref.change), patchSet: int(ref.patchset) };
}

function readBuild(raw: unknown, inherited?: RefFields): ZuulBuild | null {
  const b = raw as Raw | null;
  if (typeof b !== 'object' || b === null || typeof b.uuid !== 'string' || typeof b.job_name !== 'string') return null;
  const own = refFields(b);
  const logUrl = str(b.log_url);
  return {
    uuid: b.uuid,
    jobName: b.job_name,
    result: str(b.result),
    pipeline: str(b.pipeline) ?? str((b.buildset as Raw | undefined)?.pipeline),
    voting: typeof b.voting === 'boolean' ? b.voting : null,
    duration: typeof b.duration === 'number' ? b.duration : null,
    endTime: utcIso(b.end_time),
    logUrl: logUrl === null ? null : logUrl.endsWith('/') ? logUrl : `${logUrl}/`,
    project: own.project ?? inherited?.project ?? null,
    change: own.change ?? inherited?.change ?? null,
    patchSet: own.patchSet ?? inherited?.patchSet ?? null,
  };
}

/** Reads builds from Zuul's REST API at ZUUL_URL. */
@Injectable()
export class ZuulClient {
  private readonly http: UpstreamJson;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.http = new UpstreamJson({ name: 'Zuul', timeoutMs: config.fetchTimeoutMs, cacheSeconds: config.upstreamCacheSeconds });
  }

  private api(tenant: string, path: string): string {
    return `${this.config.zuulUrl}/api/tenant/${encodeURIComponent(tenant)}/${path}`;
  }

  /** Every build of one change and patch set (optionally narrowed), newest first, in one request. */
  async builds(tenant: string, filter: BuildsFilter): Promise<ZuulBuild[]> {
    const params = new URLSearchParams({ change: String(filter.change), patchset: String(filter.patchset) });
    if (filter.pipeline) params.set('pipeline', filter.pipeline);
    if (filter.job_name) params.set('job_name', filter.job_name);
    params.set('limit', String(BUILDS_LIMIT));
    return this.buildsQuery(tenant, params);
  }

  private async buildsQuery(tenant: string, params: URLSearchParams): Promise<ZuulBuild[]> {
    const answer = await this.http.get(this.api(tenant, `builds?${params}`));
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
    const builds = await this.buildsQuery(tenant, params);
    return builds.filter((b) => b.jobName === jobName);
  }

  async build(tenant: string, uuid: string): Promise<ZuulBuild> {
    const answer = await this.http.get(this.api(tenant, `build/${uuid}`));
    if (answer === null) throw new NotFoundException(`build ${uuid} not found on Zuul (tenant ${tenant})`);
    const build = readBuild(answer);
    if (!build) throw new BadGatewayException(`Zuul answered something that is not a build for ${uuid}`);
    return build;
  }

  async buildset(tenant: string, uuid: string): Promise<ZuulBuildset> {
    const answer = (await this.http.get(this.api(tenant, `buildset/${uuid}`))) as Raw | null;
    if (answer === null) throw new NotFoundException(`buildset ${uuid} not found on Zuul (tenant ${tenant})`);
    const refs = Array.isArray(answer.refs) && answer.refs.length > 0 ? (answer.refs[0] as Raw) : answer;
    const inherited = refFields(typeof refs === 'object' && refs !== null ? refs : {});
    const builds = Array.isArray(answer.builds) ? answer.builds.map((b) => readBuild(b, inherited)) : [null];
    if (typeof answer.uuid !== 'string' || builds.some((b) => b === null)) {
      throw new BadGatewayException(`Zuul answered something that is not a buildset for ${uuid}`);
    }
    return { uuid: answer.uuid, builds: builds as ZuulBuild[] };
  }
}
