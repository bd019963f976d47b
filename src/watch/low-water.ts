/**
 * The low-water mark after a poll: Zuul numbers a build (`_id`) when it starts, so builds complete
 * out of `_id` order. The mark is the lowest `_id` still running, else the highest seen + 1; a
 * poll with nothing new keeps the previous mark. Each poll pages back to the lower of this mark and
 * the one before it (`scanFrom`): a margin of one poll, for a build whose state changed while the
 * poll paged (its pages are read at different moments).
 */
export function nextLowWater(completedIds: readonly number[], runningIds: readonly number[], previous: number | null): number | null {
  if (runningIds.length > 0) return Math.min(...runningIds);
  const seen = [...completedIds, ...(previous === null ? [] : [previous - 1])];
  return seen.length > 0 ? Math.max(...seen) + 1 : null;
}

/** Where a poll starts paging back to: the lower of the last two marks (null: the very first poll). */
export function scanStart(lowWater: number | null, scanFrom: number | null): number | null {
  const marks = [lowWater, scanFrom].filter((m): m is number => m !== null);
  return marks.length > 0 ? Math.min(...marks) : null;
}
