import type { Entry, ListResponse } from '../api/types';

/** Base URLs for links out of the UI; the server fills them from its config (src/ui). */
export interface LinkBases {
  gerrit: string;
  zuul: string;
  tenant: string;
}

export const DEFAULT_LINK_BASES: LinkBases = {
  gerrit: 'https://review.opendev.org',
  zuul: 'https://zuul.opendev.org',
  tenant: 'openstack',
};

export interface PipelineGroup {
  pipeline: string;
  entries: Entry[];
}

const PIPELINE_ORDER = ['check', 'gate', 'post', 'periodic'];
const NO_PIPELINE = '(no pipeline)';

function pipelineRank(p: string): number {
  const i = PIPELINE_ORDER.indexOf(p);
  return i < 0 ? PIPELINE_ORDER.length : i;
}

/** Groups /list results by pipeline (check, gate, post, periodic, then others A–Z), jobs A–Z. */
export function groupByPipeline(entries: readonly Entry[]): PipelineGroup[] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = e.pipeline || NO_PIPELINE;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups]
    .map(([pipeline, list]) => ({ pipeline, entries: list.sort((a, b) => a.name.localeCompare(b.name)) }))
    .sort((a, b) => pipelineRank(a.pipeline) - pipelineRank(b.pipeline) || a.pipeline.localeCompare(b.pipeline));
}

/** The colour class of a CI result: SUCCESS ok, SKIPPED neutral, null pending, anything else bad. */
export function resultClass(status: string | null | undefined): 'ok' | 'bad' | 'neutral' | 'pending' {
  if (!status) return 'pending';
  const s = status.toUpperCase();
  if (s === 'SUCCESS') return 'ok';
  if (s === 'SKIPPED' || s === 'ABORTED' || s === 'CANCELED') return 'neutral';
  return 'bad';
}

export function gerritLink(e: Pick<Entry, 'change_id' | 'change_project' | 'revision'>, bases: LinkBases): string | null {
  if (e.change_id == null) return null;
  const project = e.change_project ? `${e.change_project}/+/` : '';
  const ps = e.revision != null ? `/${e.revision}` : '';
  return `${bases.gerrit.replace(/\/$/, '')}/c/${project}${e.change_id}${ps}`;
}

export function zuulBuildLink(e: Pick<Entry, 'build_uuid'>, bases: LinkBases): string | null {
  if (!e.build_uuid) return null;
  return `${bases.zuul.replace(/\/$/, '')}/t/${encodeURIComponent(bases.tenant)}/build/${e.build_uuid}`;
}

/** A stable key for selecting a job in the results list. */
export function entryKey(e: Entry): string {
  // every run of a job is listed with `history`: its patch set and build tell apart those without logs
  return `${e.ci_username ?? ''}|${e.pipeline ?? ''}|${e.name}|${e.url}|${e.revision ?? ''}|${e.build_uuid ?? ''}`;
}

/** What the listed jobs belong to, when they all share one change (the usual case). */
export function changeHeading(entries: readonly Entry[]): {
  change: number;
  patchSet: number | null;
  project: string | null;
  /** The branch every listed build ran on, null when unknown or not one. */
  branch: string | null;
  subject: string | null;
} | null {
  const first = entries[0];
  if (!first || first.change_id === null || entries.some((e) => e.change_id !== first.change_id)) return null;
  const patchSets = new Set(entries.map((e) => e.revision));
  const branches = new Set(entries.map((e) => e.branch));
  return {
    change: first.change_id,
    patchSet: patchSets.size === 1 ? first.revision : null,
    project: first.change_project,
    branch: branches.size === 1 ? first.branch : null,
    subject: first.change_subject,
  };
}

/** What a /list answer is about: its entries' change, else the change an empty answer names. */
export function listHeading(list: ListResponse): ReturnType<typeof changeHeading> {
  const { results, change_id, change_project, change_subject, change_branch } = list;
  if (results.length > 0 || change_id === undefined) return changeHeading(results);
  return {
    change: change_id,
    patchSet: null,
    project: change_project ?? null,
    branch: change_branch ?? null,
    subject: change_subject ?? null,
  };
}

const FIRST_PARTY_CI = new Set(['zuul', 'jenkins']);

/** The reporting account of a third-party CI (e.g. "EMC ScaleIO CI"), null for OpenStack's own. */
export function thirdPartyCi(e: Pick<Entry, 'ci_username'>): string | null {
  return e.ci_username && !FIRST_PARTY_CI.has(e.ci_username.toLowerCase()) ? e.ci_username : null;
}

/** "nova 123456,3": a change as people say it (the project's last path part, number, patch set). */
export function changeLabel(e: {
  change_project: string | null;
  change_id: number | string | null;
  revision: number | string | null;
}): string | null {
  if (e.change_id == null) return null;
  const project = e.change_project ? `${e.change_project.split('/').pop()} ` : '';
  return `${project}${e.change_id}${e.revision != null ? `,${e.revision}` : ''}`;
}

/**
 * What tells a run apart from the job's other runs, shown beside its name wherever runs are listed:
 * its pipeline and its change with the patch set ("check · nova 123456,3"), or the patch set alone.
 */
export function runContext(r: {
  pipeline: string | null;
  change_project?: string | null;
  change_id: number | null;
  revision: number | null;
}): string {
  const change = changeLabel({ change_project: r.change_project ?? null, change_id: r.change_id, revision: r.revision });
  return [r.pipeline, change ?? (r.revision != null ? `patch set ${r.revision}` : null)].filter(Boolean).join(' · ');
}
