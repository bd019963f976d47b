import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { hasEnded, sleep, waitForTasks } from '../api/poll';
import type { PurgedRun, ScrapeRequest, StatusResponse, TaskBody, TaskNotReady } from '../api/types';
import { takeEarlyTask } from '../data/early-reads';
import { runSourceFor } from '../data/source';
import type { RunData } from '../data/types';
import { goPath, siteSource, sitePath, type SiteSource, type ViewerPage } from '../../../src/ui/ui-routes';
import { retentionDays } from '../retention';
import { Link, navigate, useTitle } from '../router';
import { Viewer } from '../viewer/viewer';
import { ARTIFACTS_FIRST } from '../../../src/ui/artifacts-first';
import { preloadView } from '../viewer/views';
import { ErroredTask } from './errored-task';
import { count } from '../../../src/common/human-units';

const POLL_MS = 1000;

/** A run being read: the latest snapshot of it, who is shown each next one, and the whole run. */
interface RunLoad {
  latest: RunData | null;
  listeners: Set<(run: RunData) => void>;
  done: Promise<RunData>;
}

/** Runs by site, read or being read, so moving between viewer pages never refetches. */
const runs = new Map<string, RunLoad>();

/** Starts reading the site's run, what `page` needs first, unless it is read or being read already. */
function loadRun(site: string, source: SiteSource, page: ViewerPage, task?: TaskBody): RunLoad {
  const known = runs.get(site);
  if (known) return known;
  preloadView(page);
  const load: RunLoad = { latest: null, listeners: new Set(), done: Promise.resolve(null as unknown as RunData) };
  const publish = (run: RunData) => {
    // What the page opened needs is read (bench/ui-render.ts times the render from here).
    if (!load.latest) performance.mark('run-loaded');
    load.latest = run;
    load.listeners.forEach((l) => l(run));
  };
  load.done = runSourceFor(source, task).load({ first: ARTIFACTS_FIRST[page], onUpdate: publish });
  load.done.then(publish, () => runs.delete(site));
  runs.set(site, load);
  return load;
}

type State =
  | { kind: 'waiting'; status: StatusResponse | null }
  /** The scrape ended in error (`task`: what /task says of it, when it answered), or the run could not be read. */
  | { kind: 'failed'; scrapeFailed: boolean; message: string; task: TaskBody | null }
  /** No such task: never made here, or purged after RETENTION_DAYS. */
  | { kind: 'missing' }
  | { kind: 'loading' }
  | { kind: 'ready'; run: RunData };

export function SitePage({ site, page, test, search }: { site: string; page: ViewerPage; test: string | null; search: string }) {
  const source = siteSource(site);
  const [state, setState] = useState<State>({ kind: source?.kind === 'task' ? 'waiting' : 'loading', status: null } as State);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!source) return;
    let cancelled = false;
    const ctrl = new AbortController();
    const show = (run: RunData) => !cancelled && setState({ kind: 'ready', run });
    let stopShowing = () => {};

    async function showRun(task?: TaskBody) {
      setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
      const load = loadRun(site, source!, page, task);
      load.listeners.add(show);
      stopShowing = () => load.listeners.delete(show);
      if (load.latest) show(load.latest);
      try {
        await load.done;
      } catch (e) {
        if (!cancelled)
          setState(isNotFound(e) ? { kind: 'missing' } : { kind: 'failed', scrapeFailed: false, message: describe(e), task: null });
      }
    }

    /** Polls a task not ended yet; `first`, its /task answer, stands for the first round. */
    async function poll(first: TaskNotReady | null) {
      const uuid = (source as { uuid: string }).uuid;
      let status: StatusResponse;
      if (first) {
        // its message is /task's "not ready yet", no stage: what /status says comes a round later
        setState({ kind: 'waiting', status: { ...first, message: null, stage: null, artifacts_found: [], warnings: [] } });
        await sleep(POLL_MS, ctrl.signal);
        if (cancelled) return;
      }
      try {
        const latest = await waitForTasks([uuid], {
          signal: ctrl.signal,
          intervalMs: POLL_MS,
          onRound: (l) => !hasEnded(l[uuid]) && setState({ kind: 'waiting', status: l[uuid] }),
        });
        if (cancelled) return;
        status = latest[uuid];
      } catch (e) {
        if (!cancelled)
          setState(isNotFound(e) ? { kind: 'missing' } : { kind: 'failed', scrapeFailed: false, message: describe(e), task: null });
        return;
      }
      if (status.status === 'finished') return showRun();
      const task = await api
        .task(uuid)
        .then((t) => (t.ready ? t.task : null))
        .catch(() => null);
      if (!cancelled) scrapeFailed(status.message, task);
    }

    const scrapeFailed = (message: string | null, task: TaskBody | null) =>
      setState({ kind: 'failed', scrapeFailed: true, message: message ?? 'The scrape failed.', task });

    /**
     * A task that has ended (what a shared link mostly opens) answers /task at once, its error
     * included: no /status round trip first. Only a task still queued or running is polled, its
     * /task answer the first round.
     */
    async function open() {
      const uuid = (source as { uuid: string }).uuid;
      const answer = await (takeEarlyTask(uuid) ?? api.task(uuid, ctrl.signal)).catch(() => null);
      if (cancelled) return;
      if (!answer?.ready) return poll(answer?.task ?? null);
      if (answer.task.scrape_status === 'error') return scrapeFailed(answer.task.message, answer.task);
      return showRun(answer.task);
    }

    if (runs.has(site) || source.kind === 'folder') void showRun();
    else void open();
    return () => {
      cancelled = true;
      ctrl.abort();
      stopShowing();
    };
  }, [site, attempt]);

  // the viewer and an errored task's page title themselves, with the run's name
  const titled = state.kind === 'ready' || (state.kind === 'failed' && state.scrapeFailed && state.task !== null);
  useTitle(titled ? null : [source ? pageTitle(state) : 'Unknown site']);

  if (!source) {
    return (
      <section class="panel">
        <h1>Unknown site</h1>
        <p>
          <code>{site}</code> is not the id of a run. <Link href="/">Start from a change or a log URL.</Link>
        </p>
      </section>
    );
  }

  if (state.kind === 'ready') return <Viewer site={site} run={state.run} page={page} test={test} search={search} />;

  if (state.kind === 'missing') {
    const days = retentionDays();
    return (
      <section class="panel progress missing">
        <h1>This run is not here</h1>
        <p>
          There is no site <code>{site}</code>. Runs are kept for {days ? count(days, 'day') : 'a few days'} after they are scraped, so this
          one may have been purged since the link was made.
        </p>
        {source.kind === 'task' ? <PurgedRunOffer uuid={source.uuid} /> : <StartAgain />}
      </section>
    );
  }

  if (state.kind === 'failed') {
    const retry = async () => {
      if (state.task) {
        try {
          const { uuid } = await api.scrape(scrapeRequestOf(state.task));
          navigate(sitePath(uuid));
          return;
        } catch (e) {
          setState({ ...state, task: null, message: describe(e) });
          return;
        }
      }
      setAttempt((n) => n + 1);
    };
    if (state.scrapeFailed && state.task) return <ErroredTask task={state.task} onRetry={() => void retry()} />;
    return (
      <section class="panel progress">
        {/* The scrape itself failed, or only this page's requests did (the service, or the network, was away). */}
        <h1>{state.scrapeFailed ? 'This site could not be generated' : 'This run could not be loaded'}</h1>
        <div class="alert" role="alert">
          {state.message}
        </div>
        <button type="button" onClick={() => void retry()}>
          Retry
        </button>
      </section>
    );
  }

  const status = state.kind === 'waiting' ? state.status : null;
  return (
    <section class="panel progress" aria-busy="true">
      <h1>{state.kind === 'loading' ? 'Loading the run…' : status?.status === 'running' ? 'Scraping the job’s logs…' : 'Queued…'}</h1>
      <div class="spinner" aria-hidden="true" />
      <dl class="kv">
        <dt>Status</dt>
        <dd>{status?.status ?? (state.kind === 'loading' ? 'finished' : 'checking')}</dd>
        <dt>Stage</dt>
        <dd>{status?.stage ?? status?.message ?? '—'}</dd>
        <dt>Artifacts found</dt>
        <dd>{status?.artifacts_found?.length ? status.artifacts_found.join(', ') : '—'}</dd>
      </dl>
    </section>
  );
}

function StartAgain() {
  return (
    <p>
      <Link href="/">Start again from the change or the job’s log URL</Link> to generate it anew.
    </p>
  );
}

/** A purged task whose failures are still known: its log URL, to generate the run again (`/go/<log URL>`). */
function PurgedRunOffer({ uuid }: { uuid: string }) {
  const [run, setRun] = useState<PurgedRun | null | undefined>(undefined);
  useEffect(() => {
    const ctrl = new AbortController();
    api.purgedRun(uuid, ctrl.signal).then(setRun, () => !ctrl.signal.aborted && setRun(null));
    return () => ctrl.abort();
  }, [uuid]);
  if (!run) return <StartAgain />;
  const change = run.change === null ? run.pipeline : `change ${run.change}, patch set ${run.patchset}`;
  return (
    <p>
      It was {run.job} ({change}), whose logs were at <code>{run.log_url}</code>.{' '}
      <Link href={goPath(run.log_url)}>Generate it again from its log URL</Link>.
    </p>
  );
}

/** The errored task's Entry, to scrape its build again (a new task: an errored one gives its URL back). */
function scrapeRequestOf(task: TaskBody): ScrapeRequest {
  const {
    id: _id,
    artifacts: _artifacts,
    message: _message,
    warnings: _warnings,
    scope: _scope,
    scrape_status: _s,
    retryable: _r,
    ...entry
  } = task;
  return entry;
}

const isNotFound = (e: unknown) => e instanceof ApiError && e.notFound;
const describe = (e: unknown) => (e instanceof ApiError ? e.described : (e as Error).message);

function pageTitle(state: State): string {
  switch (state.kind) {
    case 'missing':
      return 'Run not found';
    case 'failed':
      return state.scrapeFailed ? 'Could not be generated' : 'Could not be loaded';
    case 'loading':
      return 'Loading…';
    default:
      return state.kind === 'waiting' && state.status?.status === 'running' ? 'Scraping…' : 'Queued…';
  }
}
