import { UnprocessableEntityException } from '@nestjs/common';
import type { TaskEntity } from '../database/entities';
import type { InsightSubject } from './other-runs';

/**
 * What flake insight needs of a task: a Zuul build (its job name and build uuid), since the other
 * runs are Zuul's builds of the same job. A legacy Jenkins run, or a run whose build Zuul did not
 * know when it was scraped (a bare log URL's entry is looked up then), has none: 422 saying so.
 */
export function insightSubjectOf(task: TaskEntity): InsightSubject {
  if (task.buildUuid === null || task.name === null) {
    const what =
      task.ciUsername === 'jenkins'
        ? 'is a legacy (Jenkins) run, which Zuul does not know'
        : 'does not name its Zuul build (Zuul did not know it when the run was scraped)';
    throw new UnprocessableEntityException(`task ${task.id} ${what}: flake insight compares a run with Zuul's builds of the same job`);
  }
  return { url: task.url, buildUuid: task.buildUuid, job: task.name, changeId: task.changeId };
}
