import { useState } from 'preact/hooks';
import { api, messageOf } from '../api/client';
import type { Entry } from '../api/types';
import type { RunMeta } from '../data/types';
import { listedRunToCompare, otherRunsOfJob, pastedRun, runLabel } from '../logic/compare';
import { comparePath, siteSource } from '../../../src/ui/ui-routes';
import { navigate } from '../router';

type Runs = { kind: 'closed' } | { kind: 'loading' } | { kind: 'ready'; entries: Entry[] } | { kind: 'failed'; message: string };

/**
 * "Compare with…": this job's other runs on the change (every patch set and recheck), or any run
 * pasted as a site link, a task uuid, a Zuul build page or a log URL (those two looked up with
 * /list). The chosen run is the base, this one the head; a run not scraped yet is scraped first,
 * and the compare page waits for it.
 */
export function CompareWith({ site, meta }: { site: string; meta: RunMeta }) {
  const source = siteSource(site);
  const [runs, setRuns] = useState<Runs>({ kind: 'closed' });
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [lookingUp, setLookingUp] = useState(false);
  if (source?.kind !== 'task') return null;
  const head = source.uuid;

  async function load() {
    if (runs.kind !== 'closed' || meta.change_id == null) return;
    setRuns({ kind: 'loading' });
    try {
      setRuns({ kind: 'ready', entries: otherRunsOfJob(await api.history(String(meta.change_id)), meta.name, meta.url) });
    } catch (e) {
      setRuns({ kind: 'failed', message: messageOf(e) });
    }
  }

  function compareWith(base: string) {
    if (base === head) setProblem('That is this run.');
    else navigate(comparePath(base, head));
  }

  async function choose(entry: Entry) {
    try {
      compareWith((await api.scrape({ ...entry, url: entry.url! })).uuid);
    } catch (e) {
      setProblem(messageOf(e));
    }
  }

  async function comparePasted(e: Event) {
    e.preventDefault();
    const run = pastedRun(pasted);
    setProblem(null);
    if (!run) return setProblem("Paste another run's link: its page here, its Zuul build page or its logs.");
    if (run.kind === 'task') return compareWith(run.uuid);
    setLookingUp(true);
    try {
      const { results, message } = await api.list(run.q);
      const chosen = listedRunToCompare(results, meta, message);
      if ('problem' in chosen) setProblem(chosen.problem);
      else await choose(chosen.entry);
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setLookingUp(false);
    }
  }

  return (
    <details class="compare-with" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && void load()}>
      <summary>Compare with…</summary>
      <div class="compare-with-body">
        {meta.change_id != null && (
          <p class="muted small">
            Other runs of {meta.name ?? 'this job'} on change {String(meta.change_id)}:
          </p>
        )}
        {runs.kind === 'loading' && <p class="muted">Looking up the change’s runs…</p>}
        {runs.kind === 'failed' && <div class="alert">{runs.message}</div>}
        {runs.kind === 'ready' && runs.entries.length === 0 && <p class="muted">No other run of this job on the change.</p>}
        {runs.kind === 'ready' && runs.entries.length > 0 && (
          <ul class="other-runs">
            {runs.entries.map((e) => (
              <li key={e.url}>
                <button type="button" class="link-button" onClick={() => void choose(e)}>
                  {runLabel(e)}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="paste-row" onSubmit={(e) => void comparePasted(e)}>
          <input
            type="text"
            aria-label="link to the run to compare with: its page here, its Zuul build page or its logs"
            placeholder="or paste a run's link: here, Zuul or logs"
            value={pasted}
            onInput={(e) => setPasted((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={!pasted.trim() || lookingUp} aria-busy={lookingUp}>
            {lookingUp ? 'Looking up…' : 'Compare'}
          </button>
        </form>
        {problem && (
          <div class="alert" role="alert">
            {problem}
          </div>
        )}
      </div>
    </details>
  );
}
