import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { sqliteHandle } from './column-types';

/** A build-first occurrence key: 32 hex digits of sha256(log URL), then 32 of sha256(test, signature id). */
function buildFirstKey(logUrl: string, test: string | null, signatureId: string): string {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  return sha(logUrl) + sha(`${test ?? ''}\n${signatureId}`);
}

/** The key before: sha256(log URL, test, signature id). */
function wholeKey(logUrl: string, test: string | null, signatureId: string): string {
  return createHash('sha256')
    .update(`${logUrl}\n${test ?? ''}\n${signatureId}`)
    .digest('hex');
}

/**
 * Narrower occurrence rows, cheaper to write (a 3,520-failure task writes 3,520 of them in its
 * finish):
 * - an occurrence names its test by failure_tests' id instead of holding the name; on MySQL the
 *   covering index of a signature's occurrences can then hold the test too (it cannot hold a text
 *   column), so a result row's tests are counted from the index alone;
 * - its unique key starts with its build's part (buildFirstKey), so a build's rows go into one
 *   place of the key's index instead of thousands of random ones. The kept rows' keys are
 *   rewritten, so a build scraped again after the upgrade still finds its occurrences.
 */
export class FailureOccurrenceTestId1768500000000 implements MigrationInterface {
  name = 'FailureOccurrenceTestId1768500000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = dialectOf(q.connection) === 'mysql';
    await q.query(`ALTER TABLE failure_occurrences ADD COLUMN test_id ${mysql ? 'bigint' : 'integer'} NULL`);
    // a name purged while an occurrence still held it would leave that occurrence nameless
    await q.query(
      `${mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO failure_tests (test) SELECT test FROM failure_occurrences WHERE test IS NOT NULL`,
    );
    if (mysql) {
      await q.query(
        'UPDATE failure_occurrences o JOIN failure_tests t ON t.test_key = SHA2(o.test, 256) SET o.test_id = t.id WHERE o.test IS NOT NULL',
      );
      await q.query(
        `UPDATE failure_occurrences SET occurrence_key =
          CONCAT(LEFT(SHA2(log_url, 256), 32), LEFT(SHA2(CONCAT(COALESCE(test, ''), CHAR(10), signature_id), 256), 32))`,
      );
      await q.query(`ALTER TABLE failure_occurrences DROP INDEX ix_failure_occurrences_signature_covering, DROP COLUMN test,
        ADD INDEX ix_failure_occurrences_signature_covering (signature_id, finished_at, change_key, job, project, test_id)`);
    } else {
      await q.query(
        'UPDATE failure_occurrences SET test_id = (SELECT t.id FROM failure_tests t WHERE t.test = failure_occurrences.test) WHERE test IS NOT NULL',
      );
      sqliteHandle(q).function('build_first_key', { deterministic: true }, buildFirstKey);
      await q.query('UPDATE failure_occurrences SET occurrence_key = build_first_key(log_url, test, signature_id)');
      await q.query('DROP INDEX ix_failure_occurrences_signature_covering');
      await q.query('ALTER TABLE failure_occurrences DROP COLUMN test');
      await q.query(
        'CREATE INDEX ix_failure_occurrences_signature_covering ON failure_occurrences (signature_id, finished_at, change_key, job, project, test_id)',
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const mysql = dialectOf(q.connection) === 'mysql';
    await q.query('ALTER TABLE failure_occurrences ADD COLUMN test text NULL');
    if (mysql) {
      await q.query('UPDATE failure_occurrences o JOIN failure_tests t ON t.id = o.test_id SET o.test = t.test');
      await q.query(
        `UPDATE failure_occurrences SET occurrence_key = SHA2(CONCAT(log_url, CHAR(10), COALESCE(test, ''), CHAR(10), signature_id), 256)`,
      );
      await q.query(`ALTER TABLE failure_occurrences DROP INDEX ix_failure_occurrences_signature_covering, DROP COLUMN test_id,
        ADD INDEX ix_failure_occurrences_signature_covering (signature_id, finished_at, change_key, job, project)`);
    } else {
      await q.query('UPDATE failure_occurrences SET test = (SELECT t.test FROM failure_tests t WHERE t.id = failure_occurrences.test_id)');
      sqliteHandle(q).function('whole_key', { deterministic: true }, wholeKey);
      await q.query('UPDATE failure_occurrences SET occurrence_key = whole_key(log_url, test, signature_id)');
      await q.query('DROP INDEX ix_failure_occurrences_signature_covering');
      await q.query('ALTER TABLE failure_occurrences DROP COLUMN test_id');
      await q.query(
        'CREATE INDEX ix_failure_occurrences_signature_covering ON failure_occurrences (signature_id, finished_at, change_key, job, project, test)',
      );
    }
  }
}
