import type { EntityManager } from 'typeorm';
import { inList } from './bound-values';
import type { Transactions } from './transactions';

/** Rows deleted per transaction by a purge. */
const DELETE_BATCH = 500;

/**
 * Deletes rows of `table` a batch at a time, each batch its own READ COMMITTED transaction (so a
 * purge never holds locks long), until a batch comes up short or `signal` aborts. `pick` names the
 * `key` values of up to `limit` rows to delete now; `committed` hears of each non-empty batch once
 * it has committed. `target.dependents`: tables whose rows point at those keys (by the column
 * named), deleted with them first. Returns how many rows of `table` were deleted.
 */
export async function deleteInBatches(
  transactions: Transactions,
  target: { table: string; key: string; dependents?: readonly { table: string; column: string }[] },
  pick: (m: EntityManager, limit: number) => Promise<readonly unknown[]>,
  options: { signal?: AbortSignal; committed?: () => void } = {},
): Promise<number> {
  let total = 0;
  while (!options.signal?.aborted) {
    const deleted = await transactions.run(async (m) => {
      const keys = await pick(m, DELETE_BATCH);
      if (keys.length > 0) {
        for (const d of target.dependents ?? [])
          await m.query(`DELETE FROM ${d.table} WHERE ${d.column} IN (${inList(keys.length)})`, [...keys]);
        await m.query(`DELETE FROM ${target.table} WHERE ${target.key} IN (${inList(keys.length)})`, [...keys]);
      }
      return keys.length;
    }, 'READ COMMITTED');
    if (deleted > 0) options.committed?.();
    total += deleted;
    if (deleted < DELETE_BATCH) break;
  }
  return total;
}
