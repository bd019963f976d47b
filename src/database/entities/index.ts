import { ArtifactChunkEntity } from './artifact-chunk.entity';
import { ArtifactEntity } from './artifact.entity';
import { TaskEntity } from './task.entity';

export { ArtifactChunkEntity, ArtifactEntity, TaskEntity };
export const ENTITIES = [TaskEntity, ArtifactEntity, ArtifactChunkEntity];
