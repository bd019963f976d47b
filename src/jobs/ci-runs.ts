import { CiJobLine, parseCiComment } from '../gerrit/ci-comment-parser';
import { GerritAccount, GerritChange, GerritMessage } from '../gerrit/gerrit-client';

/** A CI account's Gerrit comment on one patch set that reports job results. */
export interface CiReport {
  messageId: string;
  ciUsername: string;
  pipeline: string | null;
  patchSet: number;
  /** Gerrit's message date; comparable as a string. */
  date: string;
  /** The report's buildset line (newer Zuul), as written. */
  buildsetLink: string | null;
  /** Cut at Gerrit's comment size limit: jobs after the cut are missing from `jobs`. */
  truncated: boolean;
  jobs: CiJobLine[];
}

/** One job result, with where and when it was reported. */
export interface CiRun {
  ciUsername: string;
  pipeline: string | null;
  patchSet: number;
  date: string;
  job: CiJobLine;
}

/** CI accounts: the configured usernames, and third-party CIs whose display name ends in " CI". */
export function isCiAccount(author: GerritAccount | undefined, ciUsernames: readonly string[]): author is GerritAccount {
  if (!author) return false;
  return (author.username !== undefined && ciUsernames.includes(author.username.toLowerCase())) || / CI$/.test(author.name ?? '');
}

function accountName(author: GerritAccount): string {
  return author.username ?? author.name ?? String(author._account_id);
}

/** Every report of job results CI accounts made on the change, oldest first. */
export function ciReports(change: GerritChange, ciUsernames: readonly string[]): CiReport[] {
  const byDate = [...change.messages].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return byDate.flatMap((message: GerritMessage) => {
    if (!isCiAccount(message.author, ciUsernames)) return [];
    const comment = parseCiComment(message.message, message.tag);
    const patchSet = message._revision_number ?? comment.patchSet;
    if (patchSet === null || (comment.jobs.length === 0 && !comment.truncated)) return [];
    return [
      {
        messageId: message.id,
        ciUsername: accountName(message.author),
        pipeline: comment.pipeline,
        patchSet,
        date: message.date,
        buildsetLink: comment.buildsetLink,
        truncated: comment.truncated,
        jobs: comment.jobs,
      },
    ];
  });
}

/** The job lines of reports as runs, in report order. */
export function reportedRuns(reports: readonly CiReport[]): CiRun[] {
  return reports.flatMap(({ ciUsername, pipeline, patchSet, date, jobs }) =>
    jobs.map((job) => ({ ciUsername, pipeline, patchSet, date, job })),
  );
}

/** The highest patch set number that has CI results — never the patch set of the last comment. */
export function newestPatchSetWithResults(reports: readonly CiReport[]): number | null {
  return reports.reduce<number | null>((newest, r) => (newest === null || r.patchSet > newest ? r.patchSet : newest), null);
}

/** The patch set numbers Gerrit lists for the change. */
export function patchSets(change: GerritChange): number[] {
  return Object.values(change.revisions).map((r) => r._number);
}

/** What makes two runs the same job: account, pipeline, job name and patch set. */
function jobKey(run: CiRun): string {
  return JSON.stringify([run.ciUsername, run.pipeline, run.job.name, run.patchSet]);
}

/**
 * One run per (CI account, pipeline, job, patch set), from runs oldest first: a recheck's newer
 * result replaces the older one, keeping the place the job first appeared in.
 */
export function latestRunPerJob<T extends CiRun>(runs: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const run of runs) latest.set(jobKey(run), run);
  return [...latest.values()];
}

/**
 * Every run, newest report first (a report's own lines keep their order), each marked `latest`
 * unless a newer result for the same account, pipeline, job and patch set exists.
 */
export function newestFirst<T extends CiRun>(runs: readonly T[]): { run: T; latest: boolean }[] {
  const seen = new Set<string>();
  return [...runs]
    .sort((a, b) => (a.date > b.date ? -1 : a.date < b.date ? 1 : 0))
    .map((run) => {
      const key = jobKey(run);
      const latest = !seen.has(key);
      seen.add(key);
      return { run, latest };
    });
}
