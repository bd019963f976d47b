import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TaskScope, TaskStatus } from '../../api-shapes';
import { ArtifactEntity } from './artifact.entity';

/** One scrape of one CI job's logs, with the /list Entry it was created from. */
@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn({ type: 'nchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /**
   * sha256 of the scope and url while the task counts for dedup (queued, running, finished); NULL
   * once it errors, so a retry can create a new task. A unique index makes dedup race-free.
   */
  @Index('uq_tasks_dedup_key', { unique: true })
  @Column({ name: 'dedup_key', type: 'nchar', length: 64, nullable: true })
  dedupKey: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: TaskStatus;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  /** JSON array of what a finished task did not read cleanly (skipped artifacts, damaged regions, …). */
  @Column({ type: 'text', nullable: true })
  warnings: string | null;

  /** For a task that ended in error: whether scraping the build again may succeed; null otherwise. */
  @Column({ type: 'boolean', nullable: true })
  retryable: boolean | null;

  /** `full`, or `tests` when only the test results were fetched (for flake insight). */
  @Column({ type: 'varchar', length: 8, default: 'full' })
  scope: TaskScope;

  /** What the worker is doing now (discovering, fetching subunit, storing, ...). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  stage: string | null;

  /** JSON array of artifact names found so far. */
  @Column({ name: 'artifacts_found', type: 'text', nullable: true })
  artifactsFound: string | null;

  /** How many times the stuck-task repair has re-queued this task. */
  @Column({ type: 'int', default: 0 })
  requeues: number;

  @Column({ name: 'change_id', type: 'int', nullable: true })
  changeId: number | null;

  @Column({ name: 'change_project', type: 'varchar', length: 255, nullable: true })
  changeProject: string | null;

  @Column({ name: 'change_subject', type: 'text', nullable: true })
  changeSubject: string | null;

  @Column({ name: 'ci_username', type: 'varchar', length: 255, nullable: true })
  ciUsername: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  pipeline: string | null;

  @Column({ type: 'int', nullable: true })
  revision: number | null;

  /** The CI result of the job (the Entry's `status`), not the task's state. */
  @Column({ name: 'ci_status', type: 'varchar', length: 32, nullable: true })
  ciStatus: string | null;

  @Column({ name: 'build_uuid', type: 'varchar', length: 64, nullable: true })
  buildUuid: string | null;

  @Column({ type: 'boolean', nullable: true })
  voting: boolean | null;

  @Column({ type: 'double', nullable: true })
  duration: number | null;

  @Column({ name: 'build_finished_at', type: 'varchar', length: 40, nullable: true })
  buildFinishedAt: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  branch: string | null;

  @Index('ix_tasks_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /** Bumped on every progress write: the stuck-task repair reads it as a heartbeat. */
  @Index('ix_tasks_status_updated_at')
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @OneToMany(() => ArtifactEntity, (a) => a.task)
  artifacts?: ArtifactEntity[];
}
