const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Reads the elements of one big JSON array (`[{…},{…},…]`) from its bytes as they arrive, without
 * holding the whole text: each chunk's complete elements are parsed together (one JSON.parse per
 * chunk, not per element) and handed to `onElements`; an element cut by the chunk's end is carried
 * into the next chunk. Only object and array elements are read (what StackViz's artifacts hold).
 * Throws a SyntaxError when the bytes are not such an array.
 *
 * Finding the elements' ends costs little: strings, most of the bytes, are skipped with indexOf.
 */
export class JsonArrayElements<T> {
  /** 0 before the array, 1 inside it, 2+ inside an element. */
  private depth = 0;
  private inString = false;
  /** Where the open string's quote is in the carry. */
  private stringStart = 0;
  private ended = false;
  /** Bytes of the item (element or string) the last chunk cut, from its first byte. */
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly onElements: (elements: T[]) => void) {}

  push(chunk: Buffer): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // The carry starts at an item whose opening byte was counted already: only the new bytes are scanned.
    let openStart = this.carry.length > 0 ? 0 : -1;
    let firstStart = this.carry.length > 0 && this.depth >= 2 ? 0 : -1;
    let lastEnd = -1;
    let { depth, inString, stringStart } = this;
    let i = this.carry.length;
    while (i < buf.length) {
      if (inString) {
        const close = this.closingQuote(buf, i, stringStart);
        if (close < 0) break;
        inString = false;
        if (depth === 1) openStart = -1;
        i = close + 1;
        continue;
      }
      const b = buf[i];
      if (b === QUOTE) {
        inString = true;
        stringStart = i;
        if (depth === 1) openStart = i;
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (this.ended) throw new SyntaxError('JSON array: bytes after its end');
        depth++;
        if (depth === 1 && b !== OPEN_BRACKET) throw new SyntaxError('JSON array: the text is not an array');
        if (depth === 2) {
          openStart = i;
          if (firstStart < 0) firstStart = i;
        }
      } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
        if (depth < 0) throw new SyntaxError('JSON array: unbalanced brackets');
        if (depth === 1) {
          lastEnd = i + 1;
          openStart = -1;
        } else if (depth === 0) {
          this.ended = true;
        }
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    if (lastEnd > 0) this.onElements(JSON.parse(`[${buf.toString('utf8', firstStart, lastEnd)}]`) as T[]);
    this.carry = openStart >= 0 ? Buffer.from(buf.subarray(openStart)) : Buffer.alloc(0);
    this.stringStart = inString ? stringStart - Math.max(openStart, 0) : 0;
  }

  /** Checks that the array was closed. */
  end(): void {
    if (!this.ended) throw new SyntaxError('JSON array: the text ended before the array did');
  }

  /** The quote closing the string opened at `start`, searching from `from`; -1 when it is not in `buf` yet. */
  private closingQuote(buf: Buffer, from: number, start: number): number {
    for (let q = buf.indexOf(QUOTE, from); q >= 0; q = buf.indexOf(QUOTE, q + 1)) {
      let backslashes = 0;
      for (let k = q - 1; k > start && buf[k] === BACKSLASH; k--) backslashes++;
      if (backslashes % 2 === 0) return q;
    }
    return -1;
  }
}
