import { Readable } from 'node:stream';
import type { TaskScope } from '../api-shapes';
import { consoleArtifact, dstatArtifact, ProducedArtifact, subunitArtifacts } from '../artifacts/parsers';
import type { ArtifactRole, DiscoveredArtifact } from './discovery';

export interface Converted {
  artifacts: ProducedArtifact[];
  /** What was not read cleanly (damaged regions, unfinished tests, …). */
  warnings: string[];
}

export interface Conversion {
  role: ArtifactRole;
  /** The scopes that fetch it: a tests-only task (for flake insight) needs nothing but the test results. */
  scopes: readonly TaskScope[];
  convert(artifact: DiscoveredArtifact, body: Readable): Promise<Converted>;
}

const ALL_SCOPES: readonly TaskScope[] = ['full', 'tests'];
const FULL_ONLY: readonly TaskScope[] = ['full'];

/** What each discovered artifact turns into, in the order they are fetched. */
export const CONVERSIONS: readonly Conversion[] = [
  {
    role: 'subunit',
    scopes: ALL_SCOPES,
    convert: async (_a, body) => {
      const { artifacts, warnings } = await subunitArtifacts(body);
      return { artifacts, warnings };
    },
  },
  { role: 'console', scopes: FULL_ONLY, convert: async (a, body) => ({ artifacts: [await consoleArtifact(body, a.name)], warnings: [] }) },
  { role: 'dstat', scopes: FULL_ONLY, convert: async (_a, body) => ({ artifacts: [await dstatArtifact(body)], warnings: [] }) },
];
