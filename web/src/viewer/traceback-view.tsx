import { useMemo, useState } from 'preact/hooks';
import { annotateTraceback, briefTraceback, type TracebackLine } from '../logic/traceback';

/**
 * A traceback with the frame in the test's own module marked and the final exception in bold. `brief`
 * starts with that frame and the exception only, and a button shows the whole traceback.
 */
export function TracebackView({ text, testId, brief = false }: { text: string; testId: string; brief?: boolean }) {
  const lines = useMemo(() => annotateTraceback(text, testId), [text, testId]);
  const short = useMemo(() => (brief ? briefTraceback(lines) : null), [lines, brief]);
  const [whole, setWhole] = useState(false);
  const shown = short && !whole ? short : lines;
  return (
    <div class="traceback-wrap">
      <pre class="traceback">
        {shown.map((l, i) => (
          <TracebackRow
            key={i}
            line={l}
            gap={short !== null && !whole && i > 0 && l.kind === 'exception' && shown[i - 1].kind !== 'exception'}
          />
        ))}
      </pre>
      {short && (
        <button type="button" class="link-button" aria-expanded={whole} onClick={() => setWhole(!whole)}>
          {whole ? 'Show the short form' : `Show the whole traceback (${lines.length} lines)`}
        </button>
      )}
    </div>
  );
}

function TracebackRow({ line, gap }: { line: TracebackLine; gap: boolean }) {
  return (
    <>
      {gap && <span class="tb-gap">⋮{'\n'}</span>}
      <span class={`tb-${line.kind}`}>
        {line.text}
        {'\n'}
      </span>
    </>
  );
}
