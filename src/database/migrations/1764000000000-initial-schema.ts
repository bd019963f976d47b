import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

/** tasks, artifacts and artifact_chunks, written per dialect (SQLite has no LONGBLOB or datetime(3)). */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const { ts, now, bool, blob, tail } = columnTypes(q);
    await q.query(`CREATE TABLE tasks (
      id char(36) NOT NULL PRIMARY KEY,
      url varchar(2048) NOT NULL,
      dedup_key char(64) NULL,
      status varchar(16) NOT NULL,
      message text NULL,
      stage varchar(64) NULL,
      artifacts_found text NULL,
      requeues int NOT NULL DEFAULT 0,
      change_id int NULL,
      change_project varchar(255) NULL,
      change_subject text NULL,
      ci_username varchar(255) NULL,
      name varchar(255) NULL,
      pipeline varchar(255) NULL,
      revision int NULL,
      ci_status varchar(32) NULL,
      build_uuid varchar(64) NULL,
      voting ${bool} NULL,
      duration double NULL,
      build_finished_at varchar(40) NULL,
      created_at ${ts} NOT NULL DEFAULT ${now},
      updated_at ${ts} NOT NULL DEFAULT ${now}
    )${tail}`);
    await q.query('CREATE UNIQUE INDEX uq_tasks_dedup_key ON tasks (dedup_key)');
    await q.query('CREATE INDEX ix_tasks_created_at ON tasks (created_at)');
    await q.query('CREATE INDEX ix_tasks_status_updated_at ON tasks (status, updated_at)');
    await q.query(`CREATE TABLE artifacts (
      id char(36) NOT NULL PRIMARY KEY,
      task_id char(36) NOT NULL,
      artifact_name varchar(255) NOT NULL,
      artifact_type varchar(32) NOT NULL,
      content_type varchar(64) NOT NULL,
      content_encoding varchar(16) NOT NULL,
      is_primary ${bool} NOT NULL,
      size int NOT NULL,
      sha256 char(64) NOT NULL,
      created_at ${ts} NOT NULL DEFAULT ${now},
      CONSTRAINT fk_artifacts_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
    )${tail}`);
    await q.query('CREATE INDEX ix_artifacts_task_id ON artifacts (task_id)');
    await q.query(`CREATE TABLE artifact_chunks (
      artifact_id char(36) NOT NULL,
      seq int NOT NULL,
      data ${blob} NOT NULL,
      PRIMARY KEY (artifact_id, seq),
      CONSTRAINT fk_chunks_artifact FOREIGN KEY (artifact_id) REFERENCES artifacts (id) ON DELETE CASCADE
    )${tail}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE artifact_chunks');
    await q.query('DROP TABLE artifacts');
    await q.query('DROP TABLE tasks');
  }
}
