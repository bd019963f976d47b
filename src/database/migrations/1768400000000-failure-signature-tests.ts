import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';
import { dialectOf } from '../dialect';

/**
 * A search by test name reads the distinct test names (failure_tests, far fewer than the
 * occurrences), then the signatures each was seen failing with (failure_signature_tests: each
 * distinct (signature, test) pair of the kept occurrences, with its newest occurrence's finish), so
 * no occurrence is read. MySQL cannot key a text column whole, so there a test name is unique by its
 * SHA-256. Both are filled from the occurrences already kept.
 */
export class FailureSignatureTests1768400000000 implements MigrationInterface {
  name = 'FailureSignatureTests1768400000000';

  async up(q: QueryRunner): Promise<void> {
    const { ts, tail, serial } = columnTypes(q);
    const mysql = dialectOf(q.connection) === 'mysql';
    await q.query(`CREATE TABLE failure_tests (
      id ${serial},
      test text NOT NULL${mysql ? ',\n      test_key char(64) AS (SHA2(test, 256)) STORED' : ''}
    )${tail}`);
    await q.query(`CREATE UNIQUE INDEX uq_failure_tests ON failure_tests (${mysql ? 'test_key' : 'test'})`);
    await q.query(`CREATE TABLE failure_signature_tests (
      test_id bigint NOT NULL,
      signature_id char(16) NOT NULL,
      last_seen ${ts} NOT NULL
    )${tail}`);
    await q.query('CREATE UNIQUE INDEX uq_failure_signature_tests ON failure_signature_tests (test_id, signature_id)');
    await q.query('CREATE INDEX ix_failure_signature_tests_last_seen ON failure_signature_tests (last_seen)');
    // every name, not DISTINCT: MySQL's case-insensitive collation would merge names its key keeps apart
    await q.query(
      `${mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO failure_tests (test) SELECT test FROM failure_occurrences WHERE test IS NOT NULL`,
    );
    await q.query(
      `INSERT INTO failure_signature_tests (test_id, signature_id, last_seen)
        SELECT t.id, o.signature_id, MAX(o.finished_at) FROM failure_occurrences o JOIN failure_tests t ON ${mysql ? 't.test_key = SHA2(o.test, 256)' : 't.test = o.test'}
        GROUP BY t.id, o.signature_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE failure_signature_tests');
    await q.query('DROP TABLE failure_tests');
  }
}
