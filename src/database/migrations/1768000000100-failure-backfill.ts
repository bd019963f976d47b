import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

/**
 * failure_backfill: how far the background backfill of failure occurrences has walked the tasks
 * stored before failure knowledge existed (one row), and the lease of the process walking them.
 */
export class FailureBackfill1768000000100 implements MigrationInterface {
  name = 'FailureBackfill1768000000100';

  async up(q: QueryRunner): Promise<void> {
    const { ts, bool, tail } = columnTypes(q);
    await q.query(`CREATE TABLE failure_backfill (
      id int NOT NULL PRIMARY KEY,
      last_task char(36) NULL,
      done ${bool} NOT NULL,
      tasks int NOT NULL,
      lease_owner char(36) NULL,
      lease_until ${ts} NULL
    )${tail}`);
    await q.query('INSERT INTO failure_backfill (id, last_task, done, tasks) VALUES (1, NULL, 0, 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE failure_backfill');
  }
}
