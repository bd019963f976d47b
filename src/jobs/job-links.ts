import { parseZuulPage, QueryOrigins, sameHost } from './query-parser';

/** Where a CI comment's job line points: a Zuul build page to resolve, or the log directory itself. */
export type JobLink = { kind: 'build'; tenant: string; uuid: string } | { kind: 'logs'; url: string };

const RELATIVE_BUILD = /^build\/([0-9a-f]{32})\/?$/;
const ANY_BUILD_PAGE = /\/build\/[0-9a-f]{32}\/?$/;

/**
 * Classifies a job line's link. Null when it leads nowhere scrapable: no link at all, or a build
 * page of some other Zuul (a third-party CI's), which our Zuul cannot resolve.
 */
export function classifyJobLink(link: string | null, origins: QueryOrigins): JobLink | null {
  if (link === null) return null;
  const relative = RELATIVE_BUILD.exec(link);
  if (relative) return { kind: 'build', tenant: origins.zuulTenant, uuid: relative[1] };
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const page = sameHost(u, origins.zuulUrl) ? parseZuulPage(u, origins) : null;
  if (page?.kind === 'zuul-build') return { kind: 'build', tenant: page.tenant, uuid: page.uuid };
  if (page || ANY_BUILD_PAGE.test(u.pathname)) return null;
  return { kind: 'logs', url: u.href.endsWith('/') ? u.href : `${u.href}/` };
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
