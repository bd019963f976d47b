import { api } from '../api/client';
import type { TaskBody } from '../api/types';
import { taskSitePage } from '../../../src/ui/ui-routes';
import { ARTIFACTS_FIRST } from '../../../src/ui/artifacts-first';

type TaskAnswer = Awaited<ReturnType<typeof api.task>>;

/**
 * Requests a run's page will make, started by the entry before the page's code has loaded: a task
 * site's `/task` and, once it answers, the blobs the page reads first. The page takes each answer
 * (once) instead of asking again.
 */
const responses = new Map<string, Promise<Response>>();
const tasks = new Map<string, Promise<TaskAnswer>>();

/** Starts the reads of the page at the current location, if it is a finished task's site. */
export function startEarlyReads(): void {
  const site = taskSitePage(location.pathname);
  if (!site) return;
  const answer = api.task(site.uuid);
  answer.catch(() => undefined);
  tasks.set(site.uuid, answer);
  void answer.then(
    (a) => {
      if (!a.ready || (a.task as TaskBody).scrape_status === 'error') return;
      for (const artifact of a.task.artifacts) {
        if (!ARTIFACTS_FIRST[site.page].includes(artifact.artifact_type)) continue;
        const url = blobUrl(artifact.id);
        const res = fetch(url);
        res.catch(() => undefined);
        responses.set(url, res);
      }
    },
    () => undefined,
  );
}

export const blobUrl = (id: string) => `/blob/${encodeURIComponent(id)}`;

/** The early `/task` answer for `uuid`, if one was asked for and not taken yet. */
export function takeEarlyTask(uuid: string): Promise<TaskAnswer> | undefined {
  const answer = tasks.get(uuid);
  tasks.delete(uuid);
  return answer;
}

/** The early response for `url`, if one was asked for and not taken yet. */
export function takeEarlyResponse(url: string): Promise<Response> | undefined {
  const res = responses.get(url);
  responses.delete(url);
  return res;
}
