import type { CleanupReport, RepairOutcome } from './cleanup.service';
import { count, formatBytes } from '../common/human-units';

function describeRepair(repair: RepairOutcome): string {
  switch (repair.kind) {
    case 'skipped':
      return `stuck-task repair skipped: ${repair.reason}`;
    case 'would-repair':
      return `would re-queue ${count(repair.requeued, 'stuck task')} and fail ${repair.failed} stuck again`;
    case 'repaired':
      return (
        `re-queued ${count(repair.requeued, 'stuck task')}, failed ${repair.failed} stuck again, ` +
        `re-enqueued ${count(repair.orphansRequeued, 'queued task')} missing from the queue`
      );
  }
}

/** The one line `--role=cleanup` prints, also logged by each scheduled pass. */
export function formatCleanupSummary(report: CleanupReport | null): string {
  if (!report) return 'cleanup: skipped, another process is running a cleanup pass';
  const { tasks, artifacts, bytes } = report.purged;
  const what = `${count(tasks, 'task')}, ${count(artifacts, 'artifact')}, ${formatBytes(bytes)}`;
  const purge = report.dryRun ? `cleanup (dry run): would remove ${what}` : `cleanup: removed ${what} freed`;
  const failures = `${report.dryRun ? 'would remove' : 'removed'} ${count(report.failureOccurrences, 'failure occurrence')} (history ${count(report.failureHistoryDays, 'day')})`;
  const watched = `${report.dryRun ? 'would remove' : 'removed'} ${count(report.watchedBuilds, 'watched build')}`;
  return `${purge} (retention ${count(report.retentionDays, 'day')}); ${watched}; ${failures}; ${describeRepair(report.repair)}`;
}
