import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArtifactChunkEntity, ArtifactEntity } from '../database/entities';
import { ArtifactStore } from './artifact-store';

/** A task's stored artifacts: the `artifacts` and `artifact_chunks` tables, which only ArtifactStore reads. GET /blob is BlobModule's. */
@Module({
  imports: [TypeOrmModule.forFeature([ArtifactEntity, ArtifactChunkEntity])],
  providers: [ArtifactStore],
  exports: [ArtifactStore],
})
export class ArtifactsModule {}
