import { useMemo, useState } from 'preact/hooks';
import type { RunData, TestRecord } from '../data/types';
import { filterByLevel, LOG_LEVELS, parseLogRecords, type LogLevel } from '../logic/log-levels';
import { sitePath } from '../../../src/ui/ui-routes';
import { EMPTY_TIMELINE_STATE, formatTimelineState } from '../logic/url-state';
import { Link } from '../router';
import { StatusBadge } from './status';
import { DottedName } from './dotted-name';
import { VerdictBadge } from './insight';
import { TestFacts } from './test-facts';
import { TracebackView } from './traceback-view';

const TAB_ORDER = ['traceback', 'reason', 'pythonlogging', 'stdout', 'stderr'];
const LIST_LIMIT = 200;

export function TestDetailsView({ site, run, name }: { site: string; run: RunData; name: string | null }) {
  const test = name ? run.tests.find((t) => t.name === name) : undefined;
  if (!test) return <TestPicker site={site} run={run} missing={name} />;
  return <TestDetails site={site} run={run} test={test} />;
}

function TestDetails({ site, run, test }: { site: string; run: RunData; test: TestRecord }) {
  const attachments = run.details[test.name] ?? {};
  const names = Object.keys(attachments).sort(
    (a, b) => (TAB_ORDER.indexOf(a) + 1 || 99) - (TAB_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b),
  );
  const [tab, setTab] = useState<string | null>(null);
  const active = tab && names.includes(tab) ? tab : names[0];
  const runStart = run.tests[0]?.start ?? test.start;

  return (
    <section class="panel test-details">
      <h2 class="test-name">
        <DottedName name={test.name} />
      </h2>
      <dl class="kv">
        <TestFacts test={test} runStart={runStart} />
        <dt>Tags</dt>
        <dd>{test.tags.length ? test.tags.join(', ') : '—'}</dd>
        {test.id !== test.name && (
          <>
            <dt>Test id</dt>
            <dd class="wrap">{test.id}</dd>
          </>
        )}
      </dl>
      {/* what the other runs said of this failure, once "Is it my change?" was asked on the summary */}
      {test.status === 'fail' && <VerdictBadge site={site} name={test.name} />}
      <p>
        <Link href={sitePath(site, 'timeline') + formatTimelineState({ ...EMPTY_TIMELINE_STATE, test: test.name })}>Show in timeline</Link>
      </p>
      {names.length === 0 ? (
        <p class="muted">No attachments were recorded for this test.</p>
      ) : (
        <>
          <div class="att-tabs" role="tablist">
            {names.map((n) => (
              <button
                type="button"
                role="tab"
                key={n}
                id={`tab-${n}`}
                aria-selected={n === active}
                class={n === active ? 'tab active' : 'tab'}
                onClick={() => setTab(n)}
              >
                {n}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-labelledby={`tab-${active}`}>
            {active === 'pythonlogging' ? (
              <LogView text={attachments[active]} />
            ) : active === 'traceback' ? (
              <TracebackView text={attachments[active]} testId={test.id} />
            ) : (
              <pre class="attachment">{attachments[active]}</pre>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function LogView({ text }: { text: string }) {
  const [level, setLevel] = useState<LogLevel>('DEBUG');
  const records = useMemo(() => parseLogRecords(text), [text]);
  const shown = filterByLevel(records, level);
  return (
    <>
      <div class="level-filter" role="radiogroup" aria-label="Minimum log level">
        {LOG_LEVELS.map((l) => (
          <label key={l} class={l === level ? 'chip on' : 'chip'}>
            <input type="radio" name="level" value={l} checked={l === level} onChange={() => setLevel(l)} />
            {l}
          </label>
        ))}
        <span class="muted">
          {shown.length} of {records.length} records
        </span>
      </div>
      <pre class="attachment log">
        {shown.map((r, i) => (
          <div key={i} class={`log-${(r.level ?? 'none').toLowerCase()}`}>
            {r.text}
          </div>
        ))}
      </pre>
    </>
  );
}

function TestPicker({ site, run, missing }: { site: string; run: RunData; missing: string | null }) {
  const [q, setQ] = useState('');
  const matches = useMemo(() => {
    const needle = q.toLowerCase();
    // One row per name: a class fixture that failed on four workers is one test to open.
    const byName = new Map<string, TestRecord>();
    for (const t of run.tests) if (t.name.toLowerCase().includes(needle) && !byName.has(t.name)) byName.set(t.name, t);
    return [...byName.values()].sort((a, b) => Number(b.status === 'fail') - Number(a.status === 'fail'));
  }, [q, run]);
  return (
    <section class="panel">
      {missing && <p class="alert">No test named {missing} in this run.</p>}
      <label for="test-search">Find a test</label>
      <input
        id="test-search"
        type="search"
        value={q}
        placeholder="part of a test name"
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
      />
      <ul class="test-list">
        {matches.slice(0, LIST_LIMIT).map((t) => (
          <li key={t.index}>
            <StatusBadge status={t.status} />{' '}
            <Link href={sitePath(site, 'test', t.name)}>
              <DottedName name={t.name} />
            </Link>
          </li>
        ))}
      </ul>
      {matches.length > LIST_LIMIT && <p class="muted">{matches.length - LIST_LIMIT} more; narrow the search.</p>}
    </section>
  );
}
