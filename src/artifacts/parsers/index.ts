export { ArtifactFormatError, ArtifactType, ProducedArtifact } from './produced-artifact';
export { subunitArtifacts, SubunitArtifactsResult } from './subunit/subunit-artifacts';
