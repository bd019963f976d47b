import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

/**
 * Failure knowledge (docs/api.md, "Failures"): failure_signatures (one row per masked cause, with
 * one example traceback and when it was first and last seen), failure_occurrences (one row per
 * failing test, or failed job, of a build: unique by build log URL, test and signature, so a build
 * scraped again never counts twice; no foreign key to tasks, an occurrence outlives its task) and
 * failure_rules (a text or regex linking matching signatures to a bug). A purged task's occurrences
 * keep its uuid, marked `task_purged`, so its old link can still lead to its log URL.
 */
export class FailureKnowledge1768000000000 implements MigrationInterface {
  name = 'FailureKnowledge1768000000000';

  async up(q: QueryRunner): Promise<void> {
    const { ts, now, bool, tail, serial } = columnTypes(q);
    const mysql = q.connection.options.type === 'mysql';
    const longText = mysql ? 'mediumtext' : 'text';
    await q.query(`CREATE TABLE failure_signatures (
      seq ${serial},
      id char(16) NOT NULL,
      signature text NOT NULL,
      example_task char(36) NULL,
      example_test text NULL,
      example_traceback ${longText} NULL,
      first_seen ${ts} NOT NULL,
      last_seen ${ts} NOT NULL
    )${tail}`);
    await q.query('CREATE UNIQUE INDEX uq_failure_signatures_id ON failure_signatures (id)');
    await q.query(`CREATE TABLE failure_occurrences (
      id ${serial},
      occurrence_key char(64) NOT NULL,
      signature_id char(16) NOT NULL,
      test text NULL,
      job varchar(255) NOT NULL,
      project varchar(255) NULL,
      pipeline varchar(255) NULL,
      change_id int NULL,
      patchset int NULL,
      change_key varchar(40) NOT NULL,
      build_uuid varchar(64) NULL,
      log_url varchar(2048) NOT NULL,
      task_id char(36) NOT NULL,
      task_purged ${bool} NOT NULL DEFAULT 0,
      finished_at ${ts} NOT NULL,
      day char(10) NOT NULL
    )${tail}`);
    await q.query('CREATE UNIQUE INDEX uq_failure_occurrences_key ON failure_occurrences (occurrence_key)');
    // the window scans (top, search by text) and the purge
    await q.query('CREATE INDEX ix_failure_occurrences_finished ON failure_occurrences (finished_at, signature_id)');
    // one signature's counts, days and latest occurrences
    await q.query('CREATE INDEX ix_failure_occurrences_signature ON failure_occurrences (signature_id, finished_at)');
    // a purged task's occurrences are marked, and found by its uuid
    await q.query('CREATE INDEX ix_failure_occurrences_task ON failure_occurrences (task_id)');
    await q.query(`CREATE TABLE failure_rules (
      id ${serial},
      pattern varchar(500) NOT NULL,
      is_regex ${bool} NOT NULL,
      bug_url varchar(2048) NOT NULL,
      title varchar(500) NOT NULL,
      created_at ${ts} NOT NULL DEFAULT ${now}
    )${tail}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE failure_rules');
    await q.query('DROP TABLE failure_occurrences');
    await q.query('DROP TABLE failure_signatures');
  }
}
