import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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

/** Deletes tasks created before a cutoff, with their artifacts and chunks. */
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
      const batch = await this.transactions.run((m) => this.deleteBatch(m, cutoff));
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
   * lock) is left for the next pass instead of being deleted under it. Because complete() needs the
   * task row lock to add artifacts, the artifacts counted here are exactly the ones deleted. On
   * SQLite, transactions run one at a time (Transactions), which gives the same guarantees.
   */
  private async deleteBatch(m: EntityManager, cutoff: string): Promise<PurgeTotals> {
    const lock = this.transactions.isMysql ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM tasks WHERE created_at < ? ORDER BY created_at LIMIT ${PURGE_BATCH_TASKS}${lock}`,
      [cutoff],
    );
    if (rows.length === 0) return none();
    const ids = rows.map((r) => r.id);
    const inIds = `(${ids.map(() => '?').join(', ')})`;
    const [blobs]: { n: string | number; bytes: string | number }[] = await m.query(
      `SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM artifacts WHERE task_id IN ${inIds}`,
      ids,
    );
    // Children first, explicitly: the cascades would do it too, but one visible statement per table
    // keeps each delete's lock footprint plain.
    await m.query(`DELETE FROM artifact_chunks WHERE artifact_id IN (SELECT id FROM artifacts WHERE task_id IN ${inIds})`, ids);
    await m.query(`DELETE FROM artifacts WHERE task_id IN ${inIds}`, ids);
    await m.query(`DELETE FROM tasks WHERE id IN ${inIds}`, ids);
    return { tasks: ids.length, artifacts: Number(blobs.n), bytes: Number(blobs.bytes) };
  }
}
