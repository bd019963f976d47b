import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Entry } from '../api/types';
import { linkBases } from '../link-bases';
import { changeHeading, entryKey, gerritLink, groupByPipeline, resultClass, thirdPartyCi, zuulBuildLink } from '../logic/results';
import { sitePath } from '../logic/routes';
import { formatDuration } from '../logic/time';
import { Link, navigate } from '../router';

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
  | { kind: 'listed'; results: Entry[]; message?: string }
  | { kind: 'error'; message: string; statusCode: number };

interface Started {
  entry: Entry;
  uuid?: string;
  error?: string;
}

function errorOf(e: unknown): { message: string; statusCode: number } {
  return e instanceof ApiError ? { message: e.message, statusCode: e.statusCode } : { message: String(e), statusCode: 0 };
}

export function HomePage({ initialQuery, autoStart }: { initialQuery: string; autoStart: boolean }) {
  const [query, setQuery] = useState(initialQuery);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [started, setStarted] = useState<Started[] | null>(null);
  const [busy, setBusy] = useState(false);
  const example = useRotatingExample();
  const input = useRef<HTMLInputElement>(null);

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
    setStarted(outcome);
  }

  async function search(q: string, startSingle: boolean) {
    if (!q.trim()) return;
    setPhase({ kind: 'listing' });
    setStarted(null);
    try {
      const { results, message } = await api.list(q.trim());
      setPhase({ kind: 'listed', results, message });
      // Only a job /scrape takes can be picked, so one unscrapable job is shown, not started.
      const single = results.length === 1 && results[0].scrapable;
      setSelected(new Set(single ? [entryKey(results[0])] : []));
      if (startSingle && single) await startScrapes(results, true);
    } catch (e) {
      setPhase({ kind: 'error', ...errorOf(e) });
    }
  }

  useEffect(() => {
    if (autoStart && initialQuery) void search(initialQuery, true);
    else input.current?.focus();
  }, []);

  const results = phase.kind === 'listed' ? phase.results : [];
  const groups = useMemo(() => groupByPipeline(results), [results]);
  const heading = useMemo(() => changeHeading(results), [results]);
  const chosen = results.filter((e) => selected.has(entryKey(e)));

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
          void search(query, false);
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
        {phase.kind === 'listing' && <p class="muted">Looking up jobs…</p>}
        {phase.kind === 'error' && (
          <div class="alert" role="alert">
            <strong>{phase.statusCode ? `${phase.statusCode} ` : ''}</strong>
            {phase.message}
          </div>
        )}
        {phase.kind === 'listed' && results.length === 0 && (
          <p class="muted">
            No CI jobs were found for this query.{phase.message && <span class="list-message"> Zuul says: {phase.message}</span>}
          </p>
        )}
        {phase.kind === 'listed' && results.length > 0 && (
          <>
            {heading && (
              <p class="change-heading">
                <strong>
                  {heading.project ?? 'change'} {heading.change}
                  {heading.patchSet !== null && `, patch set ${heading.patchSet}`}
                </strong>
                {heading.subject && <span class="muted"> — {heading.subject}</span>}
              </p>
            )}
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
              <span class="muted">{chosen.length} of {results.length} selected</span>
            </div>
          </>
        )}
        {started && (
          <ul class="started">
            {started.map((s) => (
              <li key={entryKey(s.entry)}>
                {s.uuid ? <Link href={sitePath(s.uuid)}>{s.entry.name}</Link> : <span>{s.entry.name}</span>}
                {s.error && <span class="alert inline"> {s.error}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function JobRow({ entry, checked, onToggle }: { entry: Entry; checked: boolean; onToggle: () => void }) {
  const bases = linkBases();
  const gerrit = gerritLink(entry, bases);
  const zuul = zuulBuildLink(entry, bases);
  const id = `job-${entryKey(entry).replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <li class={entry.scrapable ? 'job' : 'job unscrapable'}>
      <input type="checkbox" id={id} checked={checked} disabled={!entry.scrapable} onChange={onToggle} />
      <label for={id} class="job-name">
        {entry.name}
        {entry.error_detail && <small class="why">{entry.error_detail}</small>}
        {!entry.scrapable && <small class="why">{entry.unscrapable_reason}</small>}
      </label>
      <span class={`result ${resultClass(entry.status)}`}>{entry.status ?? 'no result'}</span>
      {entry.voting === false && <span class="badge">non-voting</span>}
      {thirdPartyCi(entry) && <span class="badge">{thirdPartyCi(entry)}</span>}
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
    </li>
  );
}
