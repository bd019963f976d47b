import { Injectable } from '@nestjs/common';
import type { FailureBug } from '../api-shapes';
import { FailureQueries } from './failure-queries';
import { FailureRules } from './failure-rules';

/** How widespread one failure signature is lately, and the bug of the first bug rule matching it. */
export interface CauseStanding {
  /** Distinct changes it failed on within the window, the asking change left out. */
  otherChanges: number;
  bug: FailureBug | null;
}

/** What a review line says beside each cause, from failure knowledge: the window's counts, the signatures' texts and the bug rules as they are now. */
@Injectable()
export class CauseStandings {
  constructor(
    private readonly queries: FailureQueries,
    private readonly rules: FailureRules,
  ) {}

  /** Each of `signatureIds`, over the last `days` days, leaving out change `exceptChange` (null: none left out). */
  async of(signatureIds: readonly string[], exceptChange: number | null, days: number): Promise<Map<string, CauseStanding>> {
    const ids = [...new Set(signatureIds)];
    const standings = new Map<string, CauseStanding>();
    if (ids.length === 0) return standings;
    const [counts, signatures, book] = await Promise.all([
      this.queries.counts(ids, days, exceptChange === null ? undefined : String(exceptChange)),
      this.queries.signatureRows(ids),
      this.rules.book(),
    ]);
    for (const id of ids) {
      const signature = signatures.get(id)?.signature;
      standings.set(id, { otherChanges: counts[id]?.changes ?? 0, bug: signature === undefined ? null : book.bugOf(signature) });
    }
    return standings;
  }
}
