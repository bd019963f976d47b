import type { RunData } from '../data/types';
import { sitePath } from '../logic/routes';
import type { RunSummary } from '../logic/summary';
import { formatDuration } from '../logic/time';
import { formatTimelineState, EMPTY_TIMELINE_STATE } from '../logic/url-state';
import { Link } from '../router';
import { InsightPanel, VerdictBadge } from './insight';
import { StatusBadge } from './status';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function SummaryView({ site, run, summary }: { site: string; run: RunData; summary: RunSummary }) {
  const s = summary;
  const testHref = (name: string) => sitePath(site, 'test', name);
  const maxWorker = Math.max(1, ...s.workers.map((w) => w.testTime));
  if (run.tests.length === 0) {
    return (
      <section class="panel">
        <p>This run has no subunit results{run.console ? '; its console is under the Console tab.' : '.'}</p>
      </section>
    );
  }
  return (
    <div class="summary-grid">
      <section class="panel">
        <h2>Results</h2>
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
          <dt>Run time</dt>
          <dd>{formatDuration(s.runTime)}</dd>
          <dt>Started</dt>
          <dd>{s.start != null ? new Date(s.start).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—'}</dd>
          <dt>Workers</dt>
          <dd>{s.workers.filter((w) => w.worker !== null).length}</dd>
        </dl>
      </section>

      <section class="panel">
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
                <td class="num muted">{plural(w.count, 'test')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="panel wide">
        <h2>Failures ({s.failures.length})</h2>
        <InsightPanel site={site} failures={s.failures.length} />
        {s.failures.length === 0 ? (
          <p class="muted">No test failed.</p>
        ) : (
          <ul class="failures">
            {s.failures.map((f) => (
              <li key={f.name}>
                <Link href={testHref(f.name)}>{f.name}</Link> <span class="muted">{formatDuration(f.duration)}</span>
                <VerdictBadge site={site} name={f.name} />
                {f.tail && <pre class="tail">{f.tail}</pre>}
              </li>
            ))}
          </ul>
        )}
      </section>

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
                  <Link href={sitePath(site, 'timeline') + formatTimelineState({ ...EMPTY_TIMELINE_STATE, test: t.name })}>{t.name}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {s.skips.length > 0 && (
        <section class="panel wide">
          <h2>Skips ({s.skips.length})</h2>
          <ul class="skips">
            {s.skips.map((k) => (
              <li key={k.name}>
                <Link href={testHref(k.name)}>{k.name}</Link>
                {k.reason && <span class="reason"> — {k.reason}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
