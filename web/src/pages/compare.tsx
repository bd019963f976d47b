import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, messageOf } from '../api/client';
import { hasEnded, waitForTasks } from '../api/poll';
import type { ComparedRun, ComparedTest, CompareResponse, StatusResponse, TestOnOneSide } from '../api/types';
import { COMPARE_SECTIONS, comparedRunLabel, compareSections, durationChange } from '../logic/compare';
import { sitePath } from '../../../src/ui/ui-routes';
import { formatDuration } from '../logic/time';
import { Link, useTitle } from '../router';
import { DottedName } from '../viewer/dotted-name';
import { StatusBadge } from '../viewer/status';

const POLL_MS = 1500;

type State =
  | { kind: 'loading' }
  | { kind: 'waiting'; sides: { side: string; status: StatusResponse }[] }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; compare: CompareResponse };

/**
 * `/c/<base>/<head>/`: how the head run's test results differ from the base run's. Counts first,
 * then new failures, fixed, still failing, slower, faster, added and removed tests, each linking
 * to its details on both sides. A side still being scraped is waited for.
 */
export function ComparePage({ base, head }: { base: string; head: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    const { signal } = ctrl;
    async function load() {
      try {
        setState({ kind: 'ready', compare: await api.compare(base, head, signal) });
        return;
      } catch (e) {
        if (signal.aborted) return;
        if (!(e instanceof ApiError) || e.statusCode !== 409) return setState({ kind: 'failed', message: messageOf(e) });
      }
      // Not finished (wait for both sides to end, then ask again) or without test results (say so).
      try {
        await waitForTasks([base, head], {
          signal,
          intervalMs: POLL_MS,
          onRound: (latest) => {
            if (!hasEnded(latest[base]) || !hasEnded(latest[head])) {
              setState({
                kind: 'waiting',
                sides: [
                  { side: 'base', status: latest[base] },
                  { side: 'head', status: latest[head] },
                ],
              });
            }
          },
        });
        if (!signal.aborted) setState({ kind: 'ready', compare: await api.compare(base, head, signal) });
      } catch (e) {
        if (!signal.aborted) setState({ kind: 'failed', message: messageOf(e) });
      }
    }
    void load();
    return () => ctrl.abort();
  }, [base, head]);

  useTitle(
    state.kind === 'ready'
      ? ['Compare', comparedRunLabel(state.compare.head)]
      : [state.kind === 'failed' ? 'Cannot compare' : 'Comparing…'],
  );

  if (state.kind === 'loading') {
    return (
      <section class="panel progress" aria-busy="true">
        <h1>Comparing the two runs…</h1>
        <div class="spinner" aria-hidden="true" />
      </section>
    );
  }
  if (state.kind === 'waiting') {
    return (
      <section class="panel progress" aria-busy="true">
        <h1>Waiting for the runs’ test results…</h1>
        <div class="spinner" aria-hidden="true" />
        <dl class="kv">
          {state.sides.map(({ side, status }) => (
            <Fragment key={side}>
              <dt>{side}</dt>
              <dd>
                {status.status}
                {status.stage ? ` — ${status.stage}` : ''}
              </dd>
            </Fragment>
          ))}
        </dl>
      </section>
    );
  }
  if (state.kind === 'failed') {
    return (
      <section class="panel progress">
        <h1>These runs cannot be compared</h1>
        <div class="alert" role="alert">
          {state.message}
        </div>
        <p>
          <Link href={sitePath(base)}>base run</Link> · <Link href={sitePath(head)}>head run</Link>
        </p>
      </section>
    );
  }
  return <Comparison compare={state.compare} />;
}

function Comparison({ compare }: { compare: CompareResponse }) {
  const { base, head, counts } = compare;
  const sections = compareSections(compare.tests);
  return (
    <div class="compare">
      <header class="run-header">
        <h1>Compare runs</h1>
        <p class="compare-sides">
          <RunLink label="base" run={base} /> <span aria-hidden="true">→</span> <RunLink label="head" run={head} />
        </p>
      </header>
      <section class="panel compare-counts" aria-label="Counts">
        {COMPARE_SECTIONS.map(({ change, count, title, one }) => (
          <a
            key={change}
            class={`count change-${change}${counts[count] === 0 ? ' none' : ''}`}
            href={counts[count] ? `#${change}` : undefined}
          >
            <strong>{counts[count]}</strong> {(counts[count] === 1 && one ? one : title).toLowerCase()}
          </a>
        ))}
        <span class="count muted">
          <strong>{counts.unchanged}</strong> unchanged
        </span>
      </section>
      {sections.length === 0 && <p class="panel muted">Both runs have the same results.</p>}
      {sections.map((s) => (
        <section key={s.change} id={s.change} class={`panel compare-section change-${s.change}`}>
          <h2>
            {s.title} ({s.tests.length})
          </h2>
          <ul class="compared-tests">
            {s.tests.map((t) => (
              <ComparedTestRow key={t.name} test={t} base={base.uuid} head={head.uuid} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function RunLink({ label, run }: { label: string; run: ComparedRun }) {
  return (
    <span class="compared-run">
      <span class="muted">{label}</span> <Link href={sitePath(run.uuid)}>{comparedRunLabel(run)}</Link>
      {run.finished_at && <span class="muted small when"> {run.finished_at.slice(0, 16).replace('T', ' ')} UTC</span>}
    </span>
  );
}

function Side({ label, result, site, name }: { label: string; result: TestOnOneSide | null; site: string; name: string }) {
  if (!result) return <span class="side muted">not in {label}</span>;
  return (
    <span class="side">
      <Link href={sitePath(site, 'test', name)} title={`${name} in the ${label} run`}>
        {label}
      </Link>{' '}
      <StatusBadge status={result.status} /> <span class="muted small">{formatDuration(result.duration)}</span>
    </span>
  );
}

function ComparedTestRow({ test, base, head }: { test: ComparedTest; base: string; head: string }) {
  const change = test.change === 'slower' || test.change === 'faster' ? durationChange(test) : '';
  return (
    <li>
      <span class="test-name">
        <DottedName name={test.name} />
      </span>
      <span class="sides">
        <Side label="base" result={test.base} site={base} name={test.name} />
        <Side label="head" result={test.head} site={head} name={test.name} />
        {change && <span class="duration-change">{change}</span>}
      </span>
    </li>
  );
}
