import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api/client';
import { hasEnded, waitForTasks } from '../api/poll';
import type { Entry, StatusResponse } from '../api/types';
import { entryKey, runContext } from '../logic/results';
import { sitePath } from '../../../src/ui/ui-routes';
import { Link } from '../router';
import { count } from '../../../src/common/human-units';

export interface Started {
  entry: Entry;
  uuid?: string;
  error?: string;
}

const POLL_MS = 1000;

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
    const ctrl = new AbortController();
    const uuids = started.flatMap((s) => (s.uuid ? [s.uuid] : []));
    void waitForTasks(uuids, {
      signal: ctrl.signal,
      intervalMs: POLL_MS,
      keepGoing: true,
      onRound: (latest, error) => {
        setPollError(error ? messageOf(error) : null);
        setStatuses(latest);
      },
    });
    return () => ctrl.abort();
  }, [started]);

  const pending = started.some((s) => s.uuid && !hasEnded(statuses[s.uuid]));
  return (
    <section class="started panel" aria-live="polite" ref={panel}>
      <h2>{pending ? `Generating ${count(started.length, 'site')}…` : count(started.length, 'site')}</h2>
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
                <td class="name">
                  {s.uuid ? <Link href={sitePath(s.uuid)}>{s.entry.name}</Link> : s.entry.name}
                  {runContext(s.entry) && <span class="muted run-context"> {runContext(s.entry)}</span>}
                </td>
                <td>
                  <span class={`task-state ts-${state.replace(' ', '-')}`}>{state}</span>
                </td>
                <td class="muted">
                  {s.error ??
                    (st?.status === 'error'
                      ? st.message
                      : st?.status === 'finished'
                        ? `ready: ${count(st.artifacts_found.length, 'artifact')}`
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
