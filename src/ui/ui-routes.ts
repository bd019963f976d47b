/**
 * The UI's routes (docs/api.md, "Web UI routes") plus the viewer's sub-pages under /s/<site>/: the
 * web UI routes with them and the server reads them to preload a page's data (site-preloads.ts), so
 * this stays pure (no Node, no DOM).
 */

import type { FirstReadPage } from './artifacts-first';

export type ViewerPage = FirstReadPage;

export type Route =
  | { kind: 'home' }
  | { kind: 'go'; query: string }
  | { kind: 'site'; site: string; page: ViewerPage; test: string | null }
  | { kind: 'compare'; base: string; head: string }
  | { kind: 'help' }
  | { kind: 'failures' }
  | { kind: 'failure'; id: string }
  | { kind: 'not-found' };

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
/** A site id that names a StackViz data folder instead of a task: `~` + the URL of its config.json. */
const FOLDER_PREFIX = '~';

export type SiteSource = { kind: 'task'; uuid: string } | { kind: 'folder'; configUrl: string };

export function siteSource(site: string): SiteSource | null {
  if (UUID.test(site)) return { kind: 'task', uuid: site.toLowerCase() };
  if (site.startsWith(FOLDER_PREFIX) && site.length > 1) return { kind: 'folder', configUrl: site.slice(1) };
  return null;
}

/**
 * The task and viewer page a UI path (or URL path with its query) opens, or null: for another page,
 * or a StackViz folder's site (read from elsewhere).
 */
export function taskSitePage(path: string): { uuid: string; page: ViewerPage } | null {
  const route = routeOfUrl(path);
  if (route.kind !== 'site') return null;
  const source = siteSource(route.site);
  return source?.kind === 'task' ? { uuid: source.uuid, page: route.page } : null;
}

export function folderSite(configUrl: string): string {
  return FOLDER_PREFIX + configUrl;
}

/** The route of a URL's path as the server sees it (its query and fragment left aside). */
export function routeOfUrl(url: string): Route {
  return parseRoute(url.split(/[?#]/, 1)[0]);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `/go/<query>` keeps everything after `/go/`, search and hash included, because pasted URLs carry
 * both (`/go/https://review.openstack.org/#/c/271726/2`).
 */
export function parseRoute(pathname: string, search = '', hash = ''): Route {
  if (pathname === '/' || pathname === '') return { kind: 'home' };
  if (pathname === HELP_PATH || pathname === `${HELP_PATH}/`) return { kind: 'help' };
  if (pathname.startsWith('/go/')) {
    const query = decode(pathname.slice(4)) + search + hash;
    return { kind: 'go', query: query.trim() };
  }
  if (pathname === '/f' || pathname === '/f/') return { kind: 'failures' };
  const f = /^\/f\/([0-9a-f]{16})\/?$/i.exec(pathname);
  if (f) return { kind: 'failure', id: f[1].toLowerCase() };
  const c = /^\/c\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (c) return { kind: 'compare', base: decode(c[1]), head: decode(c[2]) };
  const m = /^\/s\/([^/]+)\/?(.*)$/.exec(pathname);
  if (m) {
    const site = decode(m[1]);
    const rest = m[2].replace(/\/$/, '');
    if (rest === '') return { kind: 'site', site, page: 'summary', test: null };
    if (rest === 'timeline' || rest === 'console' || rest === 'resources') return { kind: 'site', site, page: rest, test: null };
    if (rest === 'test') return { kind: 'site', site, page: 'test', test: null };
    if (rest.startsWith('test/')) return { kind: 'site', site, page: 'test', test: decode(rest.slice(5)) || null };
  }
  return { kind: 'not-found' };
}

export function sitePath(site: string, page: ViewerPage = 'summary', test?: string): string {
  const base = `/s/${encodeURIComponent(site)}/`;
  if (page === 'summary') return base;
  if (page === 'test') return `${base}test/${encodeURIComponent(test ?? '')}`;
  return `${base}${page}`;
}

/** Two runs compared: `/c/<base task>/<head task>/`. */
export function comparePath(base: string, head: string): string {
  return `/c/${encodeURIComponent(base)}/${encodeURIComponent(head)}/`;
}

/** What the home page takes (docs/api.md's list), linked from its errors. */
export const HELP_PATH = '/help';

export function goPath(query: string): string {
  return `/go/${query}`;
}

/** The most widespread failures (`/f/`), and one failure signature (`/f/<signature id>`). */
export const FAILURES_PATH = '/f/';
export function failurePath(signatureId: string): string {
  return `/f/${signatureId}`;
}
