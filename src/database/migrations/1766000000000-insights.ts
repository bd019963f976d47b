import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

/**
 * Flake insights: insights (one per task), insight_runs (the other runs each one reads) and
 * insight_tests (its result). Deleting a task deletes the insights of that task and those that read it.
 */
export class Insights1766000000000 implements MigrationInterface {
  name = 'Insights1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const { ts, now, bool, tail } = columnTypes(q);
    await q.query(`CREATE TABLE insights (
      id char(36) NOT NULL PRIMARY KEY,
      task_id char(36) NOT NULL,
      status varchar(16) NOT NULL,
      job varchar(255) NOT NULL,
      builds int NOT NULL,
      created_at ${ts} NOT NULL DEFAULT ${now},
      updated_at ${ts} NOT NULL DEFAULT ${now},
      CONSTRAINT fk_insights_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
    )${tail}`);
    await q.query('CREATE UNIQUE INDEX uq_insights_task_id ON insights (task_id)');
    await q.query(`CREATE TABLE insight_runs (
      insight_id char(36) NOT NULL,
      seq int NOT NULL,
      task_id char(36) NOT NULL,
      same_change ${bool} NOT NULL,
      PRIMARY KEY (insight_id, seq),
      CONSTRAINT fk_insight_runs_insight FOREIGN KEY (insight_id) REFERENCES insights (id) ON DELETE CASCADE,
      CONSTRAINT fk_insight_runs_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
    )${tail}`);
    await q.query('CREATE INDEX ix_insight_runs_task_id ON insight_runs (task_id)');
    await q.query(`CREATE TABLE insight_tests (
      insight_id char(36) NOT NULL,
      seq int NOT NULL,
      name text NOT NULL,
      verdict varchar(8) NOT NULL,
      other_runs int NOT NULL,
      other_failed int NOT NULL,
      other_passed int NOT NULL,
      other_skipped int NOT NULL,
      same_runs int NOT NULL,
      same_failed int NOT NULL,
      same_passed int NOT NULL,
      same_skipped int NOT NULL,
      last_failed_task char(36) NULL,
      PRIMARY KEY (insight_id, seq),
      CONSTRAINT fk_insight_tests_insight FOREIGN KEY (insight_id) REFERENCES insights (id) ON DELETE CASCADE
    )${tail}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE insight_tests');
    await q.query('DROP TABLE insight_runs');
    await q.query('DROP TABLE insights');
  }
}
