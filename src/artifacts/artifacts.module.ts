import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArtifactChunkEntity, ArtifactEntity } from '../database/entities';
import { ArtifactStore } from './artifact-store';
import { PurgeHooks } from './purge-hooks';

/**
 * A task's stored artifacts: the `artifacts` and `artifact_chunks` tables, which only ArtifactStore
 * reads, and the hooks by which caches of them hear of a purge. GET /blob is BlobModule's.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ArtifactEntity, ArtifactChunkEntity])],
  providers: [ArtifactStore, PurgeHooks],
  exports: [ArtifactStore, PurgeHooks],
})
export class ArtifactsModule {}
