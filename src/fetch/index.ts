export { ArtifactFetcher, safeUrl } from './artifact-fetcher';
export { fetcherForConfig } from './fetcher-for-config';
export type { ArtifactFetcherOptions, OpenedArtifact, SizeLimit } from './artifact-fetcher';
export { FetchError } from './fetch-error';
export type { FetchErrorKind } from './fetch-error';
