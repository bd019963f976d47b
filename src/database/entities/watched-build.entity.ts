import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** `queued`: handed to triage; `skipped`: over WATCH_MAX_PER_HOUR or without logs, never queued later. */
export type WatchedBuildState = 'queued' | 'skipped';

/**
 * The review for a build: `waiting` for its insight; `posting` once a post was tried whose outcome
 * is not known (a crash, 5xx, no answer): Gerrit's messages are read before trying again; `posted`
 * on Gerrit's 200; `logged` in dry-run; `skipped` (409, 404, nothing to report on); `off` when the
 * insight finished with REPORT_GERRIT off.
 */
export type ReportState = 'waiting' | 'posting' | 'posted' | 'logged' | 'skipped' | 'off';

/**
 * One failed Zuul build the watcher has seen, unique by Zuul's build uuid: the row is what makes
 * a build handled, so a restart or a second watcher never queues it twice. It carries the build's
 * triage task, its insight and its report until `done`.
 */
@Entity('watched_builds')
export class WatchedBuildEntity {
  @PrimaryColumn({ name: 'build_uuid', type: 'varchar', length: 64 })
  buildUuid: string;

  @Column({ name: 'zuul_id', type: 'int' })
  zuulId: number;

  @Column({ type: 'varchar', length: 255 })
  job: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  pipeline: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  project: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  branch: string | null;

  @Column({ name: 'change_id', type: 'int', nullable: true })
  changeId: number | null;

  @Column({ name: 'patch_set', type: 'int', nullable: true })
  patchSet: number | null;

  @Column({ type: 'varchar', length: 32 })
  result: string;

  @Column({ name: 'log_url', type: 'varchar', length: 2048, nullable: true })
  logUrl: string | null;

  /** ISO 8601 UTC, as Zuul reported it. */
  @Column({ name: 'end_time', type: 'varchar', length: 40, nullable: true })
  endTime: string | null;

  @Column({ type: 'varchar', length: 16 })
  state: WatchedBuildState;

  /** Why it was skipped, or what the last report attempt answered. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  note: string | null;

  @Column({ name: 'task_id', type: 'nchar', length: 36, nullable: true })
  taskId: string | null;

  @Column({ name: 'insight_id', type: 'nchar', length: 36, nullable: true })
  insightId: string | null;

  /** Its triage found no test results to ask an insight about: it is reported from its console, never asked again. */
  @Column({ name: 'no_test_results', type: 'boolean', default: false })
  noTestResults: boolean;

  @Column({ name: 'report_state', type: 'varchar', length: 16 })
  reportState: ReportState;

  @Column({ name: 'report_attempts', type: 'int', default: 0 })
  reportAttempts: number;

  /** After a 5xx or no answer, not before this (the database's clock). */
  @Column({ name: 'report_retry_at', type: 'datetime', precision: 3, nullable: true })
  reportRetryAt: Date | null;

  /** When the report reached its end state (posted, logged, skipped). */
  @Index('ix_watched_builds_reported_at')
  @Column({ name: 'reported_at', type: 'datetime', precision: 3, nullable: true })
  reportedAt: Date | null;

  /** Nothing left to do for it: each poll walks the rows that are not done. */
  @Index('ix_watched_builds_done')
  @Column({ type: 'boolean', default: false })
  done: boolean;

  @Index('ix_watched_builds_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
