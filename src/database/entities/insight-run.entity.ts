import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { InsightEntity } from './insight.entity';
import type { TaskEntity } from './task.entity';

/** One other run an insight reads: an ordinary task (full or tests-only), in the order they were gathered. */
@Entity('insight_runs')
export class InsightRunEntity {
  @PrimaryColumn({ name: 'insight_id', type: 'nchar', length: 36 })
  insightId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @ManyToOne('InsightEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'insight_id' })
  insight?: InsightEntity;

  @Index('ix_insight_runs_task_id')
  @Column({ name: 'task_id', type: 'nchar', length: 36 })
  taskId: string;

  @ManyToOne('TaskEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  /** A run of the insight's own change (another patch set, a recheck), not of another change. */
  @Column({ name: 'same_change', type: 'boolean' })
  sameChange: boolean;
}
