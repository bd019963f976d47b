import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The window scans of failure knowledge (top, search, counts) group a window's occurrences by
 * signature and count distinct changes: an index on (finished_at, signature_id, change_key) answers
 * them from the index alone, without reading each row from the table.
 */
export class FailureWindowIndex1768000000200 implements MigrationInterface {
  name = 'FailureWindowIndex1768000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_failure_occurrences_window ON failure_occurrences (finished_at, signature_id, change_key)');
    await q.query(`DROP INDEX ix_failure_occurrences_finished${q.connection.options.type === 'mysql' ? ' ON failure_occurrences' : ''}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_failure_occurrences_finished ON failure_occurrences (finished_at, signature_id)');
    await q.query(`DROP INDEX ix_failure_occurrences_window${q.connection.options.type === 'mysql' ? ' ON failure_occurrences' : ''}`);
  }
}
