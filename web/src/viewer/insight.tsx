import { insightStore, useInsight } from '../data/insight-store';
import type { RunMeta } from '../data/types';
import {
  INSIGHT_BUILDS,
  lastFailedLabel,
  runName,
  runsFoundText,
  runsRead,
  VERDICT_LABELS,
  verdictTally,
  verdictText,
} from '../logic/insight';
import { siteSource, sitePath } from '../../../src/ui/ui-routes';
import { Link } from '../router';
import { SeenLink } from './seen-link';

/** The task behind a site, or null for a StackViz data folder (which the service has no runs for). */
function taskOf(site: string): string | null {
  const source = siteSource(site);
  return source?.kind === 'task' ? source.uuid : null;
}

/**
 * "Is it my change?": asks the service to look at other runs of this job, shows their progress,
 * then how many failures each verdict got. The verdicts themselves sit on the failure rows
 * (VerdictBadge). Nothing for a run without failures; for a run without a Zuul build (which the
 * other runs are found from), why it cannot be asked.
 */
export function InsightPanel({
  site,
  failures,
  meta,
}: {
  site: string;
  failures: number;
  meta: Pick<RunMeta, 'build_uuid' | 'name' | 'ci_username'>;
}) {
  const task = taskOf(site);
  const state = useInsight(task);
  if (!task || failures === 0) return null;
  if (meta.build_uuid === null || meta.name === null) {
    return (
      <p class="insight insight-unavailable muted small">
        “Is it my change?” finds this job’s other runs through its Zuul build, and{' '}
        {meta.ci_username === 'jenkins'
          ? 'this is a legacy (Jenkins) run, which Zuul does not know'
          : 'Zuul did not know this run’s build when it was scraped'}
        . “Compare with…” above takes any other run’s link.
      </p>
    );
  }
  switch (state.kind) {
    case 'idle':
      return (
        <div class="insight">
          <button type="button" class="insight-ask" onClick={() => void insightStore.ask(task)}>
            Is it my change? Check {INSIGHT_BUILDS} other runs
          </button>
          <span class="muted small"> This job’s other runs on this change and on other changes tell flakes from new failures.</span>
        </div>
      );
    case 'asking':
      return (
        <div class="insight" aria-busy="true">
          <span class="muted">Looking for other runs of this job…</span>
        </div>
      );
    case 'running':
      return (
        <div class="insight insight-progress" aria-busy="true">
          <progress value={state.done} max={Math.max(1, state.total)} />
          <span>
            Checked {state.done} of {state.total} other runs…
          </span>
        </div>
      );
    case 'failed':
      return (
        <div class="insight">
          <div class="alert" role="alert">
            {state.message}
          </div>
        </div>
      );
    case 'finished': {
      const { read, unreadable } = runsRead(state.result);
      const found = runsFoundText(state.result);
      return (
        <div class="insight insight-done">
          <span>
            Checked {read} other run{read === 1 ? '' : 's'}
            {unreadable.length > 0 && <span class="muted"> ({unreadable.length} could not be read)</span>}:
          </span>
          {verdictTally(state.result).map(({ verdict, count }) => (
            <span key={verdict} class={`verdict v-${verdict}`} title={VERDICT_LABELS[verdict].meaning}>
              {count} {VERDICT_LABELS[verdict].label}
            </span>
          ))}
          {/* What each verdict means, in view (a title shows on hover only, never on a phone). */}
          <p class="muted small verdict-legend">
            {verdictTally(state.result).map(({ verdict }, i) => (
              <span key={verdict}>
                {i > 0 && '; '}
                <b>{VERDICT_LABELS[verdict].label}</b>: {VERDICT_LABELS[verdict].meaning}
              </span>
            ))}
            .
          </p>
          {found && <p class="muted small insight-found">{found}</p>}
          {unreadable.length > 0 && (
            <div class="insight-unreadable">
              <p class="muted small">Could not be read, so not counted:</p>
              <ul class="small">
                {unreadable.map((run) => (
                  <li key={run.task}>
                    <a href={run.url}>{runName(run)}</a>: {run.error ?? 'its scrape failed'}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      );
    }
  }
}

/**
 * A failure's verdict, once the insight is in: the badge, what the other runs said, the last run it
 * failed in, and where else its cause was seen (with the page's counts, when it has them).
 */
export function VerdictBadge({ site, name }: { site: string; name: string }) {
  const state = useInsight(taskOf(site));
  if (state.kind !== 'finished') return null;
  const t = state.byName.get(name);
  if (!t) return null;
  const { label, meaning } = VERDICT_LABELS[t.verdict];
  return (
    <span class="verdict-line">
      <span class={`verdict v-${t.verdict}`} title={meaning}>
        {label}
      </span>{' '}
      <span class="muted small">{verdictText(t)}</span>
      {t.last_failed && (
        <>
          {' · '}
          <Link class="small last-failed" href={sitePath(t.last_failed.task, 'test', name)}>
            {lastFailedLabel(state.result, t)}
          </Link>
        </>
      )}
      {t.signature_id && (
        <>
          {' · '}
          <SeenLink signatureId={t.signature_id} />
        </>
      )}
    </span>
  );
}
