import type { GerritChange } from '../gerrit/gerrit-client';
import { isCiAccount } from './ci-runs';

/**
 * Zuul's comment on a patch set it could not merge is the tenant's own text (its pipelines'
 * `merge-failure` option; by default "Merge Failed. This change or one of its cross-repo
 * dependencies was unable to be automatically merged …"), so it is matched loosely.
 */
const MERGE_FAILED = /\bmerge (?:failed|failure|conflict)\b|\b(?:unable to be|could not be|cannot be) (?:automatically )?merged\b/i;

/** Zuul's buildset results for a change it could not merge (older Zuul: MERGE_FAILURE, MERGER_FAILURE). */
const MERGE_CONFLICT_RESULTS = new Set(['MERGE_CONFLICT', 'MERGE_FAILURE', 'MERGER_FAILURE']);

/** Whether a CI account commented on this patch set that it could not merge it. */
export function hasMergeFailureComment(change: GerritChange, patchSet: number, ciUsernames: readonly string[]): boolean {
  return change.messages.some((m) => m._revision_number === patchSet && isCiAccount(m.author, ciUsernames) && MERGE_FAILED.test(m.message));
}

export function isMergeConflictResult(result: string | null): boolean {
  return result !== null && MERGE_CONFLICT_RESULTS.has(result);
}

/**
 * Why a patch set has no CI results, in words; `listed` is the patch set listed instead, if any.
 * "Patch set 4 had a merge conflict, so no jobs ran: … Listing patch set 3, the newest with CI results."
 */
export function noResultsMessage(patchSet: number, mergeConflict: boolean, listed: number | null): string {
  const why = mergeConflict
    ? `Patch set ${patchSet} had a merge conflict, so no jobs ran: Zuul could not merge it with its branch, and it needs a rebase.`
    : `Patch set ${patchSet} has no CI results: no CI system has reported on it yet (its jobs may still be running).`;
  return listed === null ? why : `${why} Listing patch set ${listed}, the newest with CI results.`;
}
