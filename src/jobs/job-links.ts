import { parseZuulPage, QueryOrigins, sameHost } from './query-parser';

/**
 * Where a CI comment's job line points: a build page of our Zuul to resolve, the log directory
 * itself, or a build page of some other Zuul (a third-party CI's), which ours cannot resolve.
 */
export type JobLink =
  { kind: 'build'; tenant: string; uuid: string } | { kind: 'logs'; url: string } | { kind: 'foreign-build'; url: string };

const RELATIVE_PAGE = /^(build|buildset)\/([0-9a-f]{32})\/?$/;
const ANY_BUILD_PAGE = /\/build\/[0-9a-f]{32}\/?$/;

function httpUrl(link: string): URL | null {
  try {
    const u = new URL(link);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** A build or buildset page of our Zuul, absolute or relative (`build/<uuid>`, newer Zuul's reports). */
function ourZuulPage(link: string, origins: QueryOrigins): { kind: 'build' | 'buildset'; tenant: string; uuid: string } | null {
  const relative = RELATIVE_PAGE.exec(link);
  if (relative) return { kind: relative[1] as 'build' | 'buildset', tenant: origins.zuulTenant, uuid: relative[2] };
  const u = httpUrl(link);
  const page = u && sameHost(u, origins.zuulUrl) ? parseZuulPage(u, origins) : null;
  if (!page) return null;
  return { kind: page.kind === 'zuul-build' ? 'build' : 'buildset', tenant: page.tenant, uuid: page.uuid };
}

/** Classifies a job line's link; null when there is none (the job name repeated) or it is no page or log URL. */
export function classifyJobLink(link: string | null, origins: QueryOrigins): JobLink | null {
  if (link === null) return null;
  const page = ourZuulPage(link, origins);
  if (page?.kind === 'build') return { kind: 'build', tenant: page.tenant, uuid: page.uuid };
  if (page) return null;
  const u = httpUrl(link);
  if (!u) return null;
  if (ANY_BUILD_PAGE.test(u.pathname)) return { kind: 'foreign-build', url: u.href };
  return { kind: 'logs', url: u.href.endsWith('/') ? u.href : `${u.href}/` };
}

/** The buildset of our Zuul a report's buildset line names, if it names one. */
export function linkedBuildset(link: string | null, origins: QueryOrigins): { tenant: string; uuid: string } | null {
  const page = link === null ? null : ourZuulPage(link, origins);
  return page?.kind === 'buildset' ? { tenant: page.tenant, uuid: page.uuid } : null;
}

/** True when two log URLs name the same directory (scheme, host and a trailing slash aside). */
export function sameLogDir(a: string, b: string): boolean {
  const dir = (url: string) => {
    try {
      return new URL(url).pathname.replace(/\/?$/, '/');
    } catch {
      return null;
    }
  };
  const da = dir(a);
  return da !== null && da === dir(b);
}
