import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ArtifactEntity } from './artifact.entity';

/**
 * A slice of an artifact's bytes. Blobs are split so no single row exceeds MariaDB's default
 * 16 MiB max_allowed_packet, whatever the artifact's size.
 */
@Entity('artifact_chunks')
export class ArtifactChunkEntity {
  @PrimaryColumn({ name: 'artifact_id', type: 'nchar', length: 36 })
  artifactId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @ManyToOne('ArtifactEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'artifact_id' })
  artifact?: ArtifactEntity;

  @Column({ type: 'blob' })
  data: Buffer;
}
