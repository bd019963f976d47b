import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

/** The watcher: watch_state (cursor, lease) and watched_builds (one row per followed Zuul build). */
export class Watch1768100000000 implements MigrationInterface {
  name = 'Watch1768100000000';

  async up(q: QueryRunner): Promise<void> {
    const { ts, now, bool, tail } = columnTypes(q);
    await q.query(`CREATE TABLE watch_state (
      id varchar(16) NOT NULL PRIMARY KEY,
      low_water int NULL,
      scan_from int NULL,
      last_poll_at ${ts} NULL,
      last_error text NULL,
      lease_holder varchar(64) NULL,
      lease_expires_at ${ts} NULL
    )${tail}`);
    await q.query(`CREATE TABLE watched_builds (
      build_uuid varchar(64) NOT NULL PRIMARY KEY,
      zuul_id int NOT NULL,
      job varchar(255) NOT NULL,
      pipeline varchar(255) NULL,
      project varchar(255) NULL,
      change_id int NULL,
      patch_set int NULL,
      result varchar(32) NOT NULL,
      log_url varchar(2048) NULL,
      end_time varchar(40) NULL,
      state varchar(16) NOT NULL,
      note varchar(255) NULL,
      task_id char(36) NULL,
      insight_id char(36) NULL,
      report_state varchar(16) NOT NULL,
      report_attempts int NOT NULL DEFAULT 0,
      report_retry_at ${ts} NULL,
      reported_at ${ts} NULL,
      done ${bool} NOT NULL DEFAULT 0,
      created_at ${ts} NOT NULL DEFAULT ${now},
      updated_at ${ts} NOT NULL DEFAULT ${now}
    )${tail}`);
    await q.query('CREATE INDEX ix_watched_builds_done ON watched_builds (done)');
    await q.query('CREATE INDEX ix_watched_builds_created_at ON watched_builds (created_at)');
    await q.query('CREATE INDEX ix_watched_builds_reported_at ON watched_builds (reported_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE watched_builds');
    await q.query('DROP TABLE watch_state');
  }
}
