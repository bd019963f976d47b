/** `GET /watch` → 200: what the watcher follows and how far it got (docs/api.md). */
export interface WatchStatus {
  /** Whether WATCH_PIPELINES is set for the answering process. */
  enabled: boolean;
  pipelines: string[];
  /** The low-water mark: the lowest Zuul `_id` the next poll reads from; null before the first poll. */
  cursor: number | null;
  last_poll_at: string | null;
  /** Why the last poll failed (Zuul unreachable, …); null when it succeeded. */
  last_error: string | null;
  queued_last_hour: number;
  /** Over WATCH_MAX_PER_HOUR, or without logs: never queued. */
  skipped_last_hour: number;
  /** Reviews posted (or, in dry-run, logged). */
  reported_last_hour: number;
  /** Reviews Gerrit refused for good (change closed: 409; unknown: 404) or given up on. */
  report_skipped_last_hour: number;
}
