import type { InsightResult, InsightTest, Verdict } from '../api-shapes';
import type { CauseStanding } from '../failures/cause-standings';

/** Zuul cuts its own messages at 16,384 bytes less a margin; ours stay under this. */
export const REVIEW_MAX_BYTES = 16_000;
/** Cause lines at most; the rest are counted in one "and N more" line. */
const MAX_CAUSES = 10;
const CAUSE_TEXT_CHARS = 160;
const TESTS_NAMED = 3;
/** The window of "seen on M other changes". */
export const SEEN_DAYS = 7;

/** The step of a build's console that failed, and its first error line. */
export interface ConsoleFailure {
  step: string;
  firstError: string | null;
}

export interface ReviewSubject {
  job: string;
  buildUuid: string;
  taskId: string;
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  /** The finished insight; null when the triage found no test results to ask one about. */
  insight: InsightResult | null;
  consoleFailure: ConsoleFailure | null;
  /** Failure knowledge of each cause's signature id: other changes within SEEN_DAYS, a bug rule's bug. */
  standings: ReadonlyMap<string, CauseStanding>;
}

const VERDICT_WORDS: Record<Verdict, string> = {
  new: 'new — likely caused by this change',
  flaky: 'flaky',
  broken: 'broken — fails on other changes too',
  unknown: 'unknown',
};

function causeLine(tests: InsightTest[], publicUrl: string, standing: CauseStanding | undefined): string {
  const first = tests[0];
  const names = tests.slice(0, TESTS_NAMED).map((t) => t.name);
  const more = tests.length > TESTS_NAMED ? ` and ${tests.length - TESTS_NAMED} more tests` : '';
  const other = first.other_changes;
  const tooFew = first.verdict === 'unknown' ? ' (too few other runs)' : '';
  // One line per cause: a cause's own lines (tempest's `Details: …`) are joined.
  const oneLine = first.cause.replace(/\s*\n\s*/g, ' ');
  const cause = oneLine.length > CAUSE_TEXT_CHARS ? `${oneLine.slice(0, CAUSE_TEXT_CHARS - 1)}…` : oneLine;
  const seen =
    other.runs > 0
      ? `failed in ${other.failed} of ${other.runs} runs on ${other.changes} other changes`
      : 'no run on another change ran it';
  const widespread = `seen on ${standing?.otherChanges ?? 0} other changes in the last ${SEEN_DAYS} days`;
  const bug = standing?.bug ? `; bug: ${standing.bug.title} ${standing.bug.url}` : '';
  return `- ${VERDICT_WORDS[first.verdict]}${tooFew}: ${names.join(', ')}${more}: ${cause}; ${seen}; ${widespread}${bug}. ${publicUrl}/f/${first.signature_id}`;
}

/** The failing tests grouped by cause and verdict, the groups with the most tests first. */
function causeGroups(tests: InsightTest[]): InsightTest[][] {
  const groups = new Map<string, InsightTest[]>();
  for (const t of tests) {
    const key = `${t.signature_id} ${t.verdict}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

function failureLines(subject: ReviewSubject): string[] {
  const { insight, consoleFailure, publicUrl, standings } = subject;
  const tests = insight?.tests ?? [];
  if (tests.length === 0) {
    if (!consoleFailure) return ['No test failed, and the console names no failed step.'];
    const error = consoleFailure.firstError ? `: ${consoleFailure.firstError}` : '';
    return [`No test failed; the step that failed: ${consoleFailure.step}${error}`];
  }
  const groups = causeGroups(tests);
  const lines = groups.slice(0, MAX_CAUSES).map((g) => causeLine(g, publicUrl, standings.get(g[0].signature_id)));
  if (groups.length > MAX_CAUSES) lines.push(`and ${groups.length - MAX_CAUSES} more`);
  const read = insight!.runs.filter((r) => r.status === 'finished').length;
  if (read === 0) lines.unshift('No other run of this job could be read, so the verdicts below rest on this build alone.');
  return lines;
}

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let cut = Buffer.from(text)
    .subarray(0, maxBytes - 4)
    .toString('utf8');
  cut = cut.replace(/\uFFFD$/, '');
  return `${cut}\n…`;
}

/** The review message for one failed build (docs/operations.md, "What the reporter posts"). */
export function reviewMessage(subject: ReviewSubject): string {
  const head = `StackViz triage of ${subject.job} (build ${subject.buildUuid}): ${subject.publicUrl}/s/${subject.taskId}/`;
  return cutToBytes([head, '', ...failureLines(subject)].join('\n'), REVIEW_MAX_BYTES);
}
