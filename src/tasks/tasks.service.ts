import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { RunFields, TaskScope, TaskStatus } from '../api-shapes';
import { TaskEntity } from '../database/entities';
import { QueueLane, QueueUnavailableError, SCRAPE_QUEUE, ScrapeQueue } from '../queue/scrape-queue';
import { runFieldsToTask } from './task-entry';
import { dedupKeyOf, StillAsSeen, TaskLifecycle } from './task-lifecycle';

/** Creating tasks, handing them to the queue, completing their run fields. Status writes go through TaskLifecycle; reads, TaskReader. */
@Injectable()
export class TasksService {
  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    @Inject(SCRAPE_QUEUE) private readonly queue: ScrapeQueue,
    private readonly lifecycle: TaskLifecycle,
  ) {}

  /**
   * Returns the live task for this url and scope (queued, running or finished) or creates and
   * enqueues a new one. If the queue refuses the job, the new task is removed again and the caller
   * gets 503: nothing is left behind that no worker will ever pick up.
   */
  async createOrReuse(fields: RunFields & { url: string }, scope: TaskScope = 'full'): Promise<{ task: TaskEntity; created: boolean }> {
    const found = await this.lifecycle.createOrFind(fields, scope);
    if (!found.created) return found;
    try {
      await this.queue.enqueue(found.task.id, laneOf(scope));
    } catch (err) {
      await this.lifecycle.discard(found.task.id);
      if (err instanceof QueueUnavailableError) throw new ServiceUnavailableException(`${err.message}; nothing was queued, try again`);
      throw err;
    }
    return found;
  }

  /**
   * The live full task of the url (it holds the test results, and the console), else one of
   * `scope`: a `tests` task for a run whose test results are all flake insight needs (it fetches
   * nothing but the subunit stream), a `triage` one for a failed build the watcher follows (queued
   * behind the jobs users asked for). A later /scrape of the url still makes a full task.
   */
  async createOrReuseBehindFull(
    fields: RunFields & { url: string },
    scope: 'tests' | 'triage',
  ): Promise<{ task: TaskEntity; created: boolean }> {
    const full = await this.tasks.findOneBy({ dedupKey: dedupKeyOf(fields.url, 'full') });
    return full ? { task: full, created: false } : this.createOrReuse(fields, scope);
  }

  /**
   * Stores the run fields of a task whose `/scrape` body left them out, as the worker looked them
   * up (src/scrape/task-entries.ts); its status is not touched.
   */
  async storeRunFields(id: string, fields: RunFields & { url: string }): Promise<void> {
    await this.tasks.update({ id }, runFieldsToTask(fields));
  }

  /**
   * running → queued, and its job enqueued again: the task's worker was lost. False, and nothing
   * enqueued, when the task is not running any more (or, with `asSeen`, not as it was seen).
   */
  async requeue(id: string, asSeen?: StillAsSeen): Promise<boolean> {
    if (!(await this.lifecycle.requeue(id, asSeen))) return false;
    await this.queue.enqueue(id, laneOf((await this.tasks.findOneBy({ id }))?.scope ?? 'full'));
    return true;
  }

  /**
   * Enqueues again the queued tasks that have no job in the queue, and with `includeRunning` (a
   * process without Redis, whose running jobs died with it) the running ones too.
   */
  async requeueOrphans({ includeRunning }: { includeRunning: boolean }): Promise<number> {
    const statuses: TaskStatus[] = includeRunning ? ['queued', 'running'] : ['queued'];
    const orphans = await this.tasks.find({ where: { status: In(statuses) }, select: { id: true, status: true, scope: true } });
    let n = 0;
    for (const { id, status, scope } of orphans) {
      if (await this.queue.hasJob(id)) continue;
      if (await (status === 'running' ? this.requeue(id) : this.enqueueIfStillQueued(id, scope))) n++;
    }
    return n;
  }

  /**
   * Its job may have run to the end since the task was read (a task is ended before its job is), so
   * the status is read again after the queue said "no job": only a task still waiting is put back.
   */
  private async enqueueIfStillQueued(id: string, scope: TaskScope): Promise<boolean> {
    if (!(await this.tasks.existsBy({ id, status: 'queued' }))) return false;
    await this.queue.enqueue(id, laneOf(scope));
    return true;
  }
}

/** The watcher's triage waits behind what users asked for (their scrapes and insights). */
function laneOf(scope: TaskScope): QueueLane {
  return scope === 'triage' ? 'background' : 'user';
}
