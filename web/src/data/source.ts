import { api } from '../api/client';
import type { TaskBody } from '../api/types';
import type { SiteSource } from '../../../src/ui/ui-routes';
import { blobUrl } from './early-reads';
import { fetchText } from './fetch-text';
import { loadRunData, pickMeta, type LoadOptions } from './run-data';
import { stackvizArtifacts, type StackvizConfig } from './stackviz-config';
import type { RunData, RunMeta } from './types';

/** Where a viewer's data comes from: a finished task of this service, or a StackViz data folder. */
export interface RunSource {
  load(options?: LoadOptions): Promise<RunData>;
}

/** Deployer mode: `POST /task {q: uuid}` (unless its answer is known) then `GET /blob/<id>` per artifact. */
export function taskSource(uuid: string, known?: TaskBody): RunSource {
  return {
    async load(options) {
      let task = known;
      if (!task) {
        const answer = await api.task(uuid);
        if (!answer.ready) throw new Error(answer.task.message);
        task = answer.task;
      }
      const artifacts = task.artifacts.map((a) => ({
        type: a.artifact_type,
        name: a.artifact_name,
        text: () => fetchText(blobUrl(a.id)),
      }));
      return loadRunData(pickMeta(task as Partial<Record<keyof RunMeta, unknown>>), artifacts, { warnings: task.warnings ?? [], message: task.message }, options);
    },
  };
}

/** A StackViz site's data folder, e.g. an existing `controller/logs/stackviz/data/config.json`. */
export function folderSource(configUrl: string): RunSource {
  return {
    async load(options) {
      const base = new URL(configUrl, location.href);
      const config = JSON.parse(await fetchText(base.href)) as StackvizConfig;
      const { meta, artifacts } = stackvizArtifacts(config);
      return loadRunData(
        meta,
        artifacts.map((a) => ({
          type: a.artifact_type,
          name: a.artifact_name,
          text: () => fetchText(new URL(a.path, base).href),
        })),
        {},
        options,
      );
    },
  };
}

export function runSourceFor(site: SiteSource, task?: TaskBody): RunSource {
  return site.kind === 'task' ? taskSource(site.uuid, task) : folderSource(site.configUrl);
}
