/** Shapes of the service's JSON API: the server's own types (src/api-shapes), imported as types only. */
export type {
  ArtifactRef as ArtifactInfo,
  CompareCounts,
  ComparedRun,
  ComparedTest,
  CompareResponse,
  ErrorBody as ApiErrorBody,
  InsightAccepted,
  InsightProgress,
  InsightResult,
  InsightRun,
  InsightTest,
  JobEntry as Entry,
  ListResponse,
  RecentResponse,
  RecentRun,
  ScrapeAccepted as ScrapeResponse,
  ScrapeRequest,
  TaskBody,
  TaskNotReady,
  TaskStatus,
  TaskStatusBody as StatusResponse,
  TestChange,
  TestOnOneSide,
  Verdict,
  FailureCountsResponse,
  FailureDetail,
  FailureGroup,
  FailureRule,
  FailureSearchResponse,
  FailureTopResponse,
  PurgedRun,
} from '../../../src/api-shapes';

import type { TaskBody, TaskNotReady } from '../../../src/api-shapes';

/** `POST /task`: the finished (or errored) task, or 202's "not ready yet". */
export type TaskResponse = TaskBody | TaskNotReady;
