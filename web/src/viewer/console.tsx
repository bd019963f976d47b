import { useState } from 'preact/hooks';
import type { ConsoleSection, RunData } from '../data/types';
import { formatDuration } from '../logic/time';

/** A section counts as failing when its status says so; that one starts open. */
export const isFailing = (s: ConsoleSection) => /fail|error|timed_out/i.test(s.status ?? '');

export function ConsoleView({ run }: { run: RunData }) {
  const doc = run.console;
  if (!doc) return <section class="panel">This run has no console artifact.</section>;
  return (
    <section class="panel console">
      <h2>
        Console <span class="muted">({doc.sections.length} sections)</span>
      </h2>
      <div class="sections">
        {doc.sections.map((s, i) => (
          <Section key={i} section={s} />
        ))}
      </div>
    </section>
  );
}

function Section({ section }: { section: ConsoleSection }) {
  const failing = isFailing(section);
  const [open, setOpen] = useState(failing);
  return (
    <details class={failing ? 'section failing' : 'section'} open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        <span class="section-title">{section.title}</span>
        {section.status && <span class={failing ? 'status st-fail' : 'status st-neutral'}>{section.status}</span>}
        <span class="muted num">{formatDuration(section.duration)}</span>
        <span class="muted num">{section.lines.length} lines</span>
      </summary>
      {open && <pre class="attachment">{section.lines.join('\n')}</pre>}
    </details>
  );
}
