/**
 * The text of the exception a failure ended with, as lines: what the masking turns into a signature
 * (docs/formats.md, "Failure signatures"). Pure and browser-safe.
 */

/** A frame line of a Python traceback (any indentation: testtools indents a captured traceback). */
const FRAME = /^\s*File "[^"]*", line \d+/;
/** Lines every traceback has, which tell no two causes apart. */
const GENERIC_LINE =
  /^(?:Traceback \(most recent call last\):|During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:|\+? ?Exception Group Traceback \(most recent call last\):)$/;
/** Where one exception of a chain ends and the next (the one that was raised last) begins. */
const CHAIN_NOTE = /^\s*(?:During handling of the above exception|The above exception was the direct cause)/;
/** The header of an exception group's rendering (Python 3.11+): `+` at the group's bar column. */
const GROUP_HEADER = /^(\s*)\+ Exception Group Traceback/;
/** A sub-exception's header inside a group: its lines sit behind `| ` bars. */
const NESTED_GROUP_HEADER = /^Exception Group Traceback/;
/** The rule that opens a group's sub-exceptions (`+-+---- 1 ----`) and the ones between them (`+---- 2 ----`, `+------`). */
const GROUP_OPENER = /^\+-\+/;
const GROUP_SEPARATOR = /^\+-{3,}/;
/** pytest's rendering: the exception's lines start with `E` in the failing frame. */
const PYTEST_EXCEPTION_LINE = /^E(?: {1,7}(.*))?$/;

export function isGenericLine(line: string): boolean {
  return GENERIC_LINE.test(line.trim());
}

function linesOf(text: string): string[] {
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The last exception of a chain ("During handling of the above exception, …"). */
function lastOfChain(lines: string[]): string[] {
  if (!lines.some((l) => l.includes('above exception'))) return lines;
  let start = 0;
  lines.forEach((l, i) => CHAIN_NOTE.test(l) && (start = i + 1));
  return lines.slice(start);
}

/**
 * A plain traceback's exception: the lines after its last frame (past the frame's source line and
 * `^^^` markers, which are indented deeper), up to a line indented less than the exception's first
 * (stestr's next `Captured pythonlogging:` section). Without a frame: pytest's `E` lines, else
 * `withoutFrames` says whether every line is the exception (a sub-exception of a group that was
 * never raised) or only the first non-generic one (a failure recorded without its traceback).
 */
function plainExceptionLines(all: string[], withoutFrames: 'all' | 'first'): string[] {
  const lines = lastOfChain(all);
  let last = -1;
  lines.forEach((l, i) => l.includes('File "') && FRAME.test(l) && (last = i));
  if (last < 0) {
    const pytest = pytestExceptionLines(lines);
    if (pytest.length > 0) return pytest;
    const text = lines.map((l) => l.trim()).filter((l) => l !== '' && !isGenericLine(l));
    return withoutFrames === 'all' ? text : text.slice(0, 1);
  }
  const frameIndent = indentOf(lines[last]);
  let i = last + 1;
  while (i < lines.length && (lines[i].trim() === '' || indentOf(lines[i]) > frameIndent)) i++;
  if (i >= lines.length) return [];
  const base = indentOf(lines[i]);
  const out: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (indentOf(line) < base) break;
    out.push(line.slice(base).trimEnd());
  }
  return out;
}

/** The last block of pytest's `E   ` lines, without the marker and its assertion introspection. */
function pytestExceptionLines(lines: string[]): string[] {
  let end = -1;
  lines.forEach((l, i) => PYTEST_EXCEPTION_LINE.test(l) && (end = i));
  if (end < 0) return [];
  let start = end;
  while (start > 0 && PYTEST_EXCEPTION_LINE.test(lines[start - 1])) start--;
  const text = lines
    .slice(start, end + 1)
    .map((l) => (PYTEST_EXCEPTION_LINE.exec(l)![1] ?? '').trimEnd())
    .filter((l) => l.trim() !== '');
  return withoutIntrospection(text);
}

/**
 * pytest explains a failed `assert` with the values it compared (`assert 3 == 4`, `+  where 3 =
 * …`, `Omitting 2 identical items`, a dict diff): their shape follows the values, so one cause
 * would split by them. The assertion's own message is the cause when it has one, else the
 * `assert` line alone.
 */
function withoutIntrospection(text: string[]): string[] {
  const assertLine = text.findIndex((l) => /^assert\b/.test(l.trimStart()));
  if (assertLine < 0) return text;
  return assertLine === 0 ? text.slice(0, 1) : text.slice(0, assertLine);
}

/** A bar line's content (`| text` → `text`); rules and other lines give null. */
function barContent(line: string): string | null {
  if (line.startsWith('| ')) return line.slice(2);
  if (line === '|') return '';
  return null;
}

/**
 * An exception group rendered with its bars at column 0 (the caller cut the indentation): the
 * group's own exception line, then each sub-exception's, depth first. `header` is its first line
 * (`+ Exception Group …` at the top, `| Exception Group …` when nested).
 */
function groupExceptionLines(lines: string[]): string[] {
  let opener = lines.findIndex((l) => GROUP_OPENER.test(l));
  if (opener < 0) opener = lines.length;
  const own = lines.slice(0, opener).map((l) => (l.startsWith('+ ') ? l.slice(2) : (barContent(l) ?? '')));
  const out = plainExceptionLines(own, 'all');
  // The sub-exceptions: two columns further in, between separators.
  let block: string[] = [];
  const flush = () => {
    if (block.length > 0) out.push(...subExceptionLines(block));
    block = [];
  };
  for (const line of lines.slice(opener + 1)) {
    const inner = line.slice(2);
    if (GROUP_SEPARATOR.test(inner)) flush();
    else block.push(inner);
  }
  flush();
  return out;
}

/** One sub-exception of a group: a group itself, or a plain traceback (or bare exception) behind bars. */
function subExceptionLines(block: string[]): string[] {
  const first = barContent(block[0]) ?? '';
  if (NESTED_GROUP_HEADER.test(first)) return groupExceptionLines(block);
  return plainExceptionLines(
    block.map((l) => barContent(l)).filter((l): l is string => l !== null),
    'all',
  );
}

/**
 * The final exception's text, line by line: `ExceptionType: message` with every line of the message
 * (tempest's `Details: …`, testtools' `reference = …`, Python 3.11+ notes), the exception raised last
 * when exceptions are chained. An exception group gives its own line followed by its
 * sub-exceptions' (nested groups depth first). pytest's `E` lines when the text is pytest's. A
 * failure recorded without a traceback: its first non-empty line. Generic lines
 * ("Traceback (most recent call last):") are never part of it.
 */
export function exceptionText(traceback: string): string[] {
  const lines = lastOfChain(linesOf(traceback));
  const header = lines.findIndex((l) => l.trim() !== '');
  const group = header < 0 ? null : GROUP_HEADER.exec(lines[header]);
  const text = group ? groupExceptionLines(lines.slice(header).map((l) => l.slice(group[1].length))) : plainExceptionLines(lines, 'first');
  return text.filter((l) => !isGenericLine(l));
}
