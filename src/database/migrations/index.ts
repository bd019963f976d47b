import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { TaskWarningsAndScope1765000000000 } from './1765000000000-task-warnings-and-scope';
import { Insights1766000000000 } from './1766000000000-insights';
import { InsightCauses1767000000000 } from './1767000000000-insight-causes';
import { TaskRetryable1767100000000 } from './1767100000000-task-retryable';
import { FailureKnowledge1768000000000 } from './1768000000000-failure-knowledge';
import { FailureBackfill1768000000100 } from './1768000000100-failure-backfill';
import { FailureWindowIndex1768000000200 } from './1768000000200-failure-window-index';
import { Watch1768100000000 } from './1768100000000-watch';
import { FailureSignatureCoveringIndex1768300000000 } from './1768300000000-failure-signature-covering-index';
import { FailureSignatureTests1768400000000 } from './1768400000000-failure-signature-tests';
import { FailureOccurrenceTestId1768500000000 } from './1768500000000-failure-occurrence-test-id';
import { FailureSignatureExampleIndex1768500000100 } from './1768500000100-failure-signature-example-index';
import { BuildBranch1768600000000 } from './1768600000000-build-branch';
import { WatchedBuildNoTestResults1768600000100 } from './1768600000100-watched-build-no-test-results';
import { FailureBuildSignatures1768700000000 } from './1768700000000-failure-build-signatures';

/** Every migration, in order. Listed explicitly so ts-jest and the compiled build load the same set. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  TaskWarningsAndScope1765000000000,
  Insights1766000000000,
  InsightCauses1767000000000,
  TaskRetryable1767100000000,
  FailureKnowledge1768000000000,
  FailureBackfill1768000000100,
  FailureWindowIndex1768000000200,
  Watch1768100000000,
  FailureSignatureCoveringIndex1768300000000,
  FailureSignatureTests1768400000000,
  FailureOccurrenceTestId1768500000000,
  FailureSignatureExampleIndex1768500000100,
  BuildBranch1768600000000,
  WatchedBuildNoTestResults1768600000100,
  FailureBuildSignatures1768700000000,
];
