import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ArtifactType } from '../../api-shapes';
import type { TaskEntity } from './task.entity';

/** One stored artifact of a task; its gzip bytes live in artifact_chunks. */
@Entity('artifacts')
export class ArtifactEntity {
  @PrimaryColumn({ type: 'nchar', length: 36 })
  id: string;

  @Index('ix_artifacts_task_id')
  @Column({ name: 'task_id', type: 'nchar', length: 36 })
  taskId: string;

  @ManyToOne('TaskEntity', 'artifacts', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ name: 'artifact_name', type: 'varchar', length: 255 })
  artifactName: string;

  @Column({ name: 'artifact_type', type: 'varchar', length: 32 })
  artifactType: ArtifactType;

  @Column({ name: 'content_type', type: 'varchar', length: 64 })
  contentType: string;

  @Column({ name: 'content_encoding', type: 'varchar', length: 16 })
  contentEncoding: string;

  @Column({ name: 'is_primary', type: 'boolean' })
  primary: boolean;

  /** Stored (compressed) size in bytes. */
  @Column({ type: 'int' })
  size: number;

  /** sha256 of the stored bytes: the strong ETag of GET /blob. */
  @Column({ type: 'nchar', length: 64 })
  sha256: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
