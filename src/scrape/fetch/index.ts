export { ArtifactFetcher, safeUrl } from './artifact-fetcher';
export type { ArtifactFetcherOptions, OpenedArtifact } from './artifact-fetcher';
export { FetchError } from './fetch-error';
export type { FetchErrorKind } from './fetch-error';
