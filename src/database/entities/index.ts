import { ArtifactChunkEntity } from './artifact-chunk.entity';
import { ArtifactEntity } from './artifact.entity';
import { InsightRunEntity } from './insight-run.entity';
import { InsightTestEntity } from './insight-test.entity';
import { InsightEntity } from './insight.entity';
import { TaskEntity } from './task.entity';

export { ArtifactChunkEntity, ArtifactEntity, InsightEntity, InsightRunEntity, InsightTestEntity, TaskEntity };
export const ENTITIES = [TaskEntity, ArtifactEntity, ArtifactChunkEntity, InsightEntity, InsightRunEntity, InsightTestEntity];
