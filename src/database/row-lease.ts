import type { DataSource } from 'typeorm';
import { databaseNowSql } from './db-clock';
import { dialectOf } from './dialect';

/** The row a lease lives in: its table, its key, the holder and expiry columns. */
export interface LeaseRow {
  table: string;
  keyColumn: string;
  key: string | number;
  holderColumn: string;
  untilColumn: string;
  /** A further condition on the row for taking or renewing the lease (SQL), e.g. `done = 0`. */
  onlyWhile?: string;
  /** Insert the row (its key alone) when a take finds none; otherwise the row must exist. */
  createIfMissing?: boolean;
}

/**
 * A lease over one row: taken or renewed by a conditional update (free, expired, or
 * already ours) and lasting `ms` from its last renewal. Expiry is by the database's clock, so
 * processes on hosts whose clocks disagree still agree on when a lease has lapsed.
 */
export class RowLease {
  constructor(
    private readonly dataSource: DataSource,
    private readonly row: LeaseRow,
    readonly holder: string,
    private readonly ms: number,
  ) {}

  /**
   * Takes or renews the lease; false while another process holds it (or `onlyWhile` is false). A
   * renewal is one UPDATE; only a take that changed nothing may insert the row (`createIfMissing`).
   */
  async hold(): Promise<boolean> {
    if (await this.take()) return true;
    if (!this.row.createIfMissing) return false;
    const ignore = dialectOf(this.dataSource) === 'mysql' ? 'IGNORE' : 'OR IGNORE';
    const created = await this.update(`INSERT ${ignore} INTO ${this.row.table} (${this.row.keyColumn}) VALUES (?)`, [this.row.key]);
    return created === 1 && (await this.take());
  }

  private async take(): Promise<boolean> {
    const { table, keyColumn, holderColumn, untilColumn, onlyWhile } = this.row;
    const dialect = dialectOf(this.dataSource);
    return (
      (await this.update(
        `UPDATE ${table} SET ${holderColumn} = ?, ${untilColumn} = ${databaseNowSql(dialect, this.ms)}
          WHERE ${keyColumn} = ?${onlyWhile ? ` AND ${onlyWhile}` : ''}
            AND (${holderColumn} = ? OR ${holderColumn} IS NULL OR ${untilColumn} IS NULL OR ${untilColumn} < ${databaseNowSql(dialect)})`,
        [this.holder, this.row.key, this.holder],
      )) === 1
    );
  }

  /** Lets another process take the lease at once (a clean shutdown). */
  async release(): Promise<void> {
    const { table, keyColumn, holderColumn, untilColumn } = this.row;
    await this.update(`UPDATE ${table} SET ${holderColumn} = NULL, ${untilColumn} = NULL WHERE ${keyColumn} = ? AND ${holderColumn} = ?`, [
      this.row.key,
      this.holder,
    ]);
  }

  /** Runs an UPDATE or INSERT; the rows it changed. */
  private async update(sql: string, parameters: unknown[]): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, parameters, true)).affected ?? 0;
    } finally {
      await runner.release();
    }
  }
}
