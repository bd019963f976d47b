import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { QueryDeepPartialEntity, Repository } from 'typeorm';
import type { RunFields, TaskScope, TaskStatus } from '../api-shapes';
import { ArtifactStore, ArtifactToStore } from '../artifacts/artifact-store';
import { TaskEntity } from '../database/entities';
import { rowLock } from '../database/dialect';
import { Transactions } from '../database/transactions';
import { isUniqueViolation } from '../database/unique-violation';
import { TaskEndHooks } from './task-end-hooks';
import { TaskFailureFeed } from './task-failure-feed';
import { AfterCommit, TaskFinishHooks } from './task-finish-hooks';
import { runFieldsToTask } from './task-entry';
import { canMove, statusesMovingTo } from './task-transitions';

export interface TaskOutcome {
  status: 'finished' | 'error';
  message: string | null;
  warnings: string[];
  /** For an error: whether scraping the build again may succeed (scrape-errors.ts, retryCanHelp). */
  retryable?: boolean;
}

/** Extra conditions for a move made on evidence that may be stale (the stuck-task repair's). */
export interface StillAsSeen {
  requeues: number;
  /** The task's heartbeat (updated_at) must still be older than this database time. */
  updatedBefore: string;
}

/** Same URL and scope, same task: a full scrape and a tests-only one of one build are two tasks. */
export function dedupKeyOf(url: string, scope: TaskScope): string {
  return createHash('sha256')
    .update(scope === 'full' ? url : `${scope}:${url}`)
    .digest('hex');
}

const NOTHING_AFTER_COMMIT: AfterCommit = async () => undefined;

/**
 * The one writer of `tasks.status`. Every move is a conditional update that only applies from the
 * statuses task-transitions.ts allows, so a late or repeated writer (a stalled worker waking up, a
 * second cleanup process, a job re-run) changes nothing instead of reviving or overwriting a task.
 */
@Injectable()
export class TaskLifecycle {
  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly transactions: Transactions,
    private readonly artifacts: ArtifactStore,
    private readonly finishHooks: TaskFinishHooks,
    private readonly endHooks: TaskEndHooks,
    private readonly failureFeed: TaskFailureFeed,
  ) {}

  /**
   * A new queued task for this url and scope, or the live one (queued, running or finished) that
   * already holds it: `created` tells which. Concurrent calls agree on one task.
   */
  async createOrFind(fields: RunFields & { url: string }, scope: TaskScope): Promise<{ task: TaskEntity; created: boolean }> {
    const dedupKey = dedupKeyOf(fields.url, scope);
    const existing = await this.tasks.findOneBy({ dedupKey });
    if (existing) return { task: existing, created: false };
    const task = this.tasks.create({ ...runFieldsToTask(fields), id: randomUUID(), dedupKey, scope, status: 'queued' });
    try {
      await this.tasks.insert(task);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.tasks.findOneBy({ dedupKey });
      if (winner) return { task: winner, created: false };
      throw err;
    }
    return { task, created: true };
  }

  /** Removes a task nobody could have seen work on: its job was never queued. */
  async discard(id: string): Promise<void> {
    await this.tasks.delete({ id, status: 'queued' });
  }

  /** queued | running → running at `stage`; also the heartbeat the stuck-task repair reads. False once the task has ended. */
  markRunning(id: string, stage: string, artifactsFound?: string[]): Promise<boolean> {
    return this.move(id, 'running', { stage, ...(artifactsFound ? { artifactsFound: JSON.stringify(artifactsFound) } : {}) });
  }

  /** running → queued: its worker was lost (TasksService.requeue enqueues it again). `asSeen` counts it as a stuck-task repair. */
  requeue(id: string, asSeen?: StillAsSeen): Promise<boolean> {
    return this.move(id, 'queued', { stage: null, ...(asSeen ? { requeues: () => 'requeues + 1' } : {}) }, asSeen);
  }

  /** → error. The url's dedup key is dropped, so scraping it again starts a new task (`retryable`: one may succeed). */
  async fail(id: string, message: string, retryable: boolean, asSeen?: StillAsSeen): Promise<boolean> {
    const failed = await this.move(id, 'error', { stage: null, message, dedupKey: null, retryable }, asSeen);
    if (failed) await this.endHooks.ended(id);
    return failed;
  }

  /**
   * running → finished | error, with the artifacts and warnings, in one transaction. A task that
   * another run already ended is left alone (false), so a job re-run after a stall completes it once.
   * A finish runs the finish hooks inside that transaction (one that throws rolls it all back), then
   * what they asked to do after its commit; the end hooks run after the commit, by whoever ended the task.
   * A finish first waits for the work its failures started while the scrape ran (TaskFailureFeed):
   * on SQLite that work could not run once the finish's transaction is open.
   */
  async complete(id: string, items: readonly ArtifactToStore[], outcome: TaskOutcome): Promise<boolean> {
    if (outcome.status === 'finished') await this.failureFeed.settled(id);
    else this.failureFeed.forget(id);
    const afterCommit = await this.transactions.run(async (m): Promise<AfterCommit | null> => {
      const lock = rowLock(this.transactions.dialect, 'FOR UPDATE');
      const rows: { status: TaskStatus }[] = await m.query(`SELECT status FROM tasks WHERE id = ?${lock}`, [id]);
      if (rows.length === 0 || !canMove(rows[0].status, outcome.status)) return null;
      await this.artifacts.write(m, id, items);
      await m.update(
        TaskEntity,
        { id },
        {
          status: outcome.status,
          message: outcome.message,
          warnings: JSON.stringify(outcome.warnings),
          stage: null,
          ...(outcome.status === 'error' ? { dedupKey: null, retryable: outcome.retryable ?? false } : {}),
        },
      );
      if (outcome.status === 'error') return NOTHING_AFTER_COMMIT;
      return this.finishHooks.run(m, await m.findOneByOrFail(TaskEntity, { id }), items);
    });
    if (!afterCommit) return false;
    await afterCommit();
    await this.endHooks.ended(id);
    return true;
  }

  private async move(id: string, to: TaskStatus, values: QueryDeepPartialEntity<TaskEntity>, asSeen?: StillAsSeen): Promise<boolean> {
    const update = this.tasks
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ ...values, status: to })
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from: statusesMovingTo(to) });
    if (asSeen) {
      update
        .andWhere('requeues = :requeues', { requeues: asSeen.requeues })
        .andWhere('updated_at < :cutoff', { cutoff: asSeen.updatedBefore });
    }
    return (await update.execute()).affected === 1;
  }
}
