import type { StackVizTest, TestRecord } from '../data/types';
import { parseTime } from './time';

const WORKER_TAG = /^worker-/;

/** StackViz's lane key: the first tag starting `worker-`, or null for tests without one. */
export function workerOf(tags: readonly string[] | null | undefined): string | null {
  return tags?.find((t) => WORKER_TAG.test(t)) ?? null;
}

/**
 * Parses the `subunit` artifact into records sorted by start time. A test that never finished has
 * end = its last timestamp; a test with no usable start is placed at its end (zero length). A test
 * with no time at all (a JUnit report that gives durations only: subunit2junitxml's, pytest's
 * before 5.1, nose's) is laid right after the test listed before it, for its duration, from the
 * epoch when none before it has a time: `timed` is false, and the viewer says its times are so laid.
 */
export function toTestRecords(raw: readonly StackVizTest[]): TestRecord[] {
  const records: TestRecord[] = [];
  let cursor = 0;
  for (const t of raw) {
    const [a, b] = t.timestamps ?? [null, null];
    const given = typeof t.duration === 'number' && Number.isFinite(t.duration) ? t.duration : null;
    const seconds = given !== null && given > 0 ? given : 0;
    const at = parseTime(a) ?? parseTime(b);
    const timed = at != null;
    const start = at ?? cursor;
    const end = timed ? Math.max(start, parseTime(b) ?? start) : start + seconds * 1000;
    cursor = end;
    records.push({
      index: 0,
      name: t.name,
      id: t.id ?? t.name,
      status: t.status,
      tags: t.tags ?? [],
      start,
      end,
      duration: given ?? (end - start) / 1000,
      worker: workerOf(t.tags),
      timed,
    });
  }
  records.sort((x, y) => x.start - y.start || x.end - y.end || x.name.localeCompare(y.name));
  records.forEach((r, i) => (r.index = i));
  return records;
}
