import { useState } from 'preact/hooks';
import { firstFailingStep, type ConsoleStep } from '../data/console-model';
import { runHasTests } from '../data/run-data';
import type { RunData, RunMeta } from '../data/types';
import { ciResultMeaning, failedOutsideTheTests } from '../logic/ci-results';
import { sitePath } from '../../../src/ui/ui-routes';
import type { FailureCause, FailureRow, RunSummary } from '../logic/summary';
import { formatDuration } from '../logic/time';
import { formatTimelineState, EMPTY_TIMELINE_STATE } from '../logic/url-state';
import { Link } from '../router';
import { InsightPanel, VerdictBadge } from './insight';
import { SeenCountsProvider, SeenLink, useSeen } from './seen-link';
import { resultClass } from '../logic/results';
import { DottedName } from './dotted-name';
import { StatusBadge } from './status';
import { TracebackView } from './traceback-view';
import { count } from '../../../src/common/human-units';
import { PLACEHOLDERS } from '../../../src/failure-cause/signature';

/** How much of the failing console step the summary quotes. */
const CONSOLE_TAIL_LINES = 30;
/** Tests listed per cause before "show all". */
const ROWS_SHOWN = 8;
/** Skips listed before "show all". */
const SKIPS_SHOWN = 50;

export function SummaryView({ site, run, summary }: { site: string; run: RunData; summary: RunSummary }) {
  const s = summary;
  // The summary can come from `subunit-stats` while the test list is still being read.
  const readingTests = run.pending.includes('subunit');
  const noTests = !runHasTests(run);
  const showOutcome = noTests || failedOutsideTheTests(run.meta.status) || (s.failureCount === 0 && resultClass(run.meta.status) === 'bad');
  // With failures, the causes come right under the counts, above the fold whatever the number of
  // workers (16 of them made the per-worker panel push the causes off a laptop's screen).
  const failing = s.causes.length > 0;
  return (
    <div class="summary-grid">
      {showOutcome && <JobOutcome site={site} run={run} noTests={noTests} />}
      {!noTests && (
        <>
          <Counts summary={s} wide={failing} durationsOnly={run.durationsOnly} readingTests={readingTests} />
          {failing && <Causes site={site} summary={s} meta={run.meta} />}
          {readingTests ? (
            <section class={failing ? 'panel worker-times wide' : 'panel worker-times'} aria-busy="true">
              <h2>Test time per worker</h2>
              <p class="muted">Reading the test list…</p>
            </section>
          ) : (
            <>
              <WorkerTimes summary={s} wide={failing} />
              <Slowest site={site} summary={s} />
            </>
          )}
          {s.skips.length > 0 && <Skips site={site} summary={s} />}
        </>
      )}
    </div>
  );
}

/** A long list of skips (thousands in a large run) would hold up the page: the first ones, then "show all". */
function Skips({ site, summary: s }: { site: string; summary: RunSummary }) {
  const [all, setAll] = useState(false);
  const shown = all ? s.skips : s.skips.slice(0, SKIPS_SHOWN);
  return (
    <section class="panel wide">
      <h2>Skips ({s.skips.length})</h2>
      <ul class="skips">
        {shown.map((k) => (
          <li key={k.name}>
            <Link href={sitePath(site, 'test', k.name)}>
              <DottedName name={k.name} />
            </Link>
            {k.reason && <span class="reason"> — {k.reason}</span>}
          </li>
        ))}
      </ul>
      {s.skips.length > SKIPS_SHOWN && (
        <button type="button" class="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer skips' : `Show all ${s.skips.length} skips`}
        </button>
      )}
    </section>
  );
}

/** Why there are no test results, in the service's words when it gave any. */
function noResultsReason(run: RunData): string {
  if (run.message) return run.message;
  if (run.warnings.length) return run.warnings.join('; ');
  return "this job's logs had no subunit stream, JUnit report or StackViz site";
}

/** The job's result and, when the tests do not explain it, the console step that failed. */
function JobOutcome({ site, run, noTests }: { site: string; run: RunData; noTests: boolean }) {
  const status = run.meta.status;
  const meaning = ciResultMeaning(status);
  // A job that passed can still show a task that failed with its errors ignored: not the story.
  const step = resultClass(status) === 'ok' ? null : outcomeStep(run);
  // Opened from a log URL the CI result may be unknown; a failed task still says the job failed.
  const failed = resultClass(status) === 'bad' || step !== null;
  const noResults = noTests && <p class={step ? 'no-results muted' : 'no-results'}>No test results: {noResultsReason(run)}.</p>;
  return (
    <section class={failed ? 'panel wide outcome' : 'panel wide outcome passed'} aria-labelledby="outcome-title">
      <h2 id="outcome-title">
        {failed ? 'Why this job failed' : 'Job result'}
        {status && <span class={`result ${resultClass(status)}`}>{status}</span>}
      </h2>
      {meaning && <p class="meaning">{meaning}</p>}
      {step ? (
        <>
          <FailingStep site={site} step={step} timedOut={status?.toUpperCase() === 'TIMED_OUT'} />
          {noResults}
        </>
      ) : (
        <>
          {noResults}
          {failed && !run.console && !run.pending.includes('console') && (
            <p class="muted">This run has no console artifact to show where it failed.</p>
          )}
        </>
      )}
    </section>
  );
}

/** The step's title (linking to the console, which opens at it), its first error line when the tail does not hold it, and its last lines, errors marked. */
function FailingStep({ site, step, timedOut }: { site: string; step: ConsoleStep; timedOut: boolean }) {
  const tail = step.lines.slice(-CONSOLE_TAIL_LINES);
  const offset = step.lines.length - tail.length;
  return (
    <>
      <h3 class="failing-step">
        {timedOut && !step.failing ? 'Running when the job timed out: ' : 'Failing step: '}
        <Link href={sitePath(site, 'console')}>{step.title}</Link> {step.status && <span class="status st-fail">{step.status}</span>}{' '}
        <span class="muted">{formatDuration(step.duration)}</span>
      </h3>
      {step.firstError !== null && step.firstError < offset && (
        <>
          <p class="muted small">Its first error, line {step.firstError + 1}:</p>
          <pre class="console-tail first-error">
            <span class="console-line error-line">{step.lines[step.firstError]}</span>
          </pre>
        </>
      )}
      <p class="muted small">
        {tail.length < step.lines.length ? `Its last ${tail.length} of ${step.lines.length} lines:` : `Its ${count(tail.length, 'line')}:`}
      </p>
      <pre class="console-tail">
        {tail.map((line, i) => (
          <span key={i} class={step.errors.includes(offset + i) ? 'console-line error-line' : 'console-line'}>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </>
  );
}

/** The console step to quote: the first failing task, or the last task of a job that timed out. */
function outcomeStep(run: RunData): ConsoleStep | null {
  if (!run.console) return null;
  const failing = firstFailingStep(run.console);
  if (failing !== null) return run.console.steps[failing];
  if (run.meta.status?.toUpperCase() !== 'TIMED_OUT') return null;
  const tasks = run.console.steps.filter((st) => st.kind === 'task');
  return tasks[tasks.length - 1] ?? null;
}

function Counts({
  summary: s,
  wide,
  durationsOnly,
  readingTests,
}: {
  summary: RunSummary;
  wide: boolean;
  durationsOnly: boolean;
  readingTests: boolean;
}) {
  const unfinished = s.counts.find((c) => c.status === 'inprogress')?.count ?? 0;
  const workerCount = s.workers.filter((w) => w.worker !== null).length;
  return (
    <section class={wide ? 'panel results wide' : 'panel results'}>
      <h2>Results</h2>
      <p class="headline">
        {s.failureCount > 0 ? (
          <>
            <strong class="failed-count">{count(s.failureCount, 'failure')}</strong>
            {' from '}
            <strong>{count(s.causes.length, 'cause')}</strong>
            <span class="muted"> in {count(s.total, 'test')}</span>
            {unfinished > 0 && <span class="unfinished">, {unfinished} never finished</span>}
          </>
        ) : (
          <>
            <strong class="passed">No test failed</strong>
            <span class="muted"> in {count(s.total, 'test')}</span>
            {unfinished > 0 && <span class="unfinished">, but {unfinished} never finished</span>}
          </>
        )}
      </p>
      <div class="counts">
        <div class="count total">
          <strong>{s.total}</strong> tests
        </div>
        {s.counts.map((c) => (
          <div class="count" key={c.status}>
            <strong>{c.count}</strong> <StatusBadge status={c.status} />
          </div>
        ))}
      </div>
      <dl class="kv">
        <dt>{durationsOnly ? 'Test time' : 'Run time'}</dt>
        <dd>
          {formatDuration(s.runTime)}
          {durationsOnly && <span class="muted"> (the tests' durations added up)</span>}
        </dd>
        <dt>Started</dt>
        <dd>
          {durationsOnly ? (
            <span class="muted">not in the report, which gives durations only</span>
          ) : s.start != null ? (
            new Date(s.start).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'
          ) : (
            '—'
          )}
        </dd>
        {/* A JUnit report names no workers: no row rather than "0 workers". */}
        {(readingTests || workerCount > 0) && (
          <>
            <dt>Workers</dt>
            <dd>{readingTests ? '…' : workerCount}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Causes({ site, summary: s, meta }: { site: string; summary: RunSummary; meta: RunMeta }) {
  const seen = useSeen(s.causes.flatMap((c) => (c.signatureId ? [c.signatureId] : [])));
  return (
    <SeenCountsProvider value={seen}>
      <section class="panel wide causes">
        <h2>
          Failures by cause{' '}
          <span class="muted">
            ({count(s.causes.length, 'cause')}, {count(s.failureCount, 'failure')})
          </span>
        </h2>
        <InsightPanel site={site} failures={s.failureCount} meta={meta} />
        {s.causes.map((c, i) => (
          <Cause key={c.signature} site={site} cause={c} index={i} />
        ))}
      </section>
    </SeenCountsProvider>
  );
}

/** Splits a signature at its masked parts (`<uuid>`, `<n>`, …). */
const PLACEHOLDER_SPLIT = new RegExp(`(${PLACEHOLDERS.join('|')})`);

/** Masked parts shown as such, so one sees what varied. */
function Signature({ text }: { text: string }) {
  const parts = text.split(PLACEHOLDER_SPLIT);
  return <code class="signature">{parts.map((p, i) => (i % 2 === 1 ? <var key={i}>{p.slice(1, -1)}</var> : p))}</code>;
}

/** A cause without a signature id (as in a StackViz folder's data) has no link to where else it was seen. */
function Cause({ site, cause, index }: { site: string; cause: FailureCause; index: number }) {
  const [allRows, setAllRows] = useState(false);
  const [allTracebacks, setAllTracebacks] = useState(false);
  const first = cause.rows.find((r) => r.traceback) ?? cause.rows[0];
  const rows = allRows ? cause.rows : cause.rows.slice(0, ROWS_SHOWN);
  return (
    <article class="cause" aria-labelledby={`cause-${index}`}>
      <header class="cause-head" id={`cause-${index}`}>
        <span class="cause-count" title={`${count(cause.count, 'failure')} in the stream`}>
          {cause.count}×
        </span>
        <Signature text={cause.signature} />
        {cause.signatureId && <SeenLink signatureId={cause.signatureId} />}
      </header>
      <ul class="cause-tests">
        {rows.map((r) => (
          <FailureRowItem key={r.name} site={site} row={r} />
        ))}
      </ul>
      {cause.rows.length > ROWS_SHOWN && (
        <button type="button" class="link-button" onClick={() => setAllRows(!allRows)}>
          {allRows ? 'Show fewer tests' : `Show all ${cause.rows.length} tests`}
        </button>
      )}
      {first.traceback && (
        <div class="cause-traceback">
          <p class="muted small">
            Traceback of <Link href={sitePath(site, 'test', first.name)}>{shortName(first.name)}</Link>:
          </p>
          <TracebackView text={first.traceback} testId={first.id} />
        </div>
      )}
      {cause.rows.filter((r) => r.traceback).length > 1 && (
        <details class="all-tracebacks" onToggle={(e) => setAllTracebacks((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>The other tests' tracebacks ({cause.rows.filter((r) => r.traceback && r !== first).length})</summary>
          {allTracebacks &&
            cause.rows
              .filter((r) => r.traceback && r !== first)
              .map((r) => (
                <div key={r.name} class="member-traceback">
                  <p class="muted small">
                    <Link href={sitePath(site, 'test', r.name)}>{r.name}</Link>
                  </p>
                  <TracebackView text={r.traceback} testId={r.id} brief />
                </div>
              ))}
        </details>
      )}
    </article>
  );
}

/** `a.b.c.Class.test_x` → `Class.test_x`: the list shows the full name, the prose the short one. */
function shortName(name: string): string {
  return name.split('.').slice(-2).join('.');
}

function FailureRowItem({ site, row }: { site: string; row: FailureRow }) {
  return (
    <li>
      <div class="failure-row">
        <Link href={sitePath(site, 'test', row.name)} class="test-link">
          <DottedName name={row.name} />
        </Link>
        {row.count > 1 && (
          <span class="repeat" title={`failed ${row.count} times: once per worker that ran this class`}>
            ×{row.count}
          </span>
        )}
        <span class="muted num">{formatDuration(row.duration)}</span>
      </div>
      <VerdictBadge site={site} name={row.name} />
    </li>
  );
}

function WorkerTimes({ summary: s, wide }: { summary: RunSummary; wide: boolean }) {
  const maxWorker = Math.max(1, ...s.workers.map((w) => w.testTime));
  return (
    <section class={wide ? 'panel worker-times wide' : 'panel worker-times'}>
      <h2>Test time per worker</h2>
      <table class="bars">
        <tbody>
          {s.workers.map((w) => (
            <tr key={w.label}>
              <th scope="row">{w.label}</th>
              <td class="bar-cell">
                <span class="bar" style={{ width: `${(w.testTime / maxWorker) * 100}%` }} />
              </td>
              <td class="num">{formatDuration(w.testTime)}</td>
              <td class="num muted">{count(w.count, 'test')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Slowest({ site, summary: s }: { site: string; summary: RunSummary }) {
  return (
    <section class="panel wide">
      <h2>10 slowest tests</h2>
      <table class="slowest">
        <tbody>
          {s.slowest.map((t) => (
            <tr key={t.index}>
              <td class="num">{formatDuration(t.duration)}</td>
              <td>
                <StatusBadge status={t.status} />
              </td>
              <td class="name">
                <Link href={sitePath(site, 'timeline') + formatTimelineState({ ...EMPTY_TIMELINE_STATE, test: t.name })}>
                  <DottedName name={t.name} />
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
