import type { StackVizFailure } from '../api-shapes';
import { JsonObjectMembers } from '../test-results/json-stream-items';
import { ArtifactSource, artifactJson } from './artifact-source';
import { FailureCause, failureCauseOf } from '../failure-cause/failure-cause';

/** A `subunit-stats` failure as stored: ours carry a cause and its id; StackViz's exports and older tasks do not. */
type StoredFailure = Partial<Record<keyof StackVizFailure, unknown>>;

function storedCause(f: StoredFailure): FailureCause | null {
  return typeof f.cause === 'string' && typeof f.signature_id === 'string' ? { cause: f.cause, signature_id: f.signature_id } : null;
}

/** The stats' own tail of a failure's traceback (a list of lines in StackViz's exports, a string in some). */
function statsDetailsText(details: unknown): string {
  if (Array.isArray(details)) return details.filter((l) => typeof l === 'string').join('\n');
  return typeof details === 'string' ? details : '';
}

async function statsFailures(source: ArtifactSource): Promise<readonly StoredFailure[]> {
  if (source.failures) return source.failures;
  const doc = (await artifactJson(source)) as { failures?: unknown } | null;
  return Array.isArray(doc?.failures) ? (doc.failures as StoredFailure[]) : [];
}

/** Each test's attachments in the task's `subunit-details`, for the tests `wanted` still names (it removes them as found), until none is left. */
async function eachDetails(
  sources: readonly ArtifactSource[],
  wanted: { has(name: string): boolean; delete(name: string): boolean; readonly size: number },
  take: (name: string, attachments: Record<string, string>) => void,
): Promise<void> {
  for (const details of sources.filter((a) => a.artifactType === 'subunit-details')) {
    if (wanted.size === 0) return;
    const members = new JsonObjectMembers<Record<string, string>>((tests) => {
      for (const [name, attachments] of tests) {
        if (!wanted.has(name)) continue;
        take(name, attachments);
        wanted.delete(name);
      }
    });
    for await (const chunk of details.chunks()) {
      members.push(chunk);
      // the rest of the document (most of it when the tests asked about come early) is neither gunzipped nor parsed
      if (wanted.size === 0) return;
    }
    members.end();
  }
}

/**
 * The cause of each failed test of a task, as its artifacts hold them. Tasks scraped since the
 * service stores causes carry them in `subunit-stats`; for the others (stored before, or an imported
 * StackViz site's stats) they are computed now, with the scrape's own function, from the test's
 * attachments in `subunit-details` (read as a stream, keeping only the tests asked about), else the
 * stats' tail of its traceback. `names` (StackViz's test names) limits it to those tests; a failure
 * with nothing recorded gets the "no traceback" cause.
 */
export async function failureCausesOf(sources: readonly ArtifactSource[], names?: ReadonlySet<string>): Promise<Map<string, FailureCause>> {
  const causes = new Map<string, FailureCause>();
  /** Failures without a stored cause: the stats' text of each, until their details are read. */
  const missing = new Map<string, string>();
  for (const stats of sources.filter((a) => a.artifactType === 'subunit-stats')) {
    for (const f of await statsFailures(stats)) {
      if (typeof f.name !== 'string' || (names && !names.has(f.name))) continue;
      const stored = storedCause(f);
      if (stored) {
        causes.set(f.name, stored);
        missing.delete(f.name);
      } else if (!causes.has(f.name)) {
        missing.set(f.name, statsDetailsText(f.details));
      }
    }
  }
  if (missing.size === 0) return causes;
  await eachDetails(sources, missing, (name, attachments) => causes.set(name, failureCauseOf(attachments, name)));
  for (const [name, text] of missing) causes.set(name, failureCauseOf({ traceback: text }, name));
  return causes;
}

/** The full traceback (else the reason) each of `names` has in the task's `subunit-details`; tests without one are left out. */
export async function tracebacksOf(sources: readonly ArtifactSource[], names: Iterable<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  await eachDetails(sources, new Set(names), (name, attachments) => {
    const text = attachments.traceback ?? attachments.reason;
    if (typeof text === 'string' && text !== '') found.set(name, text);
  });
  return found;
}
