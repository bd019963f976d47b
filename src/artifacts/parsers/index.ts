export { ArtifactFormatError } from './produced-artifact';
export type { ArtifactType, ProducedArtifact } from './produced-artifact';
export { subunitArtifacts } from './subunit/subunit-artifacts';
export type { SubunitArtifactsResult } from './subunit/subunit-artifacts';
export { dstatArtifact } from './dstat/dstat-artifact';
export { consoleArtifact } from './console/console-artifact';
export { junitArtifacts } from './junit/junit-artifacts';
export { performanceArtifact } from './performance/performance-artifact';
export { memoryTrackerArtifact } from './memory-tracker/memory-tracker-artifact';
