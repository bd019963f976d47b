import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

/** tasks.retryable: for a task that ended in error, whether scraping the build again may succeed. */
export class TaskRetryable1767100000000 implements MigrationInterface {
  name = 'TaskRetryable1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN retryable ${columnTypes(q).bool} NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tasks DROP COLUMN retryable');
  }
}
