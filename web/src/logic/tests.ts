import type { RawTest, TestRecord } from '../data/types';
import { parseTime } from './time';

const WORKER_TAG = /^worker-/;

/** StackViz's lane key: the first tag starting `worker-`, or null for tests without one. */
export function workerOf(tags: readonly string[] | null | undefined): string | null {
  return tags?.find((t) => WORKER_TAG.test(t)) ?? null;
}

/**
 * Parses the `subunit` artifact into records sorted by start time. A test that never finished has
 * end = its last timestamp; a test with no usable start is placed at its end (zero length).
 */
export function toTestRecords(raw: readonly RawTest[]): TestRecord[] {
  const records: TestRecord[] = [];
  for (const t of raw) {
    const [a, b] = t.timestamps ?? [null, null];
    const start = parseTime(a) ?? parseTime(b);
    if (start == null) continue;
    const end = Math.max(start, parseTime(b) ?? start);
    records.push({
      index: 0,
      name: t.name,
      id: t.id ?? t.name,
      status: t.status,
      tags: t.tags ?? [],
      start,
      end,
      duration: Number.isFinite(t.duration) ? t.duration : (end - start) / 1000,
      worker: workerOf(t.tags),
    });
  }
  records.sort((x, y) => x.start - y.start || x.end - y.end || x.name.localeCompare(y.name));
  records.forEach((r, i) => (r.index = i));
  return records;
}
