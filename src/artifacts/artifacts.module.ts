import { Module } from '@nestjs/common';
import { ArtifactStore } from './artifact-store.service';
import { BlobController } from './blob.controller';

@Module({
  controllers: [BlobController],
  providers: [ArtifactStore],
  exports: [ArtifactStore],
})
export class ArtifactsModule {}
