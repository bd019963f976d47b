import type { ArtifactType, TaskScope } from '../api-shapes';
import {
  consoleArtifact,
  dstatArtifact,
  FailuresListener,
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
  /**
   * Hears the failed tests of the subunit stream as they are found, before the conversion ends:
   * each failure of its `subunit-stats` once. Must not throw (a throw fails the conversion).
   */
  failuresFound?: FailuresListener;
}

export interface Conversion {
  role: ArtifactRole;
  /** The scopes that fetch it: a tests-only task (for flake insight) needs nothing but the test results. */
  scopes: readonly TaskScope[];
  /** Not fetched once an artifact of this type is stored (a fallback for it, or a second copy). */
  unlessStored?: ArtifactType;
  convert(artifact: DiscoveredArtifact, context: ConversionContext): Promise<Converted>;
}

const ALL_SCOPES: readonly TaskScope[] = ['full', 'tests', 'triage'];
const FULL_ONLY: readonly TaskScope[] = ['full'];
/** A triage needs the console too: a build that failed outside its tests (devstack, POST_FAILURE) is told by it. */
const WITH_CONSOLE: readonly TaskScope[] = ['full', 'triage'];
const TEST_RESULT_TYPES: readonly ImportedType[] = ['subunit', 'subunit-stats', 'subunit-details'];

/** A conversion of the discovered file's body alone (and its download's size, when known). */
function ofBody(
  convert: (
    artifact: DiscoveredArtifact,
    body: AsyncIterable<Buffer>,
    context: ConversionContext,
    downloadBytes?: number,
  ) => Promise<Converted>,
) {
  return async (artifact: DiscoveredArtifact, context: ConversionContext): Promise<Converted> => {
    const { body, downloadBytes } = await context.clock.time('fetch', () => context.fetcher.open(artifact.url));
    return convert(artifact, context.clock.timed(body, 'fetch'), context, downloadBytes);
  };
}

/**
 * Subunit downloads up to this size have their JSON built on a thread of its own while the stream
 * is decoded; bigger ones (and those of unknown size) on the main thread, which holds ~100 MB less
 * at the peak of a 200 MB stream (bench/README.md). 8 MiB is a 40-80 MB stream when gzipped.
 */
const SUBUNIT_THREAD_MAX_DOWNLOAD_BYTES = 8 * 1024 * 1024;

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
    convert: ofBody(async (_a, body, { clock, failuresFound }, downloadBytes) => {
      const onThread = downloadBytes !== undefined && downloadBytes <= SUBUNIT_THREAD_MAX_DOWNLOAD_BYTES;
      const { artifacts, warnings } = await subunitArtifacts(body, clock, { onThread, onFailures: failuresFound });
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
  { role: 'console', scopes: WITH_CONSOLE, convert: ofBody((a, body, { jobResult }) => only(consoleArtifact(body, a.name, jobResult))) },
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
