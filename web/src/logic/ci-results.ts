/**
 * What a CI result (Zuul's build result, or the word on a Jenkins comment's job line) usually means
 * for the person looking at the run: one sentence each. Unknown results have none.
 */
const MEANINGS: Record<string, string> = {
  SUCCESS: 'The job passed.',
  FAILURE: "The job's run failed: a test run or a setup step such as devstack returned an error.",
  POST_FAILURE:
    'A post-run step failed after the job itself ran: the logs may not have been uploaded whole, so some artifacts may be missing.',
  TIMED_OUT: 'The job hit its time limit and was stopped: the task that was running last is the one that took too long.',
  RETRY_LIMIT:
    "The job's setup (pre-run) failed on every attempt, so Zuul gave up retrying: often a broken test node or an outage of something it downloads.",
  NODE_FAILURE: 'No test node could be provided for the job: nothing ran.',
  ERROR: 'Zuul could not start the job (its configuration or a dependency is broken): nothing ran.',
  CONFIG_ERROR: 'The change breaks the Zuul configuration: no job ran.',
  MERGE_CONFLICT: 'The change could not be merged onto its branch: no job ran.',
  MERGE_FAILURE: 'The change could not be merged onto its branch: no job ran.',
  DISK_FULL: 'The job wrote more than the executor allows and was stopped.',
  ABORTED: 'The job was stopped before it finished (a newer patch set, or a gate reset).',
  CANCELED: 'The job was stopped before it finished (a newer patch set, or a gate reset).',
  SKIPPED: 'The job did not run because a job it depends on failed.',
  LOST: 'Zuul lost track of the job (an executor restart): its result is unknown.',
  UNSTABLE: 'The job finished but reported some checks as unstable.',
};

export function ciResultMeaning(status: string | null | undefined): string | null {
  return status ? (MEANINGS[status.toUpperCase()] ?? null) : null;
}

/** Results where the tests are not the story: the job broke around them, or never ran them. */
const OUTSIDE_THE_TESTS = new Set(['POST_FAILURE', 'TIMED_OUT', 'RETRY_LIMIT', 'NODE_FAILURE', 'DISK_FULL', 'ERROR', 'LOST']);

export function failedOutsideTheTests(status: string | null | undefined): boolean {
  return status ? OUTSIDE_THE_TESTS.has(status.toUpperCase()) : false;
}
