import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Entry, StatusResponse } from '../api/types';
import { entryKey } from '../logic/results';
import { sitePath } from '../logic/routes';
import { Link } from '../router';

export interface Started {
  entry: Entry;
  uuid?: string;
  error?: string;
}

const POLL_MS = 1000;
const sites = (n: number) => `${n} site${n === 1 ? '' : 's'}`;
const done = (s: StatusResponse | undefined) => s?.status === 'finished' || s?.status === 'error';

/**
 * After "Generate N sites": one row per job with its scrape's live state (polling /status until every
 * task has finished or failed), each linking to its site.
 */
export function StartedJobs({ started }: { started: Started[] }) {
  const [statuses, setStatuses] = useState<Record<string, StatusResponse>>({});
  const [pollError, setPollError] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);

  // Below a long job list (and far below it on a phone) the table would start out of sight.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'start' });
  }, []);

  useEffect(() => {
    let cancelled = false;
    const ctrl = new AbortController();
    const latest: Record<string, StatusResponse> = {};
    async function poll() {
      while (!cancelled) {
        const pending = started.filter((s) => s.uuid && !done(latest[s.uuid]));
        if (pending.length === 0) return;
        try {
          await Promise.all(pending.map(async (s) => (latest[s.uuid!] = await api.status(s.uuid!, ctrl.signal))));
          setPollError(null);
        } catch (e) {
          if (cancelled) return;
          setPollError(e instanceof ApiError ? e.message : String(e));
        }
        if (!cancelled) setStatuses({ ...latest });
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
    void poll();
    return () => {
      cancelled = true;
      ctrl.abort();
    };
  }, [started]);

  const pending = started.some((s) => s.uuid && !done(statuses[s.uuid]));
  return (
    <section class="started panel" aria-live="polite" ref={panel}>
      <h2>{pending ? `Generating ${sites(started.length)}…` : sites(started.length)}</h2>
      <table class="started-table">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">State</th>
            <th scope="col">Doing</th>
          </tr>
        </thead>
        <tbody>
          {started.map((s) => {
            const st = s.uuid ? statuses[s.uuid] : undefined;
            const state = s.error ? 'not started' : (st?.status ?? 'queued');
            return (
              <tr key={entryKey(s.entry)} class={`state-${state.replace(' ', '-')}`}>
                <td class="name">{s.uuid ? <Link href={sitePath(s.uuid)}>{s.entry.name}</Link> : s.entry.name}</td>
                <td>
                  <span class={`task-state ts-${state.replace(' ', '-')}`}>{state}</span>
                </td>
                <td class="muted">
                  {s.error ??
                    (st?.status === 'error'
                      ? st.message
                      : st?.status === 'finished'
                        ? `ready: ${st.artifacts_found.length} artifact${st.artifacts_found.length === 1 ? '' : 's'}`
                        : (st?.stage ?? '—'))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {pollError && <p class="alert">{pollError}</p>}
    </section>
  );
}
