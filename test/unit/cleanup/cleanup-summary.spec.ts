import { formatCleanupSummary } from '../../../src/cleanup/cleanup-summary';
import { CleanupReport } from '../../../src/cleanup/cleanup.service';
import { describeDuration, formatBytes } from '../../../src/common/human-units';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [210027, '210.0 kB'],
    [4_200_000, '4.2 MB'],
    [1_300_000_000, '1.3 GB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('describeDuration', () => {
  it.each([
    [30 * 60_000, '30 minutes'],
    [3_600_000, '1 hour'],
    [90_000, '90 seconds'],
    [1500, '1500 ms'],
  ])('%d ms → %s', (ms, text) => expect(describeDuration(ms)).toBe(text));
});

describe('formatCleanupSummary', () => {
  const base: CleanupReport = {
    dryRun: false,
    retentionDays: 7,
    purged: { tasks: 12, artifacts: 30, bytes: 4_200_000 },
    failureHistoryDays: 90,
    failureOccurrences: 3,
    watchedBuilds: 4,
    repair: { kind: 'repaired', requeued: 1, failed: 0, orphansRequeued: 2 },
  };

  it('says what a pass removed and repaired, on one line', () => {
    expect(formatCleanupSummary(base)).toBe(
      'cleanup: removed 12 tasks, 30 artifacts, 4.2 MB freed (retention 7 days); removed 4 watched builds; removed 3 failure occurrences (history 90 days); ' +
        're-queued 1 stuck task, failed 0 stuck again, re-enqueued 2 queued tasks missing from the queue',
    );
  });

  it('says what a dry run would do', () => {
    const line = formatCleanupSummary({ ...base, dryRun: true, repair: { kind: 'would-repair', requeued: 0, failed: 1 } });
    expect(line).toBe(
      'cleanup (dry run): would remove 12 tasks, 30 artifacts, 4.2 MB (retention 7 days); would remove 4 watched builds; would remove 3 failure occurrences (history 90 days); would re-queue 0 stuck tasks and fail 1 stuck again',
    );
  });

  it('says why the repair was skipped, and when the whole pass was', () => {
    const line = formatCleanupSummary({
      ...base,
      purged: { tasks: 1, artifacts: 1, bytes: 10 },
      retentionDays: 1,
      failureOccurrences: 1,
      watchedBuilds: 1,
      repair: { kind: 'skipped', reason: 'no REDIS_URL' },
    });
    expect(line).toBe(
      'cleanup: removed 1 task, 1 artifact, 10 B freed (retention 1 day); removed 1 watched build; removed 1 failure occurrence (history 90 days); stuck-task repair skipped: no REDIS_URL',
    );
    expect(formatCleanupSummary(null)).toBe('cleanup: skipped, another process is running a cleanup pass');
  });
});
