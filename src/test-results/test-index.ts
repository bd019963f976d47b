import type { Readable } from 'node:stream';
import type { StackVizTest } from '../api-shapes';
import { gunzippedChunks } from '../artifacts/gunzipped-chunks';
import { JsonArrayElements } from './json-stream-items';

/** The few statuses a run has, shared instead of one string per test. */
const STATUSES = new Map(['success', 'fail', 'skip', 'xfail', 'uxsuccess', 'exists', 'inprogress'].map((s) => [s, s]));
/** Rough bytes per test besides its name: three array slots and a Map entry. */
const BYTES_PER_TEST = 80;

/** A run's test results reduced to what compare and insight read: name, status and duration. */
export class TestIndex {
  private readonly names: string[] = [];
  private readonly statuses: string[] = [];
  private readonly durations: (number | null)[] = [];
  private readonly positions = new Map<string, number>();
  private nameChars = 0;

  /** A name seen twice (a test run again) keeps its last result. */
  add(name: string, status: string, duration: number | null): void {
    const at = this.positions.get(name);
    const shared = STATUSES.get(status) ?? status;
    if (at !== undefined) {
      this.statuses[at] = shared;
      this.durations[at] = duration;
      return;
    }
    this.positions.set(name, this.names.length);
    this.names.push(name);
    this.statuses.push(shared);
    this.durations.push(duration);
    this.nameChars += name.length;
  }

  get size(): number {
    return this.names.length;
  }

  /** Approximate memory held, for the cache's bound. */
  get bytes(): number {
    return 2 * this.nameChars + BYTES_PER_TEST * this.names.length + 64;
  }

  /** The test's result, or undefined when this run did not list it. */
  get(name: string): { status: string; duration: number | null } | undefined {
    const at = this.positions.get(name);
    return at === undefined ? undefined : { status: this.statuses[at], duration: this.durations[at] };
  }

  /** Every test, in the run's order. */
  *entries(): IterableIterator<{ name: string; status: string; duration: number | null }> {
    for (let i = 0; i < this.names.length; i++) yield { name: this.names[i], status: this.statuses[i], duration: this.durations[i] };
  }

  /** Names of the tests with this status, in the run's order. */
  namesWithStatus(status: string): string[] {
    return this.names.filter((_, i) => this.statuses[i] === status);
  }
}

/** A `subunit` element as read, each field checked before use (an imported StackViz site's file is not ours). */
type StoredTest = Partial<Record<keyof StackVizTest, unknown>>;

/**
 * Reads a stored `subunit` artifact (gzip JSON: an array of tests) into `index` as it streams:
 * memory holds the index and one chunk, never the artifact's text or its parsed objects.
 */
export async function readSubunitArtifact(gzipped: Readable, index: TestIndex): Promise<void> {
  const elements = new JsonArrayElements<StoredTest>((tests) => {
    for (const t of tests) {
      if (typeof t.name !== 'string' || typeof t.status !== 'string') continue;
      index.add(t.name, t.status, typeof t.duration === 'number' && Number.isFinite(t.duration) ? t.duration : null);
    }
  });
  for await (const chunk of gunzippedChunks(gzipped)) elements.push(chunk);
  elements.end();
}
