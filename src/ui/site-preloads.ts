import { ARTIFACTS_FIRST } from './artifacts-first';
import { taskSitePage } from './ui-routes';

/** A task's artifacts as `POST /task` lists them; null when it has none to read yet (unknown, not ended). */
export type SiteArtifacts = (uuid: string) => Promise<readonly { id: string; artifact_type: string }[] | null>;

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
