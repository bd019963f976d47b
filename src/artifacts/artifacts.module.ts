import { Module } from '@nestjs/common';
import { ArtifactStore } from './artifact-store.service';
import { BlobController } from './blob.controller';
import { BlobReader } from './blob-reader.service';

@Module({
  controllers: [BlobController],
  providers: [ArtifactStore, BlobReader],
  exports: [ArtifactStore],
})
export class ArtifactsModule {}
