/**
 * A fake Zuul web API (zuul.opendev.org) on 127.0.0.1 for one tenant, answering in the shapes
 * zuul-web sends (zuul/web/__init__.py, BuildConverter and BuildsetConverter):
 * - `GET /api/tenant/{t}/builds?change=&patchset=&project=&branch=&newrev=&pipeline=&job_name=&uuid=&result=&final=&complete=&limit=&skip=`
 *   — newest first (by `_id`), `limit` default 50; non-final (RETRY) builds included unless `final=true`;
 * - `GET /api/tenant/{t}/build/{uuid}`;
 * - `GET /api/tenant/{t}/buildsets?change=&patchset=&result=&limit=` — newest first (the order given,
 *   reversed), without their builds;
 * - `GET /api/tenant/{t}/buildset/{uuid}` — its builds (RETRY ones too) nested WITHOUT `pipeline`,
 *   `buildset` and the event fields, which belong to the buildset; an older Zuul's flat builds also
 *   without their change fields. `builds` is left out when the buildset has none (MERGE_CONFLICT,
 *   CONFIG_ERROR, NO_JOBS).
 * Builds are stored with nested `ref{}` (Zuul ≥ 10, `patchset` a string) or flat (older Zuul);
 * filters read either. As Zuul's SQL reporter does, a build gets its `_id` when it starts: a test
 * adds a running build (`result: null`) with `addBuild` and completes it later with `updateBuild`,
 * so builds complete out of `_id` order. `idx_min`/`idx_max` bound `_id` (not an integer: 400).
 */
import { Answer, FakeUpstream, startFakeUpstream, textAnswer } from './fake-json-server';

export interface FakeZuul extends FakeUpstream {
  /** A build Zuul starts (or has finished) while the service runs; `_id` must be above every earlier one. */
  addBuild(build: ZuulBuildRecord): void;
  /** Changes a build's fields, e.g. its result, end_time and log_url when it completes. */
  updateBuild(uuid: string, fields: Partial<ZuulBuildRecord>): void;
}

export type ZuulBuildRecord = Record<string, unknown> & { _id: number; uuid: string; job_name: string };
/** A buildset as stored: its builds by uuid, expanded when served. */
export type ZuulBuildsetRecord = Record<string, unknown> & { uuid: string; builds: string[] };

export interface FakeZuulData {
  tenant: string;
  builds: ZuulBuildRecord[];
  buildsets: ZuulBuildsetRecord[];
}

const REF_FIELDS = ['project', 'branch', 'change', 'patchset', 'ref', 'oldrev', 'newrev', 'ref_url'];

function json(body: unknown): Answer {
  return { status: 200, contentType: 'application/json', body: JSON.stringify(body) };
}

function notFound(what: string): Answer {
  return { status: 404, contentType: 'application/json', body: JSON.stringify({ description: `${what} not found` }) };
}

/** A build field, from the nested ref (Zuul ≥ 10) or the top level (older Zuul). */
function field(build: ZuulBuildRecord, name: string): unknown {
  const ref = build.ref;
  if (typeof ref === 'object' && ref !== null && name in ref) return (ref as Record<string, unknown>)[name];
  return build[name];
}

function matches(build: ZuulBuildRecord, params: URLSearchParams): boolean {
  const wanted: [string, unknown][] = [
    ['change', field(build, 'change')],
    ['patchset', field(build, 'patchset')],
    ['project', field(build, 'project')],
    ['branch', field(build, 'branch')],
    ['newrev', field(build, 'newrev')],
    ['pipeline', build.pipeline],
    ['job_name', build.job_name],
    ['uuid', build.uuid],
    ['result', build.result],
  ];
  for (const [name, value] of wanted) {
    const asked = params.getAll(name);
    if (asked.length > 0 && !asked.includes(String(value))) return false;
  }
  const flag = (name: string) => (params.has(name) ? params.get(name)!.toLowerCase() === 'true' : null);
  if (flag('final') !== null && flag('final') !== (build.final !== false)) return false;
  if (flag('complete') !== null && flag('complete') !== (build.result !== null)) return false;
  return true;
}

/** A buildset's change fields: those of its first ref (Zuul ≥ 10), or its own (older Zuul). */
function buildsetMatches(set: ZuulBuildsetRecord, params: URLSearchParams): boolean {
  const ref = (Array.isArray(set.refs) ? (set.refs[0] as Record<string, unknown>) : set) ?? {};
  const wanted: [string, unknown][] = [
    ['change', ref.change],
    ['patchset', ref.patchset],
    ['pipeline', set.pipeline],
    ['result', set.result],
  ];
  return wanted.every(([name, value]) => !params.has(name) || params.getAll(name).includes(String(value)));
}

/** A build as a buildset answer nests it: what the buildset already says is left out. */
function nestedInBuildset(build: ZuulBuildRecord): Record<string, unknown> {
  const { pipeline: _p, buildset: _b, event_id: _e, event_timestamp: _t, ...nested } = build;
  if (typeof build.ref === 'object' && build.ref !== null) return nested;
  return Object.fromEntries(Object.entries(nested).filter(([key]) => !REF_FIELDS.includes(key)));
}

function badRequest(description: string): Answer {
  return { status: 400, contentType: 'application/json', body: JSON.stringify({ description }) };
}

export async function startFakeZuul(data: FakeZuulData): Promise<FakeZuul> {
  const builds = [...data.builds];
  const byUuid = new Map(builds.map((b) => [b.uuid, b]));
  const upstream = await startFakeUpstream((method, url) => {
    if (method !== 'GET') return textAnswer(405, 'Method Not Allowed');
    const m = /^\/api\/tenant\/([^/]+)\/(builds|build|buildsets|buildset)(?:\/([^/]+))?\/?$/.exec(url.pathname);
    if (!m) return textAnswer(404, 'Not Found');
    const [, tenant, what, uuid] = m;
    if (decodeURIComponent(tenant) !== data.tenant) return notFound(`Tenant ${decodeURIComponent(tenant)}`);
    if (what === 'builds' && uuid === undefined) {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const bound = (name: string, fallback: number) => {
        const raw = url.searchParams.get(name);
        return raw === null ? fallback : /^-?\d+$/.test(raw) ? Number(raw) : null;
      };
      const [min, max] = [bound('idx_min', -Infinity), bound('idx_max', Infinity)];
      if (min === null || max === null) return badRequest('idx_min and idx_max must be integers');
      const found = builds.filter((b) => b._id >= min && b._id <= max && matches(b, url.searchParams)).sort((a, b) => b._id - a._id);
      return json(found.slice(skip, skip + limit));
    }
    if (what === 'buildsets' && uuid === undefined) {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const found = [...data.buildsets].reverse().filter((set) => buildsetMatches(set, url.searchParams));
      return json(found.slice(0, limit).map(({ builds: _builds, ...set }) => set));
    }
    if (what === 'build' && uuid !== undefined) {
      const build = byUuid.get(uuid);
      return build ? json(build) : notFound('Build');
    }
    if (what === 'buildset' && uuid !== undefined) {
      const buildset = data.buildsets.find((s) => s.uuid === uuid);
      if (!buildset) return notFound('Buildset');
      const { builds: uuids, ...rest } = buildset;
      if (uuids.length === 0) return json(rest);
      return json({ ...rest, builds: uuids.map((u) => nestedInBuildset(byUuid.get(u)!)) });
    }
    return textAnswer(404, 'Not Found');
  });
  return {
    ...upstream,
    addBuild: (build) => {
      builds.push(build);
      byUuid.set(build.uuid, build);
    },
    updateBuild: (uuid, fields) => {
      const build = byUuid.get(uuid);
      if (!build) throw new Error(`fake Zuul has no build ${uuid}`);
      Object.assign(build, fields);
    },
  };
}
