import { AppConfig } from '../config/app-config';
import { ArtifactFetcher } from './artifact-fetcher';

/** The guarded fetcher with the service's settings: ARTIFACT_HOSTS, FETCH_TIMEOUT_MS, ARTIFACT_TIMEOUT_MS, MAX_ARTIFACT_BYTES. */
export function fetcherForConfig(c: AppConfig): ArtifactFetcher {
  return new ArtifactFetcher({
    allowedHosts: c.artifactHosts,
    timeoutMs: c.fetchTimeoutMs,
    totalTimeoutMs: c.artifactTimeoutMs,
    maxBytes: c.maxArtifactBytes,
  });
}
