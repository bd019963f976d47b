import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { StoredFailureCauses } from './stored-failure-causes';

/** Failed tests' causes as stored with finished tasks (for insight, and for failure knowledge). */
@Module({ imports: [ArtifactsModule], providers: [StoredFailureCauses], exports: [StoredFailureCauses] })
export class FailureCausesModule {}
