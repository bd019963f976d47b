import { ARTIFACTS_FIRST, type FirstReadPage } from './artifacts-first';

/** A task's artifacts as `POST /task` lists them; null when it has none to read yet (unknown, not ended). */
export type SiteArtifacts = (uuid: string) => Promise<readonly { id: string; artifact_type: string }[] | null>;

/** `/s/<task uuid>/<page>…` (a StackViz folder's site, `/s/~<url>/`, is read from elsewhere). */
const TASK_SITE = /^\/s\/([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})\/?([^/?#]*)/i;

/** The task and viewer page a UI path opens (web/src/logic/routes.ts parses the same paths), or null. */
export function taskSitePage(url: string): { uuid: string; page: FirstReadPage } | null {
  const m = TASK_SITE.exec(url);
  if (!m) return null;
  const page = m[2] === '' ? 'summary' : m[2];
  return Object.hasOwn(ARTIFACTS_FIRST, page) ? { uuid: m[1].toLowerCase(), page: page as FirstReadPage } : null;
}

/**
 * `<link rel="preload">`s of the blobs a task site's page reads first, so the browser fetches them
 * while it reads index.html rather than once the page's code has asked `/task` for their ids. They
 * are requested as the page's `fetch()` will (same URL, CORS mode, same-origin credentials:
 * `crossorigin`), which takes them over. '' for any other path, or a task with nothing to read.
 */
export async function blobPreloads(url: string, artifacts: SiteArtifacts): Promise<string> {
  const site = taskSitePage(url);
  if (!site) return '';
  const listed = await artifacts(site.uuid).catch(() => null);
  return (listed ?? [])
    .filter((a) => ARTIFACTS_FIRST[site.page].includes(a.artifact_type))
    .map((a) => `<link rel="preload" as="fetch" crossorigin href="/blob/${encodeURIComponent(a.id)}" />`)
    .join('');
}
