import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { TestIndexes } from './test-indexes';

/** Finished tasks' test results, indexed and cached, for compare and flake insight. */
@Module({ imports: [ArtifactsModule], providers: [TestIndexes], exports: [TestIndexes] })
export class TestResultsModule {}
