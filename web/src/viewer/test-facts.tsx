import type { TestRecord } from '../data/types';
import { formatClock, formatDuration } from '../logic/time';
import { StatusBadge } from './status';

/** Status, duration, start (with its offset from `runStart`) and end: the first rows of a test's facts list. */
export function TestFacts({ test, runStart }: { test: TestRecord; runStart: number }) {
  return (
    <>
      <dt>Status</dt>
      <dd>
        <StatusBadge status={test.status} />
      </dd>
      <dt>Duration</dt>
      <dd>{formatDuration(test.duration)}</dd>
      <dt>Start</dt>
      <dd>
        {formatClock(test.start)} <span class="muted">+{formatDuration((test.start - runStart) / 1000)}</span>
      </dd>
      <dt>End</dt>
      <dd>{formatClock(test.end)}</dd>
    </>
  );
}
