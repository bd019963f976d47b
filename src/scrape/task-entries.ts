import { Injectable, Logger } from '@nestjs/common';
import { RUN_FIELDS, type JobEntry, type RunFields } from '../api-shapes';
import type { TaskEntity } from '../database/entities';
import { JobsService } from '../jobs/jobs.service';
import { runFieldsToTask, taskToRunFields } from '../tasks/task-entry';
import { TasksService } from '../tasks/tasks.service';

/** The fields a task must have for compare, insight and the UI to name it; any missing is looked up. */
const NEEDED: readonly (keyof RunFields)[] = ['name', 'pipeline', 'status', 'build_uuid'];

/**
 * Fills in the Entry fields of a task whose `/scrape` body left them out (a bare log URL): the
 * worker asks, once when the scrape starts, what `/list` of the task's URL gives (its job, change,
 * patch set, pipeline, project, CI result, Zuul build) and stores it in the fields the task lacks;
 * what the body gave is kept. Done by the worker so `/scrape` stays fast and never fails for it.
 */
@Injectable()
export class TaskEntries {
  private readonly logger = new Logger('TaskEntries');

  constructor(
    private readonly tasks: TasksService,
    private readonly jobs: JobsService,
  ) {}

  /**
   * The entry of the task's URL (null when it names nothing that can be looked up, the task lacks
   * nothing, or Gerrit or Zuul failed: then the fields stay as they are and the scrape goes on).
   */
  async complete(task: TaskEntity): Promise<JobEntry | null> {
    const fields = taskToRunFields(task);
    if (NEEDED.every((k) => fields[k] !== null)) return null;
    let entry: JobEntry | null;
    try {
      entry = await this.jobs.entryOfLogUrl(task.url, task.buildUuid);
    } catch (err) {
      this.logger.warn(`could not look up the entry of ${task.url}; its fields stay as they are: ${(err as Error).message}`);
      return null;
    }
    if (entry === null) return null;
    const filled = Object.fromEntries(RUN_FIELDS.map((k) => [k, fields[k] ?? entry[k] ?? null])) as unknown as RunFields;
    if (RUN_FIELDS.some((k) => filled[k] !== fields[k])) {
      await this.tasks.storeRunFields(task.id, { ...filled, url: task.url });
      Object.assign(task, runFieldsToTask({ ...filled, url: task.url }));
    }
    return entry;
  }
}
