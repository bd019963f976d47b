/**
 * The fields a CI job run carries from `/list` to a task: `change_id` to `url` as OpenStack's original
 * stackviz-deployer returned them (docs/api.md), then ours. `/task` returns them for the task it scraped.
 */
export const RUN_FIELDS = [
  'change_id',
  'change_project',
  'change_subject',
  'ci_username',
  'name',
  'pipeline',
  'revision',
  'status',
  'url',
  'build_uuid',
  'voting',
  'duration',
  'finished_at',
  'branch',
] as const;

export interface RunFields {
  change_id: number | null;
  change_project: string | null;
  change_subject: string | null;
  /** The Gerrit account that reported the result (`zuul`, `jenkins`, a third-party CI). */
  ci_username: string | null;
  name: string | null;
  pipeline: string | null;
  /** The patch set. */
  revision: number | null;
  /** The CI result of the job (SUCCESS, FAILURE, POST_FAILURE, …), not the task's state. */
  status: string | null;
  /** The job's log directory, ending in `/`. */
  url: string | null;
  /** Zuul's build uuid (32 hex), when known. */
  build_uuid: string | null;
  voting: boolean | null;
  /** Seconds. */
  duration: number | null;
  /** ISO 8601 UTC. */
  finished_at: string | null;
  /** The branch the build ran on (`master`, `stable/2024.1`), when known. */
  branch: string | null;
}

/** What `/list` adds to each entry: whether `/scrape` would take it, and why not. */
export const JOB_ENTRY_FIELDS = [...RUN_FIELDS, 'scrapable', 'unscrapable_reason', 'error_detail', 'latest', 'retried'] as const;

/** One CI job result as `POST /list` returns it. Jobs that left no logs have `url: null`. */
export interface JobEntry extends RunFields {
  name: string;
  /** False when there are no logs to scrape or their host is not one this service fetches from. */
  scrapable: boolean;
  /** Why `scrapable` is false (no logs; log host not in ARTIFACT_HOSTS; …); null when it is true. */
  unscrapable_reason: string | null;
  /** Zuul's `error_detail`, or the text after the result on the CI comment's line (ERROR-like results). */
  error_detail: string | null;
  /**
   * Only with `history: true`: false when a newer result exists for the same CI account, pipeline,
   * job and patch set.
   */
  latest?: boolean;
  /**
   * Only with `history: true`: true for an attempt Zuul retried (status `RETRY`, `latest` false): the
   * job needed another try, whose result is another entry.
   */
  retried?: boolean;
}

/** `POST /list`'s body. */
export interface ListRequest {
  /** A change number (as a number or a string), `change,ps`, or a Gerrit, Zuul or log URL. */
  q: string | number;
  /** Every run (each patch set, each recheck, each retried attempt, newest first, with `latest`) instead of the latest per job. */
  history?: boolean;
}

export interface ListResponse {
  results: JobEntry[];
  /**
   * Why there are no results (a buildset that ran no builds: MERGE_CONFLICT, CONFIG_ERROR, …; a patch
   * set Zuul could not merge, or not reported on yet), or why a newer patch set than the one listed has none.
   */
  message?: string;
  /** With no results for a change's patch set: the change, which no entry names. */
  change_id?: number;
  change_project?: string;
  change_subject?: string;
  /** The branch the change targets, when Gerrit says. */
  change_branch?: string;
}
