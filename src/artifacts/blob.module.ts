import { Module } from '@nestjs/common';
import { ArtifactsModule } from './artifacts.module';
import { BlobController } from './blob.controller';
import { BlobReader } from './blob-reader';
import { CachedBlobRoute } from './cached-blob-route';

/** GET /blob/{id}, where HTTP is served (api, all): stored artifacts, small ones cached by BlobReader. */
@Module({ imports: [ArtifactsModule], controllers: [BlobController], providers: [BlobReader, CachedBlobRoute] })
export class BlobModule {}
