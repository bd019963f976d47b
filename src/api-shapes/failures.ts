/** Failure knowledge (docs/api.md, "Failures"): where else a failure's cause was seen, and what fails most. */

/** `POST /failures/search` body. */
export interface FailureSearchRequest {
  /** A signature id, a pasted traceback line (masked, then matched exactly), or any text (within signatures and test names). */
  q: string;
  days?: number;
  job?: string;
  project?: string;
  limit?: number;
}

export interface NameCount {
  name: string;
  n: number;
}

/** The bug a rule links to a signature. */
export interface FailureBug {
  url: string;
  title: string;
}

/** One signature within a window. */
export interface FailureGroup {
  signature_id: string;
  signature: string;
  occurrences: number;
  /** Distinct changes hit; a build without a change (periodic, post) counts as its own. */
  changes: number;
  /** The signature's first and last occurrence kept, ISO 8601 UTC. */
  first_seen: string;
  last_seen: string;
  tests: NameCount[];
  jobs: NameCount[];
  bug: FailureBug | null;
}

/** `POST /failures/search` → 200. */
export interface FailureSearchResponse {
  q: string;
  days: number;
  total: number;
  results: FailureGroup[];
}

/** `GET /failures/top` → 200. */
export interface FailureTopResponse {
  days: number;
  pipeline: string | null;
  results: FailureGroup[];
}

export interface FailureCounts {
  occurrences: number;
  changes: number;
}

export interface FailureDay extends FailureCounts {
  /** YYYY-MM-DD (UTC). */
  date: string;
}

export interface FailureExample {
  /** The task it came from, null once that task was purged. */
  task: string | null;
  /** null for a job that failed outside its tests. */
  test: string | null;
  traceback: string;
}

export interface FailureOccurrence {
  /** null once the task was purged: the log URL and build remain. */
  task: string | null;
  test: string | null;
  job: string;
  project: string | null;
  change: number | null;
  patchset: number | null;
  pipeline: string | null;
  build: string | null;
  log_url: string;
  finished_at: string;
  /** The branch the build ran on, null when unknown (and for occurrences recorded before branches were kept). */
  branch: string | null;
}

/** `GET /failures/task/{uuid}` → 200: the run of a purged task, as its kept occurrences remember it (to generate it again). */
export interface PurgedRun extends Omit<FailureOccurrence, 'task' | 'test'> {
  task: string;
}

/** The windows `GET /failures/{id}` counts over (those within FAILURE_HISTORY_DAYS). */
export const FAILURE_WINDOWS = [1, 3, 7, 30] as const;

/** `GET /failures/{signature_id}` → 200. */
export interface FailureDetail {
  signature_id: string;
  signature: string;
  bug: FailureBug | null;
  counts: Partial<Record<'1' | '3' | '7' | '30', FailureCounts>>;
  by_day: FailureDay[];
  tests: NameCount[];
  jobs: NameCount[];
  projects: NameCount[];
  example: FailureExample | null;
  /** Newest first, at most 100. */
  latest: FailureOccurrence[];
}

/** `POST /failures/counts` body: several signatures' counts at once (a page's failure groups). */
export interface FailureCountsRequest {
  ids: string[];
  days?: number;
}

/** `POST /failures/counts` → 200: the counts of each id asked for that has occurrences in the window. */
export interface FailureCountsResponse {
  days: number;
  counts: Record<string, FailureCounts>;
}

export interface FailureRule {
  id: number;
  pattern: string;
  bug: FailureBug;
  created_at: string;
}

/** `POST /failures/rules` body. */
export interface FailureRuleRequest {
  /** Text matched case-insensitively within signatures, or `/regex/` (RE2 syntax, at most 500 characters). */
  pattern: string;
  bug_url: string;
  title: string;
}

/** `GET /failures/rules` → 200. */
export interface FailureRulesResponse {
  rules: FailureRule[];
}
