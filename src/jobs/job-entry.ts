import type { JobEntry } from '../api-shapes';

export type { JobEntry } from '../api-shapes';

type Given = Partial<Omit<JobEntry, 'scrapable' | 'unscrapable_reason'>> & Pick<JobEntry, 'name'>;

/**
 * A JobEntry with every field present, in the API's order; unknown fields are null. An entry
 * without logs is never scrapable (`unscrapableReason` says why, else a generic reason);
 * `unscrapableReason` (e.g. a log host outside ARTIFACT_HOSTS) makes one with logs unscrapable too.
 */
export function jobEntry(fields: Given, unscrapableReason: string | null = null): JobEntry {
  const url = fields.url == null ? null : fields.url.endsWith('/') ? fields.url : `${fields.url}/`;
  const reason = url === null ? (unscrapableReason ?? 'the build left no logs') : unscrapableReason;
  return {
    change_id: fields.change_id ?? null,
    change_project: fields.change_project ?? null,
    change_subject: fields.change_subject ?? null,
    ci_username: fields.ci_username ?? null,
    name: fields.name,
    pipeline: fields.pipeline ?? null,
    revision: fields.revision ?? null,
    status: fields.status ?? null,
    url,
    build_uuid: fields.build_uuid ?? null,
    voting: fields.voting ?? null,
    duration: fields.duration ?? null,
    finished_at: fields.finished_at ?? null,
    branch: fields.branch ?? null,
    scrapable: reason === null,
    unscrapable_reason: reason,
    error_detail: fields.error_detail ?? null,
    ...(fields.latest === undefined ? {} : { latest: fields.latest }),
    ...(fields.retried === undefined ? {} : { retried: fields.retried }),
  };
}
