import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { firstFailingStep, type ConsoleModel, type ConsoleStep } from '../data/console-model';
import type { RunData } from '../data/types';
import { formatDuration } from '../logic/time';
import { count } from '../../../src/common/human-units';

/** One error line: its step and its index in that step's lines. */
interface ErrorRef {
  step: number;
  line: number;
}

const errorId = (e: ErrorRef) => `err-${e.step}-${e.line}`;

/**
 * The job console, one collapsible section per play/task. It opens at the first failing task,
 * scrolled to that task's first error line (the one the parser marked, when it did); "Next error" (key n, p for the previous) steps through
 * every error line, opening its section. Closed sections render no lines, and an open one renders
 * its lines as a few text runs between the highlighted error lines, so a 50,000-line console stays fast.
 */
export function ConsoleView({ run }: { run: RunData }) {
  const model = run.console;
  if (!model) return <section class="panel">This run has no console artifact.</section>;
  return <Console model={model} />;
}

function Console({ model }: { model: ConsoleModel }) {
  const errors = useMemo(() => model.steps.flatMap((s, step) => s.errors.map((line) => ({ step, line }))), [model]);
  const firstFailing = useMemo(() => firstFailingStep(model), [model]);
  const [open, setOpen] = useState<Set<number>>(() => new Set(firstFailing === null ? [] : [firstFailing]));
  const [current, setCurrent] = useState<ErrorRef | null>(() => {
    if (firstFailing === null) return null;
    const line = model.steps[firstFailing].firstError;
    return line === null ? null : { step: firstFailing, line };
  });
  const host = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!current) return;
    host.current?.querySelector(`#${errorId(current)}`)?.scrollIntoView({ block: 'center' });
  }, [current]);

  const go = (dir: 1 | -1) => {
    if (errors.length === 0) return;
    const at = current ? errors.findIndex((e) => e.step === current.step && e.line === current.line) : -1;
    const next = errors[(at + dir + errors.length) % errors.length] ?? errors[0];
    setOpen((o) => (o.has(next.step) ? o : new Set(o).add(next.step)));
    setCurrent(next);
  };
  const toggle = (i: number, isOpen: boolean) =>
    setOpen((o) => {
      if (o.has(i) === isOpen) return o;
      const n = new Set(o);
      if (isOpen) n.add(i);
      else n.delete(i);
      return n;
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement | null)?.closest?.('input, textarea')) return;
      if (e.key === 'n') go(1);
      else if (e.key === 'p' || e.key === 'N') go(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const position = current ? errors.findIndex((e) => e.step === current.step && e.line === current.line) + 1 : 0;
  return (
    <section class="panel console" ref={host}>
      <div class="console-head">
        <h2>
          Console <span class="muted">({model.steps.length} sections)</span>
        </h2>
        <div class="error-nav">
          <span class="muted small" aria-live="polite">
            {errors.length === 0 ? 'no error lines' : position ? `error ${position} of ${errors.length}` : `${errors.length} error lines`}
          </span>
          <button type="button" onClick={() => go(-1)} disabled={errors.length === 0} title="Previous error (p)">
            Previous error
          </button>
          <button type="button" class="next-error" onClick={() => go(1)} disabled={errors.length === 0} title="Next error (n)">
            Next error
          </button>
        </div>
      </div>
      <div class="sections">
        {model.steps.map((s, i) => (
          <Section
            key={i}
            index={i}
            step={s}
            open={open.has(i)}
            current={current?.step === i ? current.line : null}
            onToggle={(o) => toggle(i, o)}
          />
        ))}
      </div>
    </section>
  );
}

function Section({
  index,
  step,
  open,
  current,
  onToggle,
}: {
  index: number;
  step: ConsoleStep;
  open: boolean;
  current: number | null;
  onToggle: (open: boolean) => void;
}) {
  return (
    <details
      class={step.failing ? 'section failing' : 'section'}
      open={open}
      onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <span class="section-title">{step.title}</span>
        {step.status && <span class={step.failing ? 'status st-fail' : 'status st-neutral'}>{step.status}</span>}
        {step.errors.length > 0 && <span class="error-count">{count(step.errors.length, 'error')}</span>}
        <span class="muted num">{formatDuration(step.duration)}</span>
        <span class="muted num">{step.lines.length} lines</span>
      </summary>
      {open && <SectionLines index={index} step={step} current={current} />}
    </details>
  );
}

/** The lines as text runs, each error line its own highlighted span (the only per-line elements). */
function SectionLines({ index, step, current }: { index: number; step: ConsoleStep; current: number | null }) {
  const parts: ComponentChildren[] = [];
  let from = 0;
  for (const line of step.errors) {
    if (line > from) parts.push(step.lines.slice(from, line).join('\n') + '\n');
    parts.push(
      <span key={line} id={errorId({ step: index, line })} class={line === current ? 'error-line current' : 'error-line'}>
        {step.lines[line]}
        {'\n'}
      </span>,
    );
    from = line + 1;
  }
  if (from < step.lines.length) parts.push(step.lines.slice(from).join('\n'));
  return <pre class="attachment console-lines">{parts}</pre>;
}
