/** A failure's signature: the masked text of its cause. Pure and browser-safe. */
import { exceptionText } from './exception-text';
import { lineMasker } from './mask';

/** The signature of a failure with nothing to go on: no traceback, no detail line. */
export const NO_DETAILS_SIGNATURE = '(no traceback was recorded)';

/**
 * Bounds: an exception's message may hold a whole API body. A masked line longer than
 * MAX_LINE_CHARS is cut (ending `…`); lines are kept while the signature stays within
 * MAX_SIGNATURE_CHARS, then one `…` line says more followed. At most MAX_RAW_LINE_CHARS of a line,
 * and MAX_RAW_CHARS in all, are masked at all, so a huge message costs little.
 */
export const MAX_LINE_CHARS = 500;
export const MAX_SIGNATURE_CHARS = 2000;
const MAX_RAW_LINE_CHARS = 20_000;
const MAX_RAW_CHARS = 100_000;
const CUT = '…';

/** A masked line within MAX_LINE_CHARS. */
export function boundedLine(line: string): string {
  return line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS - 1) + CUT : line;
}

/** An exception group's count of sub-exceptions varies with how many failed alike. */
function sameForAnyCount(line: string): string {
  return line.replace(/\(<n> sub-exceptions?\)$/, '(<n> sub-exceptions)');
}

/**
 * Masked lines as a signature: empty lines dropped, repeated lines kept once (an exception group's
 * alike sub-exceptions), bounded.
 */
export function signatureOfLines(lines: readonly string[], testId = ''): string {
  const mask = lineMasker(testId);
  const kept: string[] = [];
  const seen = new Set<string>();
  const seenRaw = new Set<string>();
  let chars = 0;
  let rawChars = 0;
  for (const raw of lines) {
    // a line repeated as it is needs no masking again (a group of many alike errors)
    if (seenRaw.has(raw)) continue;
    seenRaw.add(raw);
    const text = raw.slice(0, MAX_RAW_LINE_CHARS);
    rawChars += text.length;
    if (rawChars > MAX_RAW_CHARS) {
      kept.push(CUT);
      break;
    }
    const line = boundedLine(sameForAnyCount(mask(text)));
    if (line === '' || seen.has(line)) continue;
    seen.add(line);
    if (chars + line.length + 1 > MAX_SIGNATURE_CHARS) {
      kept.push(CUT);
      break;
    }
    kept.push(line);
    chars += line.length + 1;
  }
  return kept.join('\n');
}

/**
 * The signature of a failure from its traceback (or, without one, its detail text): the final
 * exception's text (exceptionText) masked (maskLine), the failing test's own names as `<test>`.
 * Never empty: NO_DETAILS_SIGNATURE when there is nothing to go on.
 */
export function failureSignature(traceback: string, testId = ''): string {
  return signatureOfLines(exceptionText(traceback), testId) || NO_DETAILS_SIGNATURE;
}
