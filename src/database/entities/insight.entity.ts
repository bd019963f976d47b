import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TaskStatus } from '../../api-shapes';
import type { TaskEntity } from './task.entity';

/** An insight never fails: gathering that fails leaves no insight behind. */
export type InsightStatus = Extract<TaskStatus, 'queued' | 'running' | 'finished'>;

/**
 * One flake insight: what other runs of a task's job say about the task's failures. Its runs are
 * in insight_runs, its result (once finished) in insight_tests. One per task: the unique task_id
 * makes asking twice, even at once, return the same insight.
 */
@Entity('insights')
export class InsightEntity {
  @PrimaryColumn({ type: 'nchar', length: 36 })
  id: string;

  @Index('uq_insights_task_id', { unique: true })
  @Column({ name: 'task_id', type: 'nchar', length: 36 })
  taskId: string;

  @ManyToOne('TaskEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  /** queued while its runs are being gathered, running while they are scraped, then finished. */
  @Column({ type: 'varchar', length: 16 })
  status: InsightStatus;

  @Column({ type: 'varchar', length: 255 })
  job: string;

  /** How many other runs were asked for. */
  @Column({ type: 'int' })
  builds: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
