import { useState } from 'preact/hooks';
import { consoleLineText } from '../../../src/artifacts/parsers/console/console-log';
import type { ConsoleScript, RunData } from '../data/types';
import { formatDuration } from '../logic/time';

/** A section counts as failing when its status says so; that one starts open. */
export const isFailing = (s: ConsoleScript) => /fail|error|timed_out/i.test(s.status ?? '');

export function ConsoleView({ run }: { run: RunData }) {
  const doc = run.console;
  if (!doc) return <section class="panel">This run has no console artifact.</section>;
  return (
    <section class="panel console">
      <h2>
        Console <span class="muted">({doc.scripts.length} sections)</span>
      </h2>
      <div class="sections">
        {doc.scripts.map((s, i) => (
          <Section key={i} section={s} />
        ))}
      </div>
    </section>
  );
}

function Section({ section }: { section: ConsoleScript }) {
  const failing = isFailing(section);
  const [open, setOpen] = useState(failing);
  return (
    <details class={failing ? 'section failing' : 'section'} open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        <span class="section-title">{section.name}</span>
        {section.status && <span class={failing ? 'status st-fail' : 'status st-neutral'}>{section.status}</span>}
        <span class="muted num">{formatDuration(section.duration)}</span>
        <span class="muted num">{section.lines.length} lines</span>
      </summary>
      {open && <pre class="attachment">{section.lines.map(consoleLineText).join('\n')}</pre>}
    </details>
  );
}
