import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deleteInBatches } from '../database/batched-delete';
import { inList } from '../database/bound-values';
import { Transactions } from '../database/transactions';
import { OccurrenceChanges } from './occurrence-changes';

/**
 * The failures module's part of the retention purge. Occurrences outlive their task's blobs: a
 * purged task only takes its link from them (they keep the log URL and Zuul build); they are
 * deleted once older than FAILURE_HISTORY_DAYS, with the signatures no longer seen since.
 */
@Injectable()
export class FailurePurge {
  constructor(
    private readonly transactions: Transactions,
    private readonly changes: OccurrenceChanges,
  ) {}

  /**
   * In `m`, the purge batch's transaction: these tasks are being deleted; their occurrences keep the
   * rest, marked as of a purged task. Rows they wrote ahead of a finish that never came go.
   */
  async forgetTasks(m: EntityManager, taskIds: readonly string[]): Promise<void> {
    if (taskIds.length === 0) return;
    const tasks = inList(taskIds.length);
    await m.query(
      `DELETE FROM failure_build_tests WHERE build_signature_id IN
        (SELECT id FROM failure_build_signatures WHERE task_id IN (${tasks}) AND finished_at IS NULL)`,
      [...taskIds],
    );
    await m.query(`DELETE FROM failure_build_signatures WHERE task_id IN (${tasks}) AND finished_at IS NULL`, [...taskIds]);
    await m.query(`UPDATE failure_build_signatures SET task_purged = 1 WHERE task_id IN (${tasks})`, [...taskIds]);
    await m.query(`UPDATE failure_signatures SET example_task = NULL WHERE example_task IN (${tasks})`, [...taskIds]);
  }

  /** How many occurrences finished before `cutoff` (a database time). */
  async countBefore(cutoff: string): Promise<number> {
    const rows: { n: number | string }[] = await this.transactions.run((m) =>
      m.query('SELECT SUM(failures) AS n FROM failure_build_signatures WHERE finished_at < ?', [cutoff]),
    );
    return Number(rows[0].n ?? 0);
  }

  /**
   * Deletes the occurrences that finished before `cutoff`, in batches of builds' rows, then the
   * test names no kept occurrence names and the signatures last seen before it; returns how many
   * occurrences.
   */
  async deleteBefore(cutoff: string, signal?: AbortSignal): Promise<number> {
    let occurrences = 0;
    await deleteInBatches(
      this.transactions,
      { table: 'failure_build_signatures', key: 'id', dependents: [{ table: 'failure_build_tests', column: 'build_signature_id' }] },
      async (m, limit) => {
        const rows: { id: number; failures: number | string }[] = await m.query(
          `SELECT id, failures FROM failure_build_signatures WHERE finished_at < ? ORDER BY finished_at LIMIT ${limit}`,
          [cutoff],
        );
        for (const r of rows) occurrences += Number(r.failures);
        return rows.map((r) => r.id);
      },
      { signal, committed: () => this.changes.committed() },
    );
    if (!signal?.aborted) {
      await this.transactions.run(async (m) => {
        // first: it waits for the writers that are about to name a test, and makes every process forget the ids it knew (TestNameIds)
        await m.query('UPDATE failure_test_name_purges SET purges = purges + 1 WHERE id = 1');
        await m.query(
          'DELETE FROM failure_tests WHERE NOT EXISTS (SELECT 1 FROM failure_build_tests bt WHERE bt.test_id = failure_tests.id)',
        );
        await m.query('DELETE FROM failure_signatures WHERE last_seen < ?', [cutoff]);
      }, 'READ COMMITTED');
    }
    return occurrences;
  }
}
