export { discoverArtifacts } from './discover-artifacts';
export type { DiscoveryResult } from './discover-artifacts';
export type { ArtifactRole, DiscoveredArtifact } from './artifact-rules';
export { selectArtifacts } from './artifact-rules';
