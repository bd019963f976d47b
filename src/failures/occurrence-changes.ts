import { Injectable } from '@nestjs/common';

/**
 * Counts the changes to failure occurrences this process has committed (recordings, the
 * backfill's pages, the purge's deletions), so what is remembered of them (FailureQueries'
 * rankings) knows at once that it may be stale; other processes' changes are only seen by reading
 * the database again.
 */
@Injectable()
export class OccurrenceChanges {
  private count = 0;

  get generation(): number {
    return this.count;
  }

  committed(): void {
    this.count++;
  }
}
