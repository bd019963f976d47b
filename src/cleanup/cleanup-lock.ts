import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dialectOf } from '../database/dialect';

/**
 * Server-wide on MySQL, so scoped by database: two deployments sharing a server must not make each
 * other skip their ticks. Lock names are capped at 64 characters.
 */
const LOCK_NAME_SQL = "LEFT(CONCAT('stackviz_cleanup.', DATABASE()), 64)";

/**
 * Lets one cleanup pass run at a time across every process on the database.
 *
 * Why a database lock rather than a BullMQ job scheduler (upsertJobScheduler):
 * - Redis is optional. SQLite and single-process MySQL deployments have no BullMQ, and the
 *   `--role=cleanup` command must exclude a scheduled pass in every deployment, so the database
 *   (the one thing every process shares, and the thing being cleaned) is where the lock belongs.
 * - A job scheduler's ticks run in a BullMQ Worker, i.e. in worker processes; the scheduled purge
 *   belongs to the all/api roles and the api role never consumes jobs.
 * - GET_LOCK belongs to a connection: a process that dies mid-pass loses it at once, so a crash
 *   never wedges cleanup, and there is no lease to tune.
 * With timeout 0 a process that finds the lock taken skips its tick rather than queueing behind it.
 * SQLite mode is one process, so an in-process flag is the whole lock there.
 *
 * Correctness does not rest on the lock: purge batches take rows with SKIP LOCKED and the stuck-task
 * updates are conditional, so even overlapping passes remove and repair each row once. The lock
 * keeps the work from being done twice (e.g. by hosts whose clocks tick a little apart).
 */
@Injectable()
export class CleanupLock {
  private busy = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` holding the lock, or returns null at once when another pass holds it. */
  async runExclusive<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.busy) return null;
    this.busy = true;
    try {
      return dialectOf(this.dataSource) === 'mysql' ? await this.withDatabaseLock(work) : await work();
    } finally {
      this.busy = false;
    }
  }

  private async withDatabaseLock<T>(work: () => Promise<T>): Promise<T | null> {
    // A dedicated connection: the lock lives and dies with it, whatever the pool does meanwhile.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ acquired }] = await runner.query(`SELECT GET_LOCK(${LOCK_NAME_SQL}, 0) AS acquired`);
      if (Number(acquired) !== 1) return null;
      try {
        return await work();
      } finally {
        await runner.query(`SELECT RELEASE_LOCK(${LOCK_NAME_SQL})`);
      }
    } finally {
      await runner.release();
    }
  }
}
