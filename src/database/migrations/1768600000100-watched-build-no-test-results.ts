import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

/**
 * watched_builds.no_test_results: the build's triage found no test results to ask an insight about,
 * so it is reported from its console without asking again, whichever watcher process carries it.
 */
export class WatchedBuildNoTestResults1768600000100 implements MigrationInterface {
  name = 'WatchedBuildNoTestResults1768600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE watched_builds ADD COLUMN no_test_results ${columnTypes(q).bool} NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE watched_builds DROP COLUMN no_test_results');
  }
}
