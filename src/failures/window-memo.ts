interface Entry<T> {
  state: string;
  value: Promise<T>;
  /** The writer generation (OccurrenceChanges) and the time at which `state` was last read. */
  generation: number;
  checkedAt: number;
}

/**
 * The latest answer per key, kept while the state it was computed in holds; requests arriving
 * while it is computed share it. A failed computation is forgotten. The state is read again at
 * most every `recheckMs` (for writes made elsewhere), and at once when `generation` has moved
 * (this process wrote).
 */
export class WindowMemo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly recheckMs: number,
    private readonly maxEntries = 64,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, generation: number, readState: () => Promise<string>, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && this.now() - hit.checkedAt < this.recheckMs) return hit.value;
    const checkedAt = this.now();
    const state = await readState();
    const current = this.entries.get(key);
    if (current?.state === state) {
      if (checkedAt > current.checkedAt) Object.assign(current, { generation, checkedAt });
      return current.value;
    }
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { state, value, generation, checkedAt });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
