/**
 * One CI job run as `/list` returns it and `/scrape` takes it (contract §3). The seed's fields come
 * first; every field is always present, null where unknown.
 */
export interface JobEntry {
  change_id: number | null;
  change_project: string | null;
  change_subject: string | null;
  ci_username: string | null;
  name: string;
  pipeline: string | null;
  revision: number | null;
  status: string | null;
  /** The job's log directory; always ends in `/`. */
  url: string;
  /** Zuul's 32-hex build uuid, when known. */
  build_uuid: string | null;
  voting: boolean | null;
  /** Seconds. */
  duration: number | null;
  /** ISO 8601 UTC. */
  finished_at: string | null;
}

/** A JobEntry with every field present, in the contract's order; unknown fields are null. */
export function jobEntry(fields: Partial<JobEntry> & Pick<JobEntry, 'name' | 'url'>): JobEntry {
  return {
    change_id: fields.change_id ?? null,
    change_project: fields.change_project ?? null,
    change_subject: fields.change_subject ?? null,
    ci_username: fields.ci_username ?? null,
    name: fields.name,
    pipeline: fields.pipeline ?? null,
    revision: fields.revision ?? null,
    status: fields.status ?? null,
    url: fields.url.endsWith('/') ? fields.url : `${fields.url}/`,
    build_uuid: fields.build_uuid ?? null,
    voting: fields.voting ?? null,
    duration: fields.duration ?? null,
    finished_at: fields.finished_at ?? null,
  };
}
