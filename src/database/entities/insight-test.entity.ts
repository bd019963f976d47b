import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Verdict } from '../../api-shapes';
import type { InsightEntity } from './insight.entity';

/** One row of a finished insight's result: a test that failed in the task, and what the other runs say. */
@Entity('insight_tests')
export class InsightTestEntity {
  @PrimaryColumn({ name: 'insight_id', type: 'nchar', length: 36 })
  insightId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @ManyToOne('InsightEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'insight_id' })
  insight?: InsightEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  verdict: Verdict;

  /** Its failure's signature in the task, and the signature's id. */
  @Column({ type: 'text' })
  cause: string;

  @Column({ name: 'signature_id', type: 'nchar', length: 16 })
  signatureId: string;

  @Column({ name: 'other_runs', type: 'int' }) otherRuns: number;
  @Column({ name: 'other_failed', type: 'int' }) otherFailed: number;
  @Column({ name: 'other_passed', type: 'int' }) otherPassed: number;
  @Column({ name: 'other_skipped', type: 'int' }) otherSkipped: number;
  @Column({ name: 'other_changes', type: 'int' }) otherChanges: number;
  @Column({ name: 'other_same_cause', type: 'int' }) otherSameCause: number;
  @Column({ name: 'same_runs', type: 'int' }) sameRuns: number;
  @Column({ name: 'same_failed', type: 'int' }) sameFailed: number;
  @Column({ name: 'same_passed', type: 'int' }) samePassed: number;
  @Column({ name: 'same_skipped', type: 'int' }) sameSkipped: number;

  /** The newest other run where it failed (a task of insight_runs), or null. */
  @Column({ name: 'last_failed_task', type: 'nchar', length: 36, nullable: true })
  lastFailedTask: string | null;
}
