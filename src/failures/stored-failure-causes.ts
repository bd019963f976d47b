import { Injectable } from '@nestjs/common';
import type { StackVizFailure } from '../api-shapes';
import { ArtifactStore } from '../artifacts/artifact-store';
import { gunzippedChunks } from '../artifacts/gunzipped-chunks';
import { JsonObjectMembers } from '../test-results/json-stream-items';
import { FailureCause, failureCauseOf } from './failure-cause';

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

/**
 * The cause of each failed test of a finished task, as stored with it. Tasks scraped since the
 * service stores causes carry them in `subunit-stats`; for the others (stored before, or an imported
 * StackViz site's stats) they are computed now, with the scrape's own function, from the test's
 * attachments in `subunit-details` (read as a stream, keeping only the tests asked about), else the
 * stats' tail of its traceback. The backfill of failure occurrences reads tasks through this too.
 */
@Injectable()
export class StoredFailureCauses {
  constructor(private readonly store: ArtifactStore) {}

  /**
   * A cause for each of `names` (StackViz's test names) that the task's results list as failed,
   * else for every failure they list. A failure with nothing recorded gets the "no traceback" cause.
   */
  async ofTask(taskId: string, names?: ReadonlySet<string>): Promise<Map<string, FailureCause>> {
    const artifacts = await this.store.listForTask(taskId);
    const causes = new Map<string, FailureCause>();
    /** Failures without a stored cause: the stats' text of each, until their details are read. */
    const missing = new Map<string, string>();
    for (const stats of artifacts.filter((a) => a.artifactType === 'subunit-stats')) {
      for (const f of await this.storedFailures(stats)) {
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
    for (const details of artifacts.filter((a) => a.artifactType === 'subunit-details')) {
      const members = new JsonObjectMembers<Record<string, string>>((tests) => {
        for (const [name, attachments] of tests) {
          if (!missing.has(name)) continue;
          causes.set(name, failureCauseOf(attachments, name));
          missing.delete(name);
        }
      });
      for await (const chunk of gunzippedChunks(this.store.openStored(details))) members.push(chunk);
      members.end();
    }
    for (const [name, text] of missing) causes.set(name, failureCauseOf({ traceback: text }, name));
    return causes;
  }

  private async storedFailures(stats: Parameters<ArtifactStore['openStored']>[0]): Promise<StoredFailure[]> {
    const parts: Buffer[] = [];
    for await (const chunk of gunzippedChunks(this.store.openStored(stats))) parts.push(chunk);
    const doc = JSON.parse(Buffer.concat(parts).toString('utf8')) as { failures?: unknown };
    return Array.isArray(doc.failures) ? (doc.failures as StoredFailure[]) : [];
  }
}
