/**
 * Searching by a pasted line: it is masked like a stored signature's lines, without a test to
 * name, and a stored signature's `<test>` matches whatever test name the pasted line holds.
 * Pure and browser-safe.
 */
import { escapeRegExp } from '../../common/escape-reg-exp';
import { exceptionText, isGenericLine } from './exception-text';
import { signatureOfLines } from './failure-signature';

/** Group bars, pytest's `E` marker and indentation that a line copied from a log carries. */
const LINE_PREFIX = /^\s*(?:(?:\||\+)\s*)*(?:E\s+)?/;
const FRAME = /^\s*(?:\|\s*)*File "[^"]*", line \d+/m;

/**
 * A pasted line (or several) as signature lines: masked the same way (the cause is taken first when
 * a whole traceback was pasted); lines joined by `\n`; '' when nothing is left.
 */
export function maskPastedLine(text: string): string {
  if (FRAME.test(text)) return signatureOfLines(exceptionText(text));
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(LINE_PREFIX, ''))
    .filter((l) => l.trim() !== '' && !isGenericLine(l));
  return signatureOfLines(lines);
}

/** What `<test>` stands for: a dotted or `Class:method` name (placeholders inside it allowed). */
const TEST_NAME = String.raw`[\w$<>-]+(?:[.:/][\w$<>-]+)*`;

/** A signature line as a whole-line pattern in which `<test>` matches any test name. */
function linePattern(line: string): RegExp {
  return new RegExp(`^${line.split('<test>').map(escapeRegExp).join(TEST_NAME)}$`);
}

/**
 * Whether a stored signature holds a masked pasted text (maskPastedLine's answer): its lines, in a
 * row, each equal to a line of the signature, a `<test>` there matching any test name.
 */
export function signatureMatchesPasted(signature: string, maskedPasted: string): boolean {
  if (maskedPasted === '') return false;
  const lines = signature.split('\n');
  const wanted = maskedPasted.split('\n');
  const patterns = lines.map(linePattern);
  for (let start = 0; start + wanted.length <= lines.length; start++) {
    if (wanted.every((w, k) => patterns[start + k].test(w))) return true;
  }
  return false;
}
