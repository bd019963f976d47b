/**
 * The last few ASCII strings decoded for one kind of packet field. A test's packets repeat its id,
 * and its tags, MIME types and file names recur across tests, so most fields are found here by
 * their bytes: no validation, no decoding, and a string the fold's map has already hashed.
 */
export class RecentStrings {
  private readonly texts: string[];
  private next = 0;

  constructor(size: number) {
    this.texts = new Array<string>(size).fill('');
  }

  /** The remembered string whose UTF-8 is `buf[start, end)`, if any. */
  find(buf: Buffer, start: number, end: number): string | undefined {
    const length = end - start;
    const size = this.texts.length;
    for (let age = 1; age <= size; age++) {
      const text = this.texts[(this.next - age + size) % size];
      if (text.length !== length) continue;
      // from the end: ids of one test module share long prefixes
      let i = length - 1;
      while (i >= 0 && text.charCodeAt(i) === buf[start + i]) i--;
      if (i < 0) return text;
    }
    return undefined;
  }

  /** Remembers `text`, decoded from `byteLength` bytes, when it is ASCII (one byte a character). */
  remember(text: string, byteLength: number): void {
    if (text.length !== byteLength) return;
    this.texts[this.next] = text;
    this.next = (this.next + 1) % this.texts.length;
  }
}
