import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact-store';
import { PurgedBatch, PurgeHooks } from '../artifacts/purge-hooks';
import { Transactions } from '../database/transactions';
import { InsightPurge } from '../insight/insight-purge';
import { TaskPurge } from '../tasks/task-purge';

/**
 * Tasks per delete transaction: small enough that no batch holds the blob table for long or grows
 * the undo log much, large enough that a million aged rows take a few thousand round trips.
 */
export const PURGE_BATCH_TASKS = 500;

export interface PurgeTotals {
  tasks: number;
  artifacts: number;
  /** Sum of the removed artifacts' stored (gzip) sizes. */
  bytes: number;
}

const none = (): PurgeTotals => ({ tasks: 0, artifacts: 0, bytes: 0 });

/**
 * Deletes tasks created before a cutoff, with their artifacts and chunks and the flake insights that
 * read them, each through the module that owns those rows.
 */
@Injectable()
export class RetentionPurge {
  constructor(
    private readonly tasks: TaskPurge,
    private readonly artifacts: ArtifactStore,
    private readonly insights: InsightPurge,
    private readonly transactions: Transactions,
    private readonly hooks: PurgeHooks,
  ) {}

  /** What purge(cutoff) would remove now; removes nothing. */
  async measure(cutoff: string): Promise<PurgeTotals> {
    const tasks = await this.tasks.countCreatedBefore(cutoff);
    return { tasks, ...(await this.artifacts.totals(this.tasks.idsCreatedBefore(cutoff))) };
  }

  /**
   * Deletes in batches of PURGE_BATCH_TASKS tasks, each its own transaction, until none is left or
   * `signal` aborts (between batches). The counts are exact even with another purge running: see
   * deleteBatch. Once a batch has committed, this process's caches drop what it removed (PurgeHooks).
   */
  async purge(cutoff: string, signal?: AbortSignal): Promise<PurgeTotals> {
    const total = none();
    while (!signal?.aborted) {
      // READ COMMITTED: a batch takes no gap locks and keeps none on rows it scanned but did not
      // delete, so TaskLifecycle.complete() inserting next to them is not blocked.
      const { removed: batch, ...ids } = await this.transactions.run((m) => this.deleteBatch(m, cutoff), 'READ COMMITTED');
      if (batch.tasks > 0) this.hooks.purged(ids);
      total.tasks += batch.tasks;
      total.artifacts += batch.artifacts;
      total.bytes += batch.bytes;
      if (batch.tasks < PURGE_BATCH_TASKS) break;
    }
    return total;
  }

  /**
   * The batch's task rows are locked first (TaskPurge.lockCreatedBefore: on MySQL a concurrent purge
   * skips them, and a task being completed is left for the next pass). TaskLifecycle.complete()
   * needs the task row's lock to add artifacts, so the artifacts read here are exactly the ones
   * deleted. Every delete goes by primary key, so it locks only the rows it removes.
   */
  private async deleteBatch(m: EntityManager, cutoff: string): Promise<{ removed: PurgeTotals } & PurgedBatch> {
    const taskIds = await this.tasks.lockCreatedBefore(m, cutoff, PURGE_BATCH_TASKS);
    if (taskIds.length === 0) return { removed: none(), taskIds, artifactIds: [] };
    await this.insights.deleteReading(m, taskIds);
    const { ids: artifactIds, ...removed } = await this.artifacts.deleteOfTasks(m, taskIds);
    await this.tasks.delete(m, taskIds);
    return { removed: { tasks: taskIds.length, ...removed }, taskIds, artifactIds };
  }
}
