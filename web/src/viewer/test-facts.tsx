import type { TestRecord } from '../data/types';
import { formatClock, formatDuration } from '../logic/time';
import { StatusBadge } from './status';

/**
 * Status, duration, start (with its offset from `runStart`) and end: the first rows of a test's
 * facts list. A test the artifact gave no time has only its place after the tests before it.
 */
export function TestFacts({ test, runStart }: { test: TestRecord; runStart: number }) {
  const offset = `+${formatDuration((test.start - runStart) / 1000)}`;
  return (
    <>
      <dt>Status</dt>
      <dd>
        <StatusBadge status={test.status} />
      </dd>
      <dt>Duration</dt>
      <dd>{formatDuration(test.duration)}</dd>
      <dt>Start</dt>
      {test.timed ? (
        <dd>
          {formatClock(test.start)} <span class="muted">{offset}</span>
        </dd>
      ) : (
        <dd>
          {offset} <span class="muted">after the first test, the durations before it added up (the report gives no start times)</span>
        </dd>
      )}
      <dt>End</dt>
      <dd>{test.timed ? formatClock(test.end) : `+${formatDuration((test.end - runStart) / 1000)}`}</dd>
    </>
  );
}
