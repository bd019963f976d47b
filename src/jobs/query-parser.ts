import { BadRequestException } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { unrecognisedQuery } from './unrecognised-query';

/** What a `/list` query names, once its form is recognised (docs/api.md, "POST /list"). */
export type JobQuery =
  | { kind: 'change'; change: number; patchSet: number | null }
  | { kind: 'legacy-log'; change: number; patchSet: number; pipeline: string; job: string; url: string }
  | { kind: 'legacy-periodic'; pipeline: string; job: string; url: string }
  | { kind: 'zuul-build'; tenant: string; uuid: string }
  | { kind: 'zuul-buildset'; tenant: string; uuid: string }
  | { kind: 'modern-log'; change: number; patchSet: number; pipeline: string; job: string; hash: string; url: string }
  | { kind: 'modern-log-build'; tenant: string; uuid: string; url: string }
  /** Zuul v3's periodic layout: `periodic/<host>/<org>/<repo>/<branch>/<job>/<hash7>/`. */
  | { kind: 'periodic-log'; pipeline: string; project: string; branch: string; job: string; hash: string; url: string }
  /** A ref-updated (post, tag, release) build: `<sha[:2]>/<sha>/<pipeline>/<job>/<hash7>/`. */
  | { kind: 'ref-log'; newrev: string; pipeline: string; job: string; hash: string; url: string };

export type QueryOrigins = Pick<AppConfig, 'gerritUrl' | 'gerritHosts' | 'zuulUrl' | 'zuulTenant' | 'legacyLogsUrl' | 'artifactHosts'>;

const MAX_INT = 2 ** 31 - 1;
const UUID32 = '[0-9a-f]{32}';

/** decodeURIComponent that leaves malformed escapes as they are instead of throwing. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function positiveInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_INT ? n : null;
}

/** The patch set in a Gerrit URL segment: `3`, or the right side of a `1..3` comparison. */
function patchSetSegment(segment: string | undefined): number | null {
  if (segment === undefined) return null;
  const range = /^\d+\.\.(\d+)$/.exec(segment);
  return positiveInt(range ? range[1] : segment);
}

function changeQuery(changeText: string, patchSetText?: string): JobQuery | null {
  const change = positiveInt(changeText);
  if (change === null) return null;
  return { kind: 'change', change, patchSet: patchSetSegment(patchSetText) };
}

function plainChange(q: string): JobQuery | null {
  const m = /^(\d+)(?:[,/](\d+))?$/.exec(q);
  if (!m) return null;
  if (m[2] !== undefined && positiveInt(m[2]) === null) return null;
  return changeQuery(m[1], m[2]);
}

/** `/c/<project>/+/<n>[/<ps>][/<file>]`, `/c/<n>[/<ps>]`, `/<n>[/<ps>]`, and the same after `#`. */
function gerritPath(path: string): JobQuery | null {
  const segments = path.split('/').filter(Boolean).map(decode);
  const plus = segments.indexOf('+');
  if (segments[0] === 'c' && plus > 1) return changeQuery(segments[plus + 1] ?? '', segments[plus + 2]);
  if (segments[0] === 'c') return changeQuery(segments[1] ?? '', segments[2]);
  if (segments.length <= 2 && segments.length > 0) return changeQuery(segments[0], segments[1]);
  return null;
}

function gerritUrl(u: URL, o: QueryOrigins): JobQuery | null {
  const base = new URL(o.gerritUrl).pathname.replace(/\/+$/, '');
  const fromHash = u.hash.startsWith('#/') ? gerritPath(u.hash.slice(1)) : null;
  if (fromHash) return fromHash;
  const path = base && u.pathname.startsWith(base + '/') ? u.pathname.slice(base.length) : u.pathname;
  return gerritPath(path);
}

/** A Zuul build or buildset page below ZUUL_URL (`/t/<tenant>/build/<uuid>`, or white-labelled `/build/<uuid>`). */
export function parseZuulPage(u: URL, o: QueryOrigins): Extract<JobQuery, { kind: 'zuul-build' | 'zuul-buildset' }> | null {
  const base = new URL(o.zuulUrl).pathname.replace(/\/+$/, '');
  if (!u.pathname.startsWith(base + '/')) return null;
  const path = u.pathname.slice(base.length);
  const m =
    new RegExp(`^/t/([^/]+)/(build|buildset)/(${UUID32})(?:/|$)`).exec(path) ??
    new RegExp(`^()/(build|buildset)/(${UUID32})(?:/|$)`).exec(path);
  if (!m) return null;
  const tenant = m[1] ? decode(m[1]) : o.zuulTenant;
  return { kind: m[2] === 'build' ? 'zuul-build' : 'zuul-buildset', tenant, uuid: m[3] };
}

/** The log directory a match ends in: the URL up to the end of the match, with a trailing slash. */
function dirOf(u: URL, match: RegExpExecArray): string {
  return `${u.origin}${u.pathname.slice(0, match.index + match[0].replace(/\/$/, '').length)}/`;
}

const REF_PATH = /\/([0-9a-f]{2})\/([0-9a-f]{40})\/([^/]+)\/([^/]+)\/([0-9a-f]{7})(?:\/|$)/;
const PERIODIC_PATH = /\/(periodic[^/]*)\/([^/.]+\.[^/]+)\/([^/]+\/[^/]+)\/(.+?)\/([^/]+)\/([0-9a-f]{7})(?:\/|$)/;

/**
 * Zuul v3's layouts for builds of no change (zuul-jobs' set-zuul-log-path-fact, 2017–2019 on
 * logs.openstack.org, later in Swift): ref-updated builds under the new commit, sharded by its
 * first two characters (its last two in the role's first version), and periodic builds under
 * the project's canonical name (`<host>/<org>/<repo>`) and branch, which may hold slashes.
 * `from` is where the layout must start (the legacy host's base), or null to find it anywhere in
 * the path (a Swift container comes first).
 */
function zuulV3LogUrl(u: URL, from: number | null): JobQuery | null {
  const at = (m: RegExpExecArray | null) => (m !== null && (from === null || m.index === from) ? m : null);
  const ref = at(REF_PATH.exec(u.pathname));
  if (ref) {
    const [, shard, newrev, pipeline, job, hash] = ref;
    if (!newrev.startsWith(shard) && !newrev.endsWith(shard)) return null;
    return { kind: 'ref-log', newrev, pipeline: decode(pipeline), job: decode(job), hash, url: dirOf(u, ref) };
  }
  const periodic = at(PERIODIC_PATH.exec(u.pathname));
  if (periodic) {
    const [, pipeline, , project, branch, job, hash] = periodic;
    return {
      kind: 'periodic-log',
      pipeline,
      project: decode(project),
      branch: decode(branch),
      job: decode(job),
      hash,
      url: dirOf(u, periodic),
    };
  }
  return null;
}

function legacyLogUrl(u: URL, o: QueryOrigins): JobQuery | null {
  const base = new URL(o.legacyLogsUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (!u.pathname.startsWith(basePath + '/')) return null;
  const path = u.pathname.slice(basePath.length);
  const root = `${base.origin}${basePath}`;
  const change = /^\/(\d{2})\/(\d+)\/(\d+)\/([^/]+)\/([^/]+)\/([0-9a-f]{7})(?:\/|$)/.exec(path);
  if (change) {
    const [, shard, changeText, psText, pipeline, job, hash] = change;
    const n = positiveInt(changeText);
    const patchSet = positiveInt(psText);
    if (n === null || patchSet === null || changeText.slice(-2).padStart(2, '0') !== shard) return null;
    const url = `${root}/${shard}/${changeText}/${psText}/${pipeline}/${job}/${hash}/`;
    return { kind: 'legacy-log', change: n, patchSet, pipeline, job: decode(job), url };
  }
  const periodic = /^\/(periodic[^/]*)\/([^/]+)\/([0-9a-f]{7})(?:\/|$)/.exec(path);
  if (periodic) {
    const [, pipeline, job, hash] = periodic;
    return { kind: 'legacy-periodic', pipeline, job: decode(job), url: `${root}/${pipeline}/${job}/${hash}/` };
  }
  return zuulV3LogUrl(u, basePath.length);
}

function modernLogUrl(u: URL): JobQuery | null {
  const byChange = /\/(\d+)\/(\d+)\/([^/]+)\/([^/]+)\/([0-9a-f]{7})(?:\/|$)/.exec(u.pathname);
  if (byChange) {
    const [, changeText, psText, pipeline, job, hash] = byChange;
    const change = positiveInt(changeText);
    const patchSet = positiveInt(psText);
    if (change !== null && patchSet !== null) {
      return { kind: 'modern-log', change, patchSet, pipeline, job: decode(job), hash, url: dirOf(u, byChange) };
    }
  }
  const v3 = zuulV3LogUrl(u, null);
  if (v3) return v3;
  const opaque = new RegExp(`/([^/]+)/(${UUID32})(?:/|$)`).exec(u.pathname);
  if (opaque) {
    const dir = u.pathname.slice(0, opaque.index) + `/${opaque[1]}/${opaque[2]}/`;
    return { kind: 'modern-log-build', tenant: decode(opaque[1]), uuid: opaque[2], url: u.origin + dir };
  }
  return null;
}

/** Same host and explicit port; the scheme may differ (people paste http for https and back). */
export function sameHost(u: URL, base: string): boolean {
  const b = new URL(base);
  return u.hostname === b.hostname && u.port === b.port;
}

function toUrl(q: string): URL | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(q) ? q : /^[\w.-]+(?::\d+)?[/#]/.test(q) ? `https://${q}` : null;
  if (withScheme === null) return null;
  try {
    const u = new URL(withScheme);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * Reads the URL with the path forms of each upstream its origin belongs to: exact upstream origins
 * first (so upstreams sharing a host on different ports are told apart), then the host lists.
 */
function urlQuery(u: URL, o: QueryOrigins): JobQuery | null {
  const upstreams: [boolean, (u: URL, o: QueryOrigins) => JobQuery | null][] = [
    [sameHost(u, o.zuulUrl), parseZuulPage],
    [sameHost(u, o.gerritUrl), gerritUrl],
    [sameHost(u, o.legacyLogsUrl), legacyLogUrl],
    [o.gerritHosts.allowsUrl(u), gerritUrl],
    [o.artifactHosts.allowsUrl(u), modernLogUrl],
  ];
  for (const [belongs, parse] of upstreams) {
    const query = belongs ? parse(u, o) : null;
    if (query) return query;
  }
  return null;
}

/**
 * What an unrecognised URL resembles, so the 400 can say what was recognised: the upstream whose
 * host it is on, and the form its path has on whatever host (a Gerrit change, a Zuul build page,
 * a build's log folder), with the change number the path names.
 */
export interface UrlResemblance {
  host: 'gerrit' | 'zuul' | 'legacy-logs' | 'artifacts' | null;
  path: 'gerrit-change' | 'zuul-page' | 'log-folder' | null;
  change: number | null;
}

const ANY_ZUUL_PAGE = new RegExp(`/(?:t/[^/]+/)?(?:build|buildset)/${UUID32}(?:/|$)`);

/** `/c/…` (path or old `#/c/…` hash): only Gerrit has change URLs of this form. */
function gerritChangeForm(u: URL): JobQuery | null {
  const path = u.hash.startsWith('#/c/') ? u.hash.slice(1) : u.pathname;
  return path.startsWith('/c/') ? gerritPath(path) : null;
}

function resemblance(u: URL, o: QueryOrigins): UrlResemblance {
  const host = sameHost(u, o.zuulUrl)
    ? 'zuul'
    : sameHost(u, o.gerritUrl) || o.gerritHosts.allowsUrl(u)
      ? 'gerrit'
      : sameHost(u, o.legacyLogsUrl)
        ? 'legacy-logs'
        : o.artifactHosts.allowsUrl(u)
          ? 'artifacts'
          : null;
  // A build page's `build/<uuid>` would pass for an opaque log folder (`<tenant>/<uuid>/`): pages first.
  if (ANY_ZUUL_PAGE.test(u.pathname)) return { host, path: 'zuul-page', change: null };
  const log = modernLogUrl(u);
  if (log) return { host, path: 'log-folder', change: log.kind === 'modern-log' ? log.change : null };
  const change = gerritChangeForm(u);
  return change?.kind === 'change' ? { host, path: 'gerrit-change', change: change.change } : { host, path: null, change: null };
}

/** Recognises a `/list` query, or throws a 400 saying what was recognised and what to paste instead. */
export function parseQuery(raw: string, origins: QueryOrigins): JobQuery {
  const q = raw.trim();
  const url = toUrl(q);
  const query = plainChange(q) ?? (url ? urlQuery(url, origins) : null);
  if (query) return query;
  throw new BadRequestException(unrecognisedQuery(q, url && { url, ...resemblance(url, origins) }, origins));
}
