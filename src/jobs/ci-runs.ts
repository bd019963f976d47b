import { CiJobLine, parseCiComment } from '../gerrit/ci-comment-parser';
import { GerritAccount, GerritChange, GerritMessage } from '../gerrit/gerrit-client';

/** One job line of one CI comment, with where and when it was reported. */
export interface CiRun {
  ciUsername: string;
  pipeline: string | null;
  patchSet: number;
  /** Gerrit's message date; comparable as a string. */
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

/** Every job result CI accounts reported on the change, oldest first. */
export function ciRuns(change: GerritChange, ciUsernames: readonly string[]): CiRun[] {
  const byDate = [...change.messages].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return byDate.flatMap((message: GerritMessage) => {
    if (!isCiAccount(message.author, ciUsernames)) return [];
    const comment = parseCiComment(message.message, message.tag);
    const patchSet = message._revision_number ?? comment.patchSet;
    if (patchSet === null) return [];
    const ciUsername = accountName(message.author);
    return comment.jobs.map((job) => ({ ciUsername, pipeline: comment.pipeline, patchSet, date: message.date, job }));
  });
}

/** The highest patch set number that has CI results — never the patch set of the last comment. */
export function newestPatchSetWithResults(runs: readonly CiRun[]): number | null {
  return runs.reduce<number | null>((newest, run) => (newest === null || run.patchSet > newest ? run.patchSet : newest), null);
}

/** The patch set numbers Gerrit lists for the change. */
export function patchSets(change: GerritChange): number[] {
  return Object.values(change.revisions).map((r) => r._number);
}

/**
 * One run per (CI account, pipeline, job) of the patch set: a recheck's newer result replaces the
 * older one, keeping the place the job first appeared in.
 */
export function latestRunPerJob(runs: readonly CiRun[], patchSet: number): CiRun[] {
  const latest = new Map<string, CiRun>();
  for (const run of runs) {
    if (run.patchSet !== patchSet) continue;
    latest.set(JSON.stringify([run.ciUsername, run.pipeline, run.job.name]), run);
  }
  return [...latest.values()];
}
