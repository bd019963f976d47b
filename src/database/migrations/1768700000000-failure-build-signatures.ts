import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { columnTypes, sqliteHandle } from './column-types';

/** The second half of an occurrence key before this migration: 32 hex digits of sha256(test, signature id). */
function testHalf(test: string | null, signatureId: string): string {
  return createHash('sha256')
    .update(`${test ?? ''}\n${signatureId}`)
    .digest('hex')
    .slice(0, 32);
}

/** The columns a row of failure knowledge holds of its build, in both tables of this migration. */
const buildColumns = (bool: string) => `job varchar(255) NOT NULL,
      project varchar(255) NULL,
      branch varchar(255) NULL,
      pipeline varchar(255) NULL,
      change_id int NULL,
      patchset int NULL,
      change_key varchar(40) NOT NULL,
      build_uuid varchar(64) NULL,
      log_url varchar(2048) NOT NULL,
      task_id char(36) NOT NULL,
      task_purged ${bool} NOT NULL DEFAULT 0`;

const GROUP_COLUMNS =
  'build_key, signature_id, failures, job, project, branch, pipeline, change_id, patchset, change_key, build_uuid, log_url, task_id, task_purged, finished_at, day';

/**
 * Failure occurrences kept per build and signature (docs/formats.md, "Failure occurrences"): one
 * failure_build_signatures row holds a build's failures of one signature (how many, and the
 * build's job, change and times) and failure_build_tests names its tests. A task's finish then
 * writes a row per signature, not one per failing test: the tests and their names are written
 * ahead, while the scrape still runs, and stay out of every count until the finish gives their row
 * its `finished_at`. The kept occurrences are regrouped (their keys start with their build's part,
 * the build_key) and failure_occurrences is dropped. So is failure_signature_tests, the (test,
 * signature) pairs with their last seen that a search by test name read: it now finds a name's
 * tests by their index, then the signatures of their builds' rows within the window, instead of an
 * upsert per failing test keeping the pairs up to date. failure_test_name_purges counts the purges
 * of test names, so a process can tell whether the ids of names it remembers still hold.
 */
export class FailureBuildSignatures1768700000000 implements MigrationInterface {
  name = 'FailureBuildSignatures1768700000000';

  async up(q: QueryRunner): Promise<void> {
    const { ts, bool, tail, serial } = columnTypes(q);
    const mysql = dialectOf(q.connection) === 'mysql';
    await q.query(`CREATE TABLE failure_build_signatures (
      id ${serial},
      build_key char(32) NOT NULL,
      signature_id char(16) NOT NULL,
      failures int NOT NULL,
      ${buildColumns(bool)},
      finished_at ${ts} NULL,
      day char(10) NULL
    )${tail}`);
    await q.query('CREATE UNIQUE INDEX uq_failure_build_signatures ON failure_build_signatures (build_key, signature_id)');
    // the window scans (top, search by text) and the purge
    await q.query(
      'CREATE INDEX ix_failure_build_signatures_window ON failure_build_signatures (finished_at, signature_id, change_key, failures)',
    );
    // one signature's counts, days, jobs and projects, from the index alone
    await q.query(
      'CREATE INDEX ix_failure_build_signatures_signature ON failure_build_signatures (signature_id, finished_at, change_key, job, project, failures)',
    );
    // a task's rows are finished and purged by its uuid
    await q.query('CREATE INDEX ix_failure_build_signatures_task ON failure_build_signatures (task_id)');
    await q.query(`CREATE TABLE failure_build_tests (
      build_signature_id bigint NOT NULL,
      test_id bigint NOT NULL,
      PRIMARY KEY (build_signature_id, test_id)
    )${mysql ? tail : ' WITHOUT ROWID'}`);
    await q.query(
      `INSERT INTO failure_build_signatures (${GROUP_COLUMNS})
        SELECT SUBSTR(occurrence_key, 1, 32), signature_id, COUNT(*), MIN(job), MIN(project), MIN(branch), MIN(pipeline), MIN(change_id),
          MIN(patchset), MIN(change_key), MIN(build_uuid), MIN(log_url), MIN(task_id), MIN(task_purged), MIN(finished_at), MIN(day)
        FROM failure_occurrences GROUP BY SUBSTR(occurrence_key, 1, 32), signature_id`,
    );
    await q.query(
      `INSERT INTO failure_build_tests (build_signature_id, test_id)
        SELECT DISTINCT g.id, o.test_id FROM failure_occurrences o
        JOIN failure_build_signatures g ON g.build_key = SUBSTR(o.occurrence_key, 1, 32) AND g.signature_id = o.signature_id
        WHERE o.test_id IS NOT NULL`,
    );
    // a search by test name and the purge of names find a name's tests by it
    await q.query('CREATE INDEX ix_failure_build_tests_test ON failure_build_tests (test_id, build_signature_id)');
    await q.query('DROP TABLE failure_occurrences');
    await q.query('DROP TABLE failure_signature_tests');
    // how many times the purge deleted test names: a process's remembered ids are good while it holds
    await q.query(`CREATE TABLE failure_test_name_purges (id int NOT NULL PRIMARY KEY, purges bigint NOT NULL)${tail}`);
    await q.query('INSERT INTO failure_test_name_purges (id, purges) VALUES (1, 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    const { ts, bool, tail, serial } = columnTypes(q);
    const mysql = dialectOf(q.connection) === 'mysql';
    await q.query(`CREATE TABLE failure_occurrences (
      id ${serial},
      occurrence_key char(64) NOT NULL,
      signature_id char(16) NOT NULL,
      test_id ${mysql ? 'bigint' : 'integer'} NULL,
      ${buildColumns(bool)},
      finished_at ${ts} NOT NULL,
      day char(10) NOT NULL
    )${tail}`);
    await q.query(`CREATE TABLE failure_signature_tests (
      test_id bigint NOT NULL,
      signature_id char(16) NOT NULL,
      last_seen ${ts} NOT NULL
    )${tail}`);
    await q.query('CREATE UNIQUE INDEX uq_failure_signature_tests ON failure_signature_tests (test_id, signature_id)');
    await q.query('CREATE INDEX ix_failure_signature_tests_last_seen ON failure_signature_tests (last_seen)');
    await q.query(
      `INSERT INTO failure_signature_tests (test_id, signature_id, last_seen)
        SELECT bt.test_id, g.signature_id, MAX(g.finished_at) FROM failure_build_tests bt JOIN failure_build_signatures g ON g.id = bt.build_signature_id
        WHERE g.finished_at IS NOT NULL GROUP BY bt.test_id, g.signature_id`,
    );
    if (!mysql) sqliteHandle(q).function('test_half', { deterministic: true }, testHalf);
    const testHalfSql = mysql
      ? "LEFT(SHA2(CONCAT(COALESCE(t.test, ''), CHAR(10), g.signature_id), 256), 32)"
      : 'test_half(t.test, g.signature_id)';
    // one occurrence per test, and one without a test for a build's job-level failure; unfinished rows were never counted
    await q.query(
      `INSERT INTO failure_occurrences (occurrence_key, signature_id, test_id, job, project, branch, pipeline, change_id, patchset, change_key,
          build_uuid, log_url, task_id, task_purged, finished_at, day)
        SELECT ${mysql ? `CONCAT(g.build_key, ${testHalfSql})` : `g.build_key || ${testHalfSql}`}, g.signature_id, bt.test_id, g.job, g.project,
          g.branch, g.pipeline, g.change_id, g.patchset, g.change_key, g.build_uuid, g.log_url, g.task_id, g.task_purged, g.finished_at, g.day
        FROM failure_build_signatures g LEFT JOIN failure_build_tests bt ON bt.build_signature_id = g.id
        LEFT JOIN failure_tests t ON t.id = bt.test_id WHERE g.finished_at IS NOT NULL`,
    );
    await q.query('CREATE UNIQUE INDEX uq_failure_occurrences_key ON failure_occurrences (occurrence_key)');
    await q.query('CREATE INDEX ix_failure_occurrences_window ON failure_occurrences (finished_at, signature_id, change_key)');
    await q.query(
      'CREATE INDEX ix_failure_occurrences_signature_covering ON failure_occurrences (signature_id, finished_at, change_key, job, project, test_id)',
    );
    await q.query('CREATE INDEX ix_failure_occurrences_task ON failure_occurrences (task_id)');
    await q.query('DROP TABLE failure_build_tests');
    await q.query('DROP TABLE failure_build_signatures');
    await q.query('DROP TABLE failure_test_name_purges');
  }
}
