import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { FailureCounts } from '../../../src/api-shapes';
import { count } from '../../../src/common/human-units';
import { api } from '../api/client';
import { failurePath } from '../../../src/ui/ui-routes';
import { Link } from '../router';

/** Days over which a failure's spread elsewhere is counted beside it. */
const SEEN_DAYS = 7;

/** How often each signature of a page's causes was seen lately: null until (or unless) it answers. */
const SeenCounts = createContext<Record<string, FailureCounts> | null>(null);

/** Gives the page's counts to every `SeenLink` below, the causes' and the insight rows' alike. */
export const SeenCountsProvider = SeenCounts.Provider;

/** The counts of these signatures, for all of them in one request. */
export function useSeen(signatureIds: readonly string[]): Record<string, FailureCounts> | null {
  const ids = signatureIds.slice(0, 500);
  const key = ids.join(',');
  const [seen, setSeen] = useState<Record<string, FailureCounts> | null>(null);
  useEffect(() => {
    if (ids.length === 0) return;
    const ctrl = new AbortController();
    api.failureCounts(ids, SEEN_DAYS, ctrl.signal).then(
      (r) => setSeen(r.counts),
      () => undefined, // the counts are extra: the page stands without them
    );
    return () => ctrl.abort();
  }, [key]);
  return seen;
}

/** The link to a signature's page (/f/<id>), saying on how many changes it was seen when the page's counts have it. */
export function SeenLink({ signatureId }: { signatureId: string }) {
  const seen = useContext(SeenCounts)?.[signatureId];
  return (
    <Link href={failurePath(signatureId)} class="cause-seen small" title="in the runs scraped by this service">
      {seen ? `seen on ${count(seen.changes, 'change')} in ${SEEN_DAYS} days` : 'where else?'}
    </Link>
  );
}
