import { MigrationInterface, QueryRunner } from 'typeorm';

/** tasks.warnings (what a finished task did not read cleanly) and tasks.scope (full, or tests only). */
export class TaskWarningsAndScope1765000000000 implements MigrationInterface {
  name = 'TaskWarningsAndScope1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tasks ADD COLUMN warnings text NULL');
    await q.query("ALTER TABLE tasks ADD COLUMN scope varchar(8) NOT NULL DEFAULT 'full'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tasks DROP COLUMN scope');
    await q.query('ALTER TABLE tasks DROP COLUMN warnings');
  }
}
