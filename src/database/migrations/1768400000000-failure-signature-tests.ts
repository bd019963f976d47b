import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';
import { dialectOf } from '../dialect';

/**
 * failure_signature_tests: each distinct (signature, test name) pair of the kept occurrences, with
 * the newest occurrence's finish. A search by test name reads these pairs (far fewer than the
 * occurrences) instead of every occurrence in the window. MySQL cannot key a text column whole, so
 * there the pair is unique by a SHA-256 of the test name. Filled from the occurrences already kept.
 */
export class FailureSignatureTests1768400000000 implements MigrationInterface {
  name = 'FailureSignatureTests1768400000000';

  async up(q: QueryRunner): Promise<void> {
    const { ts, tail } = columnTypes(q);
    const mysql = dialectOf(q.connection) === 'mysql';
    await q.query(`CREATE TABLE failure_signature_tests (
      signature_id char(16) NOT NULL,
      test text NOT NULL,${mysql ? '\n      test_key char(64) AS (SHA2(test, 256)) STORED,' : ''}
      last_seen ${ts} NOT NULL
    )${tail}`);
    await q.query(
      `CREATE UNIQUE INDEX uq_failure_signature_tests ON failure_signature_tests (signature_id, ${mysql ? 'test_key' : 'test'})`,
    );
    await q.query('CREATE INDEX ix_failure_signature_tests_last_seen ON failure_signature_tests (last_seen)');
    await q.query(
      `INSERT INTO failure_signature_tests (signature_id, test, last_seen)
        SELECT signature_id, test, MAX(finished_at) FROM failure_occurrences WHERE test IS NOT NULL GROUP BY signature_id, test`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE failure_signature_tests');
  }
}
