/**
 * `/f/`'s view in the query string, so a link (or a reload) shows the same list:
 * `?days=3&pipeline=gate&project=openstack/nova&q=<search>`. Defaults are left out.
 */
export interface FailuresView {
  /** 1, 3 or 7. */
  days: number;
  /** '' for any. */
  pipeline: string;
  project: string;
  /** What was searched for; null shows the most widespread. */
  q: string | null;
}

/** The windows `/f/` offers (its detail page counts over api-shapes' FAILURE_WINDOWS). */
export const TOP_WINDOWS = [1, 3, 7] as const;
const DEFAULT_DAYS = 7;

export function parseFailuresView(search: string): FailuresView {
  const p = new URLSearchParams(search);
  const days = Number(p.get('days'));
  const q = p.get('q');
  return {
    days: (TOP_WINDOWS as readonly number[]).includes(days) ? days : DEFAULT_DAYS,
    pipeline: p.get('pipeline') ?? '',
    project: p.get('project') ?? '',
    q: q && q.trim() ? q : null,
  };
}

export function formatFailuresView(view: FailuresView): string {
  const p = new URLSearchParams();
  if (view.days !== DEFAULT_DAYS) p.set('days', String(view.days));
  if (view.pipeline) p.set('pipeline', view.pipeline);
  if (view.project.trim()) p.set('project', view.project.trim());
  if (view.q !== null) p.set('q', view.q);
  const s = p.toString();
  return s ? `?${s}` : '';
}
