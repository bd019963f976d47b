import { Module } from '@nestjs/common';
import { ArtifactStore } from './artifact-store.service';

/** A task's stored artifacts (blobs in chunks); GET /blob is BlobModule's. */
@Module({
  providers: [ArtifactStore],
  exports: [ArtifactStore],
})
export class ArtifactsModule {}
