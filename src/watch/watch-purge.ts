import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deleteInBatches } from '../database/batched-delete';
import { Transactions } from '../database/transactions';
import { WATCH_STATE_ID } from './watch-lease';

/**
 * The watch module's part of the retention purge: the `watched_builds` rows of builds that ended
 * before the cutoff (Zuul's end time; the row's creation when Zuul gave none). The `watch_state`
 * row (the low-water mark) stays, and so does every build at or above where the next poll pages
 * back to: a build the poll reads again must still find its row, or it would be triaged twice.
 */
@Injectable()
export class WatchPurge {
  constructor(private readonly transactions: Transactions) {}

  /** How many rows deleteBefore(cutoff) would remove now. */
  async countBefore(cutoff: string): Promise<number> {
    return this.transactions.run(async (m) => {
      const { sql, params } = await this.aged(m, cutoff);
      const rows: { n: number | string }[] = await m.query(`SELECT COUNT(*) AS n FROM watched_builds WHERE ${sql}`, params);
      return Number(rows[0].n);
    });
  }

  /** Deletes the rows of builds that ended before `cutoff` (a database time), in batches, until none is left or `signal` aborts. */
  async deleteBefore(cutoff: string, signal?: AbortSignal): Promise<number> {
    return deleteInBatches(
      this.transactions,
      { table: 'watched_builds', key: 'build_uuid' },
      async (m, limit) => {
        const { sql, params } = await this.aged(m, cutoff);
        const rows: { build_uuid: string }[] = await m.query(`SELECT build_uuid FROM watched_builds WHERE ${sql} LIMIT ${limit}`, params);
        return rows.map((r) => r.build_uuid);
      },
      { signal },
    );
  }

  /**
   * Rows past the cutoff and below the next poll's page-back. Zuul's end times are ISO 8601 UTC
   * (`2024-03-01T07:50:00`, maybe with fractions or `Z`): the database time's space becomes `T` so
   * the two compare as text.
   */
  private async aged(m: EntityManager, cutoff: string): Promise<{ sql: string; params: unknown[] }> {
    const [state] = (await m.query('SELECT low_water, scan_from FROM watch_state WHERE id = ?', [WATCH_STATE_ID])) as {
      low_water: number | null;
      scan_from: number | null;
    }[];
    const marks = [state?.low_water, state?.scan_from].filter((v): v is number => v !== null && v !== undefined);
    const keepFrom = marks.length > 0 ? Math.min(...marks.map(Number)) : null;
    const parts = ['((end_time IS NOT NULL AND end_time < ?) OR (end_time IS NULL AND created_at < ?))'];
    const params: unknown[] = [cutoff.replace(' ', 'T'), cutoff];
    if (keepFrom !== null) {
      parts.push('zuul_id < ?');
      params.push(keepFrom);
    }
    return { sql: parts.join(' AND '), params };
  }
}
