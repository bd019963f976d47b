import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/**
 * Failure knowledge's reads of some signatures (a result page's tests and jobs, a signature's
 * counts, days and projects) answered from the index alone: (signature_id, finished_at) grows to
 * cover change_key, job, project and, on SQLite, test. MySQL cannot cover a text column (its index
 * keeps a prefix only), so there test is still read from the table.
 */
export class FailureSignatureCoveringIndex1768300000000 implements MigrationInterface {
  name = 'FailureSignatureCoveringIndex1768300000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = dialectOf(q.connection) === 'mysql';
    await q.query(
      `CREATE INDEX ix_failure_occurrences_signature_covering ON failure_occurrences (signature_id, finished_at, change_key, job, project${mysql ? '' : ', test'})`,
    );
    await q.query(`DROP INDEX ix_failure_occurrences_signature${mysql ? ' ON failure_occurrences' : ''}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const mysql = dialectOf(q.connection) === 'mysql';
    await q.query('CREATE INDEX ix_failure_occurrences_signature ON failure_occurrences (signature_id, finished_at)');
    await q.query(`DROP INDEX ix_failure_occurrences_signature_covering${mysql ? ' ON failure_occurrences' : ''}`);
  }
}
