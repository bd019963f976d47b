/**
 * Strings at least this long are compared with the bytes they were read from, natively: a test id
 * (100-200 characters) compared a character at a time cost the decoder more than any other step.
 */
const NATIVE_COMPARE_FROM = 48;
/** A short string's source: none kept. */
const EMPTY = Buffer.alloc(0);

/**
 * The last few ASCII strings decoded for one kind of packet field. A test's packets repeat its id,
 * and its tags, MIME types and file names recur across tests, so most fields are found here by
 * their bytes: no validation, no decoding, and a string the fold's map has already hashed.
 * A long string keeps the buffer it was read from (a view; the decoder never writes to its input).
 */
export class RecentStrings {
  private readonly texts: string[];
  private readonly sources: Buffer[];
  private readonly starts: number[];
  private next = 0;

  constructor(size: number) {
    this.texts = new Array<string>(size).fill('');
    this.sources = new Array<Buffer>(size).fill(EMPTY);
    this.starts = new Array<number>(size).fill(0);
  }

  /** The remembered string whose UTF-8 is `buf[start, end)`, if any. */
  find(buf: Buffer, start: number, end: number): string | undefined {
    const length = end - start;
    const size = this.texts.length;
    for (let age = 1; age <= size; age++) {
      const slot = (this.next - age + size) % size;
      const text = this.texts[slot];
      if (text.length !== length) continue;
      if (length >= NATIVE_COMPARE_FROM) {
        // the last character first: ids of one test module share long prefixes
        if (text.charCodeAt(length - 1) !== buf[end - 1]) continue;
        const from = this.starts[slot];
        if (buf.compare(this.sources[slot], from, from + length, start, end) === 0) return text;
        continue;
      }
      let i = length - 1;
      while (i >= 0 && text.charCodeAt(i) === buf[start + i]) i--;
      if (i < 0) return text;
    }
    return undefined;
  }

  /** Remembers `text`, decoded from `buf[start, end)`, when it is ASCII (one byte a character). */
  remember(text: string, buf: Buffer, start: number, end: number): void {
    if (text.length !== end - start) return;
    const long = text.length >= NATIVE_COMPARE_FROM;
    this.texts[this.next] = text;
    this.sources[this.next] = long ? buf : EMPTY;
    this.starts[this.next] = long ? start : 0;
    this.next = (this.next + 1) % this.texts.length;
  }
}
