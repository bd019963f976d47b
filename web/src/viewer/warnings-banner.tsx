import { useState } from 'preact/hooks';
import type { RunData } from '../data/types';

const SHOWN = 5;

/**
 * What was not read cleanly, above every view of a site: the service's warnings (damaged subunit
 * regions, skipped artifacts, tests that never finished) and artifacts this page could not read.
 * A damaged stream otherwise looks like a clean run.
 */
export function WarningsBanner({ run }: { run: RunData }) {
  const [all, setAll] = useState(false);
  const items = [...run.warnings, ...run.problems];
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <div class="warnings" role="status">
      <strong>
        {items.length === 1 ? 'One thing was not read cleanly' : `${items.length} things were not read cleanly`}: these results may be
        incomplete.
      </strong>
      <ul>
        {shown.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
      {items.length > SHOWN && (
        <button type="button" class="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${items.length}`}
        </button>
      )}
    </div>
  );
}
