import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/**
 * The retention purge clears the example of the signatures whose example task it deletes
 * (`WHERE example_task IN (…)`): without an index that scans failure_signatures whole in every
 * purge batch, and on MySQL locks every row it reads.
 */
export class FailureSignatureExampleIndex1768500000100 implements MigrationInterface {
  name = 'FailureSignatureExampleIndex1768500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_failure_signatures_example_task ON failure_signatures (example_task)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_failure_signatures_example_task${dialectOf(q.connection) === 'mysql' ? ' ON failure_signatures' : ''}`);
  }
}
