import { useEffect, useRef, useState } from 'preact/hooks';
import { count } from '../../../src/common/human-units';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, ApiError, messageOf } from '../api/client';
import type { FailureDetail } from '../api/types';
import { FAILURES_PATH, sitePath } from '../../../src/ui/ui-routes';
import { Link, useTitle } from '../router';
import { LabelledInput } from './labelled-input';
import type { FailureDay, FailureOccurrence, NameCount } from '../../../src/api-shapes';

type Loaded = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; message: string } | { kind: 'ready'; detail: FailureDetail };

/** `/f/<signature id>`: one failure cause, how often and where it was seen, its example and bug. */
export function FailurePage({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [reload, setReload] = useState(0);
  useTitle([loaded.kind === 'ready' ? loaded.detail.signature.split('\n')[0].slice(0, 80) : 'Failure', 'Failures']);

  useEffect(() => {
    const ctrl = new AbortController();
    api.failure(id, ctrl.signal).then(
      (detail) => setLoaded({ kind: 'ready', detail }),
      (e) => {
        if (ctrl.signal.aborted) return;
        setLoaded(e instanceof ApiError && e.notFound ? { kind: 'missing' } : { kind: 'failed', message: messageOf(e) });
      },
    );
    return () => ctrl.abort();
  }, [id, reload]);

  if (loaded.kind === 'loading') return <p class="panel muted">Loading…</p>;
  if (loaded.kind === 'missing' || loaded.kind === 'failed') {
    return (
      <section class="panel">
        <h1>{loaded.kind === 'missing' ? 'No such failure here' : 'This failure could not be loaded'}</h1>
        <p>{loaded.kind === 'missing' ? `No occurrence of failure ${id} is kept.` : loaded.message}</p>
        <p>
          <Link href={FAILURES_PATH}>See what is failing most</Link>
        </p>
      </section>
    );
  }
  const d = loaded.detail;
  const widest = Math.max(...Object.keys(d.counts).map(Number));
  const seenInWindow = (d.counts[String(widest) as keyof typeof d.counts]?.occurrences ?? 0) > 0;
  return (
    <section class="panel failure-detail">
      <p class="small">
        <Link href={FAILURES_PATH}>What is failing most</Link>
      </p>
      <h1>Failure cause</h1>
      <pre class="signature">{d.signature}</pre>
      <p>Bug: {d.bug ? <a href={d.bug.url}>{d.bug.title}</a> : <span class="muted">none linked</span>}</p>
      <table class="counts-table">
        <caption>Seen in the last…</caption>
        <thead>
          <tr>
            <th scope="col">Days</th>
            <th scope="col" class="num">
              Failures
            </th>
            <th scope="col" class="num">
              Changes
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(d.counts).map(([days, c]) => (
            <tr key={days}>
              <th scope="row">{count(Number(days), 'day')}</th>
              <td class="num">{c!.occurrences}</td>
              <td class="num">{c!.changes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {seenInWindow ? null : (
        <p class="alert">
          None of this cause’s failures kept here ended in the last {count(widest, 'day')}: the runs it was recorded from ended earlier (a
          failure counts on the day its build ended).
        </p>
      )}
      <h2>Per day</h2>
      <DayBars days={d.by_day} />
      <div class="failure-names">
        <Names title="Tests" names={d.tests} empty={seenInWindow ? 'Outside the tests (a job-level failure)' : 'None in this window'} />
        <Names title="Jobs" names={d.jobs} />
        <Names title="Projects" names={d.projects} />
      </div>
      <h2>Latest</h2>
      <Latest occurrences={d.latest} />
      {d.example && (
        <>
          <h2>Example</h2>
          <p class="small muted">
            {d.example.test ?? 'The failed console step'}
            {d.example.task && (
              <>
                {' '}
                in <Link href={sitePath(d.example.task)}>its run</Link>
              </>
            )}
          </p>
          <pre class="traceback">{d.example.traceback}</pre>
        </>
      )}
      <BugRuleForm signature={d.signature} onLinked={() => setReload((n) => n + 1)} />
    </section>
  );
}

function Names({ title, names, empty = 'None' }: { title: string; names: NameCount[]; empty?: string }) {
  return (
    <div>
      <h2>{title}</h2>
      {names.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="name-counts">
          {names.map((n) => (
            <li key={n.name}>
              <span class="num">{n.n}×</span> <code>{n.name}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Latest({ occurrences }: { occurrences: FailureOccurrence[] }) {
  return (
    <div class="table-scroll">
      <table class="failure-table">
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Change</th>
            <th scope="col">Job</th>
            <th scope="col" class="names-col">
              Test
            </th>
            <th scope="col">Run</th>
          </tr>
        </thead>
        <tbody>
          {occurrences.map((o, i) => (
            <tr key={i}>
              <td class="small">{o.finished_at.slice(0, 16).replace('T', ' ')}</td>
              <td>
                {o.change === null ? <span class="muted">{o.pipeline ?? 'none'}</span> : `${o.change},${o.patchset} (${o.pipeline ?? '?'})`}
              </td>
              <td>{o.job}</td>
              <td class="small names-col">{o.test ?? <span class="muted">outside the tests</span>}</td>
              <td>{o.task ? <Link href={sitePath(o.task)}>site</Link> : <a href={o.log_url}>logs</a>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A bar per day (uPlot): how many failures the cause had. */
function DayBars({ days }: { days: FailureDay[] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const xs = days.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.min(720, host.current!.clientWidth || 320),
        height: 160,
        legend: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [{}, { size: 40 }],
        series: [
          {},
          { label: 'failures', fill: '#c0392b', stroke: '#c0392b', paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } },
        ],
      },
      [xs, days.map((d) => d.occurrences)],
      host.current!,
    );
    return () => plot.destroy();
  }, [days]);
  const total = days.reduce((n, d) => n + d.occurrences, 0);
  return <div class="day-bars" ref={host} role="img" aria-label={`${total} failures over the last ${days.length} days, a bar per day`} />;
}

/** Linking a bug needs the admin token, typed here and kept in this form's memory only (never a URL or storage). */
function BugRuleForm({ signature, onLinked }: { signature: string; onLinked: () => void }) {
  const [token, setToken] = useState('');
  const [pattern, setPattern] = useState(signature.split('\n')[0]);
  const [bugUrl, setBugUrl] = useState('');
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // folded: linking a bug takes the operator's admin token, and most readers have none
  return (
    <details class="bug-rule-fold">
      <summary>Link a bug (needs the service’s admin token)</summary>
      <form
        class="bug-rule"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          api.addFailureRule(token, { pattern, bug_url: bugUrl, title }).then(
            () => {
              setMessage('Linked.');
              onLinked();
            },
            (err) => setMessage(messageOf(err)),
          );
        }}
      >
        <p class="small muted">A rule links every cause whose text contains the pattern (or matches a /regex/) to the bug.</p>
        <LabelledInput id="rule-token" label="Admin token" type="password" autocomplete="off" value={token} onValue={setToken} />
        <LabelledInput id="rule-pattern" label="Pattern" value={pattern} onValue={setPattern} />
        <LabelledInput
          id="rule-bug-url"
          label="Bug URL"
          type="url"
          value={bugUrl}
          placeholder="https://bugs.launchpad.net/nova/+bug/…"
          onValue={setBugUrl}
        />
        <LabelledInput id="rule-title" label="Title" value={title} onValue={setTitle} />
        <button type="submit" disabled={token === '' || bugUrl === '' || title === ''}>
          Link the bug
        </button>
        {message && (
          <p role="status" class="small">
            {message}
          </p>
        )}
      </form>
    </details>
  );
}
