const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Reads the items of one big JSON container from its bytes as they arrive, without holding the
 * whole text: the elements of an array (`[{…},{…},…]`, JsonArrayElements) or the members of an
 * object (`{"k":{…},…}`, JsonObjectMembers). Each chunk's complete items are parsed together (one
 * JSON.parse per chunk, not per item) and handed on; an item cut by the chunk's end is carried into
 * the next chunk. Only items whose value is an object or an array are read (what StackViz's
 * artifacts hold). Throws a SyntaxError when the bytes are not such a container.
 *
 * Finding the items' ends costs little: strings, most of the bytes, are skipped with indexOf.
 */
abstract class JsonStreamItems {
  /** 0 before the container, 1 inside it, 2+ inside an item's value. */
  private depth = 0;
  private inString = false;
  /** Where the open string's quote is in the carry. */
  private stringStart = 0;
  private ended = false;
  /** Bytes of the item (element, member or string) the last chunk cut, from its first byte. */
  private carry: Buffer = Buffer.alloc(0);

  /** `[` or `{`. */
  protected abstract readonly opener: number;
  /** Parses a run of complete items (their text, separators between them) and hands them on. */
  protected abstract take(itemsText: string): void;

  push(chunk: Buffer): void {
    const members = this.opener === OPEN_BRACE;
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // The carry starts at an item whose opening byte was counted already: only the new bytes are scanned.
    let openStart = this.carry.length > 0 ? 0 : -1;
    let firstStart = this.carry.length > 0 && (this.depth >= 2 || members) ? 0 : -1;
    let lastEnd = -1;
    let { depth, inString, stringStart } = this;
    let i = this.carry.length;
    while (i < buf.length) {
      if (inString) {
        const close = this.closingQuote(buf, i, stringStart);
        if (close < 0) break;
        inString = false;
        // An array's string element is skipped; an object's string at depth 1 is a member's key.
        if (depth === 1 && !members) openStart = -1;
        i = close + 1;
        continue;
      }
      const b = buf[i];
      if (b === QUOTE) {
        inString = true;
        stringStart = i;
        if (depth === 1 && openStart < 0) {
          openStart = i;
          if (members && firstStart < 0) firstStart = i;
        }
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (this.ended) throw new SyntaxError('JSON: bytes after the end');
        depth++;
        if (depth === 1 && b !== this.opener) throw new SyntaxError(`JSON: the text is not ${members ? 'an object' : 'an array'}`);
        if (depth === 2 && !members) {
          openStart = i;
          if (firstStart < 0) firstStart = i;
        }
      } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
        if (depth < 0) throw new SyntaxError('JSON: unbalanced brackets');
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
    if (lastEnd > 0) this.take(buf.toString('utf8', firstStart, lastEnd));
    this.carry = openStart >= 0 ? Buffer.from(buf.subarray(openStart)) : Buffer.alloc(0);
    this.stringStart = inString ? stringStart - Math.max(openStart, 0) : 0;
  }

  /** Checks that the container was closed. */
  end(): void {
    if (!this.ended) throw new SyntaxError('JSON: the text ended before the container did');
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

/** The elements of a JSON array, a chunk's worth at a time (`subunit`: one test per element). */
export class JsonArrayElements<T> extends JsonStreamItems {
  protected readonly opener = OPEN_BRACKET;

  constructor(private readonly onElements: (elements: T[]) => void) {
    super();
  }

  protected take(itemsText: string): void {
    this.onElements(JSON.parse(`[${itemsText}]`) as T[]);
  }
}

/** The members of a JSON object, a chunk's worth at a time (`subunit-details`: one test's attachments per member). */
export class JsonObjectMembers<T> extends JsonStreamItems {
  protected readonly opener = OPEN_BRACE;

  constructor(private readonly onMembers: (members: [string, T][]) => void) {
    super();
  }

  protected take(itemsText: string): void {
    this.onMembers(Object.entries(JSON.parse(`{${itemsText}}`) as Record<string, T>));
  }
}
