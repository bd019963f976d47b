import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/**
 * insight_tests gains each failure's cause and signature id, the other changes' count and how many
 * failed with the same cause. Results stored before are dropped and their insights set running
 * again: the next /insight/result computes them afresh (their runs are all still stored, an insight
 * being purged with any run it read), with the evidence thresholds too.
 */
export class InsightCauses1767000000000 implements MigrationInterface {
  name = 'InsightCauses1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM insight_tests');
    await q.query("UPDATE insights SET status = 'running' WHERE status = 'finished'");
    // SQLite adds a NOT NULL column only with a default; MySQL gives a text column none (the table is empty).
    const textDefault = dialectOf(q.connection) === 'mysql' ? '' : " DEFAULT ''";
    await q.query(`ALTER TABLE insight_tests ADD COLUMN cause text NOT NULL${textDefault}`);
    await q.query("ALTER TABLE insight_tests ADD COLUMN signature_id char(16) NOT NULL DEFAULT ''");
    await q.query('ALTER TABLE insight_tests ADD COLUMN other_changes int NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE insight_tests ADD COLUMN other_same_cause int NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['other_same_cause', 'other_changes', 'signature_id', 'cause']) {
      await q.query(`ALTER TABLE insight_tests DROP COLUMN ${column}`);
    }
  }
}
