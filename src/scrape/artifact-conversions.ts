import type { ArtifactType, TaskScope } from '../api-shapes';
import {
  consoleArtifact,
  dstatArtifact,
  junitArtifacts,
  memoryTrackerArtifact,
  performanceArtifact,
  ProducedArtifact,
  subunitArtifacts,
} from '../artifacts/parsers';
import type { ImportedType } from '../artifacts/parsers/stackviz/stackviz-site-config';
import type { ArtifactRole, DiscoveredArtifact } from './discovery';
import type { ArtifactFetcher } from '../fetch';
import { importStackVizSite } from './stackviz-site-import';
import type { StageClock } from './stage-clock';

export interface Converted {
  /** Stored under the discovered file's name unless they carry their own (a StackViz site's files). */
  artifacts: (ProducedArtifact & { artifactName?: string })[];
  /** What was not read cleanly (damaged regions, unfinished tests, …). */
  warnings: string[];
}

export interface ConversionContext {
  fetcher: ArtifactFetcher;
  /** Where the time goes: waiting for bytes is `fetch`, the subunit conversion's own steps `decode` and `encode`. */
  clock: StageClock;
  /** The build's result as CI reported it (SUCCESS, FAILURE, …), null when unknown. */
  jobResult: string | null;
  scope: TaskScope;
}

export interface Conversion {
  role: ArtifactRole;
  /** The scopes that fetch it: a tests-only task (for flake insight) needs nothing but the test results. */
  scopes: readonly TaskScope[];
  /** Not fetched once an artifact of this type is stored (a fallback for it, or a second copy). */
  unlessStored?: ArtifactType;
  convert(artifact: DiscoveredArtifact, context: ConversionContext): Promise<Converted>;
}

const ALL_SCOPES: readonly TaskScope[] = ['full', 'tests'];
const FULL_ONLY: readonly TaskScope[] = ['full'];
const TEST_RESULT_TYPES: readonly ImportedType[] = ['subunit', 'subunit-stats', 'subunit-details'];

/** A conversion of the discovered file's body alone. */
function ofBody(convert: (artifact: DiscoveredArtifact, body: AsyncIterable<Buffer>, context: ConversionContext) => Promise<Converted>) {
  return async (artifact: DiscoveredArtifact, context: ConversionContext): Promise<Converted> => {
    const { body } = await context.clock.time('fetch', () => context.fetcher.open(artifact.url));
    return convert(artifact, context.clock.timed(body, 'fetch'), context);
  };
}

const only = async (artifact: Promise<ProducedArtifact>): Promise<Converted> => ({ artifacts: [await artifact], warnings: [] });

/**
 * What each discovered artifact turns into, in the order they are fetched. Test results come from
 * the subunit stream; failing that, from a JUnit report; failing both, from a StackViz site already
 * in the logs. Everything after the console is optional: its failure is noted, the task still finishes.
 */
export const CONVERSIONS: readonly Conversion[] = [
  {
    role: 'subunit',
    scopes: ALL_SCOPES,
    convert: ofBody(async (_a, body, { clock }) => {
      const { artifacts, warnings } = await subunitArtifacts(body, clock);
      return { artifacts, warnings };
    }),
  },
  {
    role: 'junit',
    scopes: ALL_SCOPES,
    unlessStored: 'subunit',
    convert: ofBody(async (a, body) => {
      const { artifacts, warnings } = await junitArtifacts(body, a.name);
      return { artifacts, warnings };
    }),
  },
  {
    role: 'stackviz',
    scopes: ALL_SCOPES,
    unlessStored: 'subunit',
    convert: async (a, { fetcher, scope }) => {
      const { artifacts, notes } = await importStackVizSite(fetcher, a.url, scope === 'tests' ? TEST_RESULT_TYPES : undefined);
      return { artifacts, warnings: notes };
    },
  },
  { role: 'console', scopes: FULL_ONLY, convert: ofBody((a, body, { jobResult }) => only(consoleArtifact(body, a.name, jobResult))) },
  { role: 'dstat', scopes: FULL_ONLY, unlessStored: 'dstat', convert: ofBody((_a, body) => only(dstatArtifact(body))) },
  { role: 'performance', scopes: FULL_ONLY, convert: ofBody((a, body) => only(performanceArtifact(body, a.name))) },
  {
    role: 'memory-tracker',
    scopes: FULL_ONLY,
    convert: ofBody(async (a, body) => {
      const { artifact, warnings } = await memoryTrackerArtifact(body, a.name);
      return { artifacts: [artifact], warnings };
    }),
  },
];
