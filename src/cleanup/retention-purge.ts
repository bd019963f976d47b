import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { rowLock } from '../database/dialect';
import { Transactions } from '../database/transactions';

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
const placeholders = (values: unknown[]): string => `(${values.map(() => '?').join(', ')})`;

/** Deletes tasks created before a cutoff, with their artifacts and chunks and the flake insights that read them. */
@Injectable()
export class RetentionPurge {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  /** What purge(cutoff) would remove now; removes nothing. */
  async measure(cutoff: string): Promise<PurgeTotals> {
    const [tasks]: { n: string | number }[] = await this.dataSource.query('SELECT COUNT(*) AS n FROM tasks WHERE created_at < ?', [cutoff]);
    const [artifacts]: { n: string | number; bytes: string | number }[] = await this.dataSource.query(
      `SELECT COUNT(*) AS n, COALESCE(SUM(a.size), 0) AS bytes
         FROM artifacts a JOIN tasks t ON t.id = a.task_id WHERE t.created_at < ?`,
      [cutoff],
    );
    return { tasks: Number(tasks.n), artifacts: Number(artifacts.n), bytes: Number(artifacts.bytes) };
  }

  /**
   * Deletes in batches of PURGE_BATCH_TASKS tasks, each its own transaction, until none is left or
   * `signal` aborts (between batches). The counts are exact even with another purge running: see
   * deleteBatch.
   */
  async purge(cutoff: string, signal?: AbortSignal): Promise<PurgeTotals> {
    const total = none();
    while (!signal?.aborted) {
      // READ COMMITTED: a batch takes no gap locks and keeps none on rows it scanned but did not
      // delete, so ArtifactStore.complete() inserting next to them is not blocked.
      const batch = await this.transactions.run((m) => this.deleteBatch(m, cutoff), 'READ COMMITTED');
      total.tasks += batch.tasks;
      total.artifacts += batch.artifacts;
      total.bytes += batch.bytes;
      if (batch.tasks < PURGE_BATCH_TASKS) break;
    }
    return total;
  }

  /**
   * On MySQL the batch's task rows are taken with FOR UPDATE SKIP LOCKED: a concurrent purge gets
   * other rows, and a task whose blobs ArtifactStore.complete() is writing (it holds that row's
   * lock) is left for the next pass instead of being deleted under it. complete() needs the task
   * row's lock to add artifacts, so the artifacts read here are exactly the ones deleted. Every
   * delete goes by primary key, so it locks only the rows it removes.
   */
  private async deleteBatch(m: EntityManager, cutoff: string): Promise<PurgeTotals> {
    const lock = rowLock(this.transactions.dialect, 'FOR UPDATE SKIP LOCKED');
    const tasks: { id: string }[] = await m.query(
      `SELECT id FROM tasks WHERE created_at < ? ORDER BY created_at LIMIT ${PURGE_BATCH_TASKS}${lock}`,
      [cutoff],
    );
    if (tasks.length === 0) return none();
    const taskIds = tasks.map((r) => r.id);
    await this.deleteInsightsReading(m, taskIds);
    const artifacts: { id: string; size: number }[] = await m.query(
      `SELECT id, size FROM artifacts WHERE task_id IN ${placeholders(taskIds)}`,
      taskIds,
    );
    if (artifacts.length > 0) {
      const artifactIds = artifacts.map((a) => a.id);
      await m.query(`DELETE FROM artifact_chunks WHERE artifact_id IN ${placeholders(artifactIds)}`, artifactIds);
      await m.query(`DELETE FROM artifacts WHERE id IN ${placeholders(artifactIds)}`, artifactIds);
    }
    await m.query(`DELETE FROM tasks WHERE id IN ${placeholders(taskIds)}`, taskIds);
    return { tasks: taskIds.length, artifacts: artifacts.length, bytes: artifacts.reduce((sum, a) => sum + Number(a.size), 0) };
  }

  /**
   * Flake insights go with the tasks they read: the insight of a deleted task, and every insight
   * one of whose runs is a deleted task (its verdicts counted that run).
   */
  private async deleteInsightsReading(m: EntityManager, taskIds: string[]): Promise<void> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM insights WHERE task_id IN ${placeholders(taskIds)}
       UNION SELECT insight_id AS id FROM insight_runs WHERE task_id IN ${placeholders(taskIds)}`,
      [...taskIds, ...taskIds],
    );
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    for (const table of ['insight_tests', 'insight_runs'])
      await m.query(`DELETE FROM ${table} WHERE insight_id IN ${placeholders(ids)}`, ids);
    await m.query(`DELETE FROM insights WHERE id IN ${placeholders(ids)}`, ids);
  }
}
