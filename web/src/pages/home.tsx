import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Entry, ListResponse, RecentRun } from '../api/types';
import { linkBases } from '../link-bases';
import {
  changeLabel,
  entryKey,
  gerritLink,
  groupByPipeline,
  listHeading,
  resultClass,
  runContext,
  thirdPartyCi,
  zuulBuildLink,
} from '../logic/results';
import { goPath, HELP_PATH, sitePath } from '../../../src/ui/ui-routes';
import { formatAgo, formatDuration } from '../logic/time';
import { Link, navigate, useTitle } from '../router';
import { StartedJobs, type Started } from './started-jobs';
import { LIST_ONLY } from '../logic/list-only';

/**
 * The sites "Generate" started ride on the `/go/` history entry, so coming Back from one of them (or
 * reloading) shows the same status table, and the way to the others, instead of a bare job list.
 */
function startedIn(state: unknown): Started[] | null {
  const started = (state as { started?: unknown } | null)?.started;
  return Array.isArray(started) ? (started as Started[]) : null;
}

function rememberStarted(started: Started[]): void {
  history.replaceState({ ...(history.state as object | null), ...LIST_ONLY, started }, '');
}

/** Queries shown as clickable examples on the home page. */
const CLICKABLE_EXAMPLES = [
  { label: 'a change number', query: '123456' },
  { label: 'a Gerrit URL', query: 'https://review.opendev.org/c/openstack/nova/+/123456/3' },
  { label: 'a Zuul buildset', query: 'https://zuul.opendev.org/t/openstack/buildset/338114acf62841f48d37862efc29cb87' },
];
const RECENT_SHOWN = 20;

const EXAMPLES = [
  '271726',
  '271726,2',
  'https://review.opendev.org/c/openstack/nova/+/123456/3',
  'https://review.openstack.org/#/c/271726/2',
  'https://zuul.opendev.org/t/openstack/build/e09e82136d714711a5d01051bc633e65',
  'https://zuul.opendev.org/t/openstack/buildset/338114acf62841f48d37862efc29cb87',
  'http://logs.openstack.org/26/271726/2/gate/gate-stackviz-python27/937cf7b/',
];

function useRotatingExample(): string {
  const [i, setI] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setI((n) => (n + 1) % EXAMPLES.length), 3500);
    return () => clearInterval(t);
  }, []);
  return EXAMPLES[i];
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'listing' }
  | { kind: 'listed'; list: ListResponse; q: string }
  | { kind: 'error'; message: string; statusCode: number };

function errorOf(e: unknown): { message: string; statusCode: number } {
  return e instanceof ApiError ? { message: e.message, statusCode: e.statusCode } : { message: String(e), statusCode: 0 };
}

export function HomePage({ initialQuery, autoStart }: { initialQuery: string; autoStart: boolean }) {
  const [query, setQuery] = useState(initialQuery);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  /** Every run of the change (rechecks, retried attempts, earlier patch sets), not only each job's latest. */
  const [everyRun, setEveryRun] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [started, setStarted] = useState<Started[] | null>(() => startedIn(history.state));
  const [busy, setBusy] = useState(false);
  const example = useRotatingExample();
  const input = useRef<HTMLInputElement>(null);
  const listedHeading = phase.kind === 'listed' ? listHeading(phase.list) : null;
  useTitle(
    initialQuery
      ? [
          listedHeading
            ? changeLabel({ change_project: listedHeading.project, change_id: listedHeading.change, revision: listedHeading.patchSet })
            : initialQuery,
        ]
      : ['on-demand views of OpenStack CI runs'],
  );

  async function startScrapes(entries: Entry[], single: boolean) {
    setBusy(true);
    const outcome = await Promise.all(
      entries.map(async (entry): Promise<Started> => {
        const { url } = entry;
        if (url === null) return { entry, error: entry.unscrapable_reason ?? 'this job left no logs' };
        try {
          return { entry, uuid: (await api.scrape({ ...entry, url })).uuid };
        } catch (e) {
          return { entry, error: errorOf(e).message };
        }
      }),
    );
    setBusy(false);
    if (single && outcome.length === 1 && outcome[0].uuid) {
      navigate(sitePath(outcome[0].uuid), { replace: autoStart });
      return;
    }
    rememberStarted(outcome);
    setStarted(outcome);
  }

  async function search(q: string, startSingle: boolean, history = everyRun) {
    if (!q.trim()) return;
    setPhase({ kind: 'listing' });
    try {
      const list = await api.list(q.trim(), undefined, history);
      const { results } = list;
      setPhase({ kind: 'listed', list, q });
      // Only a job /scrape takes can be picked, so one unscrapable job is shown, not started.
      const single = results.length === 1 && results[0].scrapable;
      setSelected(new Set(single ? [entryKey(results[0])] : []));
      if (startSingle && single) await startScrapes(results, true);
    } catch (e) {
      setPhase({ kind: 'error', ...errorOf(e) });
    }
  }

  useEffect(() => {
    if (initialQuery) void search(initialQuery, autoStart);
    else input.current?.focus();
  }, []);

  /** A typed query becomes a history entry `/go/<query>`: reload, Back and sharing work. */
  const submit = (q: string) => {
    if (!q.trim()) return;
    if (q.trim() === initialQuery) {
      history.replaceState({ ...(history.state as object | null), started: null }, '');
      setStarted(null);
      void search(q, false);
    } else navigate(goPath(q.trim()), { state: LIST_ONLY });
  };

  const results = phase.kind === 'listed' ? phase.list.results : [];
  const groups = useMemo(() => groupByPipeline(results), [results]);
  const scrapable = results.filter((e) => e.scrapable);
  const chosen = scrapable.filter((e) => selected.has(entryKey(e)));

  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };

  return (
    <section class="home">
      <form
        class="paste"
        onSubmit={(e) => {
          e.preventDefault();
          submit(query);
        }}
      >
        <label for="q">Change number, Gerrit URL, Zuul build or buildset URL, or log URL</label>
        <div class="paste-row">
          <input
            id="q"
            ref={input}
            name="q"
            type="text"
            autocomplete="off"
            spellcheck={false}
            placeholder={example}
            value={query}
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={phase.kind === 'listing' || !query.trim()}>
            Find jobs
          </button>
        </div>
      </form>

      <div class="home-body" aria-live="polite">
        {phase.kind === 'idle' && !initialQuery && <Intro />}
        {phase.kind === 'listing' && <p class="muted">Looking up jobs…</p>}
        {phase.kind === 'error' && (
          <div class="alert" role="alert">
            <strong>{phase.statusCode ? `${phase.statusCode} ` : ''}</strong>
            {phase.message}
            {phase.statusCode === 400 && (
              <>
                {' '}
                <Link href={HELP_PATH} class="help-link">
                  Everything you can paste
                </Link>
              </>
            )}
          </div>
        )}
        {listedHeading && (
          <p class="change-heading">
            <strong>
              {listedHeading.project ?? 'change'} {listedHeading.change}
              {listedHeading.patchSet !== null && `, patch set ${listedHeading.patchSet}`}
              {listedHeading.branch && <span class="branch"> on {listedHeading.branch}</span>}
            </strong>
            {listedHeading.subject && <span class="muted"> — {listedHeading.subject}</span>}
          </p>
        )}
        {/* Why there is nothing to list, or why a newer patch set than the one listed has nothing. */}
        {phase.kind === 'listed' && phase.list.message && (
          <p class="notice list-message" role="status">
            {phase.list.message}
            {/* A patch set with nothing to list is not a dead end: the change's runs are a click away. */}
            {results.length === 0 && phase.list.change_id != null && query.trim() !== String(phase.list.change_id) && (
              <>
                {' '}
                <Link href={goPath(String(phase.list.change_id))} class="change-runs-link">
                  Show the change's newest patch set with CI results
                </Link>
              </>
            )}
          </p>
        )}
        {phase.kind === 'listed' && results.length === 0 && !phase.list.message && (
          <p class="muted">No CI jobs were found for this query.</p>
        )}
        {phase.kind === 'listed' && (everyRun || results.some((e) => e.change_id !== null)) && (
          <p class="every-run">
            <input
              id="every-run"
              type="checkbox"
              checked={everyRun}
              onChange={(e) => {
                const every = (e.target as HTMLInputElement).checked;
                setEveryRun(every);
                void search(phase.q, false, every);
              }}
            />{' '}
            <label for="every-run">Every run of the change: rechecks, retried attempts and earlier patch sets</label>
          </p>
        )}
        {phase.kind === 'listed' && results.length > 0 && (
          <>
            {groups.map((g) => (
              <fieldset class="pipeline" key={g.pipeline}>
                <legend>
                  {g.pipeline} <span class="muted">({g.entries.length})</span>
                </legend>
                <ul class="jobs">
                  {g.entries.map((e) => (
                    <JobRow key={entryKey(e)} entry={e} checked={selected.has(entryKey(e))} onToggle={() => toggle(entryKey(e))} />
                  ))}
                </ul>
              </fieldset>
            ))}
            <div class="generate">
              <button type="button" disabled={chosen.length === 0 || busy} onClick={() => void startScrapes(chosen, chosen.length === 1)}>
                {busy ? 'Starting…' : chosen.length > 1 ? `Generate ${chosen.length} sites` : 'Generate'}
              </button>
              <span class="muted">
                {chosen.length} of {scrapable.length} selected
              </span>
            </div>
          </>
        )}
        {/* after the list, so coming Back scrolls to the table once the jobs above it are in */}
        {started && <StartedJobs started={started} />}
      </div>
    </section>
  );
}

export function JobRow({ entry, checked, onToggle }: { entry: Entry; checked: boolean; onToggle: () => void }) {
  const bases = linkBases();
  const gerrit = gerritLink(entry, bases);
  const zuul = zuulBuildLink(entry, bases);
  const id = `job-${entryKey(entry).replace(/[^a-z0-9]/gi, '-')}`;
  // What went wrong (Zuul's error detail) and why the job cannot be picked, under its name.
  const why = (
    <>
      {entry.error_detail && <small class="why error-detail">{entry.error_detail}</small>}
      {!entry.scrapable && <small class="why">{entry.unscrapable_reason ?? 'it cannot be scraped'}</small>}
    </>
  );
  return (
    <li class={entry.scrapable ? 'job' : 'job unscrapable'}>
      {entry.scrapable ? (
        <input type="checkbox" id={id} checked={checked} onChange={onToggle} />
      ) : (
        <span class="no-box" aria-hidden="true" />
      )}
      {entry.scrapable ? (
        <label for={id} class="job-name">
          {entry.name}
          {why}
        </label>
      ) : (
        <span class="job-name">
          {entry.name}
          {why}
        </span>
      )}
      <span class={`result ${resultClass(entry.status)}`}>{entry.status ?? 'no result'}</span>
      <span class="job-meta">
        {/* one cell of the row's grid, however many there are */}
        <span class="badges">
          {entry.latest === false && <span class="badge">{entry.retried ? 'retried' : 'earlier run'}</span>}
          {entry.voting === false && <span class="badge">non-voting</span>}
          {thirdPartyCi(entry) && <span class="badge">{thirdPartyCi(entry)}</span>}
        </span>
        <span class="muted dur">{formatDuration(entry.duration)}</span>
        <span class="links">
          {gerrit && (
            <a href={gerrit} target="_blank" rel="noreferrer">
              {entry.change_id}
              {entry.revision != null ? `,${entry.revision}` : ''}
            </a>
          )}
          {zuul && (
            <a href={zuul} target="_blank" rel="noreferrer">
              build
            </a>
          )}
          {entry.url && (
            <a href={entry.url} target="_blank" rel="noreferrer">
              logs
            </a>
          )}
        </span>
      </span>
    </li>
  );
}

/** What the tool is for, queries to try, and the runs viewed here lately. */
function Intro() {
  const [recent, setRecent] = useState<RecentRun[] | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api
      .recent(RECENT_SHOWN, ctrl.signal)
      .then((r) => setRecent(r.runs))
      .catch(() => setRecent([]));
    return () => ctrl.abort();
  }, []);
  return (
    <div class="intro">
      <p class="pitch">
        See why a CI job failed: its failures grouped by cause, every test on a timeline with the machine's load, and its console at the
        first error.
      </p>
      <p class="examples">
        Try{' '}
        {CLICKABLE_EXAMPLES.map((ex, i) => (
          <span key={ex.query}>
            {i > 0 && (i === CLICKABLE_EXAMPLES.length - 1 ? ' or ' : ', ')}
            <a
              href={goPath(ex.query)}
              onClick={(e) => {
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                navigate(goPath(ex.query), { state: LIST_ONLY });
              }}
            >
              {ex.label}
            </a>
          </span>
        ))}
        .
      </p>
      {recent && recent.length > 0 && (
        <section class="recent">
          <h2>Recently viewed here</h2>
          <ul class="recent-runs">
            {recent.map((r) => (
              <li key={r.uuid}>
                <Link href={sitePath(r.uuid)} class="recent-name">
                  {r.name ?? 'log folder'}
                </Link>
                {runContext(r) && <span class="muted run-context">{runContext(r)}</span>}
                {r.ci_status && <span class={`result ${resultClass(r.ci_status)}`}>{r.ci_status}</span>}
                {r.status !== 'finished' && <span class={`task-state ts-${r.status}`}>{r.status}</span>}
                <span class="muted ago">{formatAgo(r.created_at)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
