/**
 * Why `/scrape` could not take a listed job, in words a developer understands. Each reason says
 * what happened to the build, not just that the URL is missing.
 */

/** A build that uploaded no logs, by its result. */
export function noLogsReason(result: string | null): string {
  switch (result) {
    case null:
    case '':
      return 'the build has not finished: it has no logs yet';
    case 'SKIPPED':
      return 'Zuul skipped this job (it never ran), so there are no logs';
    case 'NODE_FAILURE':
      return 'Zuul could not get a test node for this job, so it never ran and left no logs';
    case 'MERGE_CONFLICT':
    case 'MERGE_FAILURE':
      return 'the change could not be merged for testing, so the job never ran and left no logs';
    case 'CONFIG_ERROR':
      return "the job's configuration has an error, so it never ran and left no logs";
    case 'ERROR':
      return 'Zuul could not run this job (ERROR), so it left no logs';
    case 'RETRY':
      return 'Zuul stopped this attempt (its node or a pre-run step failed) and ran the job again; the attempt left no logs';
    case 'RETRY_LIMIT':
      return 'every attempt of this build failed before it uploaded logs (RETRY_LIMIT)';
    case 'ABORTED':
    case 'CANCELED':
    case 'DEQUEUED':
      return `the build was stopped (${result}) before it uploaded logs`;
    default:
      return `the build ended ${result} without uploading logs`;
  }
}

/** A job line whose link is a build page of another Zuul (a third-party CI's). */
export function foreignZuulReason(buildPage: string): string {
  return `its result is a build page on another Zuul (${new URL(buildPage).host}), which this service cannot look builds up on`;
}

/** A build page of our Zuul that the change's builds do not include. */
export function unknownBuildReason(tenant: string, uuid: string): string {
  return `Zuul (tenant ${tenant}) has no record of build ${uuid} for this patch set, so where its logs are is unknown`;
}
