/**
 * The latest answer per key, kept while the state it was computed in holds; requests arriving
 * while it is computed share it. A failed computation is forgotten.
 */
export class WindowMemo<T> {
  private readonly entries = new Map<string, { state: string; value: Promise<T> }>();

  constructor(private readonly maxEntries = 64) {}

  get(key: string, state: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit?.state === state) return hit.value;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { state, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
