import { ArtifactChunkEntity } from './artifact-chunk.entity';
import { ArtifactEntity } from './artifact.entity';
import { InsightRunEntity } from './insight-run.entity';
import { InsightTestEntity } from './insight-test.entity';
import { InsightEntity } from './insight.entity';
import { TaskEntity } from './task.entity';
import { WatchStateEntity } from './watch-state.entity';
import { WatchedBuildEntity } from './watched-build.entity';

export {
  ArtifactChunkEntity,
  ArtifactEntity,
  InsightEntity,
  InsightRunEntity,
  InsightTestEntity,
  TaskEntity,
  WatchedBuildEntity,
  WatchStateEntity,
};
/**
 * Column types are ones both TypeORM drivers accept; `nchar` is TypeORM's portable name for a
 * fixed-length CHAR. The migrations write each dialect's own type where it must differ (LONGBLOB on
 * MySQL); test/e2e/schema.e2e-spec.ts fails when an entity and the migrated schema drift apart.
 */
export const ENTITIES = [
  TaskEntity,
  ArtifactEntity,
  ArtifactChunkEntity,
  InsightEntity,
  InsightRunEntity,
  InsightTestEntity,
  WatchStateEntity,
  WatchedBuildEntity,
];
