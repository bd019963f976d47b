import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables that carry a build's branch: a task's entry, the watcher's followed build, and each failure occurrence. */
const TABLES = ['tasks', 'watched_builds', 'failure_occurrences'];

/**
 * The branch a build ran on (`master`, `stable/2024.1`), null when unknown: kept with the task
 * from its /list entry, with a build the watcher follows (whose triage task it becomes), and with
 * every failure occurrence. A nullable column at the end is added in place on MariaDB.
 */
export class BuildBranch1768600000000 implements MigrationInterface {
  name = 'BuildBranch1768600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ADD COLUMN branch varchar(255) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} DROP COLUMN branch`);
  }
}
