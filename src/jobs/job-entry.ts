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
