import { bareTestId, exceptionText } from '../../../src/failure-cause/signature';

export type TracebackLineKind = 'own-frame' | 'own-code' | 'frame' | 'code' | 'exception' | 'other';

export interface TracebackLine {
  text: string;
  kind: TracebackLineKind;
}

const FRAME = /^[\s|]*File "([^"]+)", line \d+/;

/**
 * The files a test id's module may live in, longest first: `a.b.test_c.Class.test_m` →
 * `a/b/test_c/Class.py`, `a/b/test_c.py`, … (a pytest function id has one part fewer than a method's).
 * `setUpClass (a.b.C)` and `[tags]` are understood.
 */
export function testModuleFiles(testId: string): string[] {
  const parts = bareTestId(testId).split('.');
  const files: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) files.push(`${parts.slice(0, n).join('/')}.py`);
  return files;
}

/** The file of the test's own module among the traceback's frames, if any frame is in it. */
function ownFile(frameFiles: string[], testId: string): string | null {
  for (const candidate of testModuleFiles(testId)) {
    const hit = frameFiles.find((f) => f === candidate || f.endsWith(`/${candidate}`));
    if (hit) return hit;
  }
  return null;
}

/**
 * Each line of a traceback with its role: frames (and their source lines) in the test's own module
 * are `own-*`, so the view can point at where the test itself was when it failed; the final
 * exception's lines are `exception`.
 */
export function annotateTraceback(traceback: string, testId: string): TracebackLine[] {
  const lines = traceback.replace(/\r/g, '').replace(/\n+$/, '').split('\n');
  const files = lines.map((l) => FRAME.exec(l)?.[1] ?? null);
  const own = ownFile(
    files.filter((f): f is string => f !== null),
    testId,
  );
  const exception = new Set(exceptionText(traceback).map((l) => l.trim()));
  let inFrame: 'own' | 'other' | null = null;
  return lines.map((text, i) => {
    const file = files[i];
    if (file !== null) {
      inFrame = file === own ? 'own' : 'other';
      return { text, kind: inFrame === 'own' ? 'own-frame' : 'frame' };
    }
    // behind an exception group's bars, or pytest's E marker
    const stripped = text.replace(/^[\s|]*\| ?/, '').replace(/^E\s+/, '');
    if (exception.has(text.trim()) || exception.has(stripped.trim())) {
      inFrame = null;
      return { text, kind: 'exception' };
    }
    // A frame's source line and its ^^^ markers are indented deeper than the frame line.
    if (inFrame && /^[\s|]*\s{4}/.test(text)) return { text, kind: inFrame === 'own' ? 'own-code' : 'code' };
    inFrame = null;
    return { text, kind: 'other' };
  });
}

/**
 * The short form of a traceback: the last frame in the test's own module with its source line, then
 * the final exception. Null when that would not be shorter than the whole.
 */
export function briefTraceback(lines: readonly TracebackLine[]): TracebackLine[] | null {
  let own = -1;
  lines.forEach((l, i) => l.kind === 'own-frame' && (own = i));
  const brief: TracebackLine[] = [];
  if (own >= 0) {
    brief.push(lines[own]);
    for (let i = own + 1; i < lines.length && lines[i].kind === 'own-code'; i++) brief.push(lines[i]);
  }
  brief.push(...lines.filter((l) => l.kind === 'exception'));
  return brief.length > 0 && brief.length < lines.length ? brief : null;
}
