import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DstatSeries, MemoryLowPoints, RunData, TestRecord } from '../data/types';
import { laneOf, nearestInNextLane, stepInLane, type Lane } from '../logic/lanes';
import { sitePath } from '../../../src/ui/ui-routes';
import { overlaps, runBounds, testMatches, windowShowing, zoomWindow, type TimeWindow } from '../logic/timeline-geometry';
import { formatTimelineState, parseTimelineState } from '../logic/url-state';
import { Link, navigate, replaceSearch } from '../router';
import { DstatStrips } from './dstat-strips';
import { MemoryStrip } from './memory-strip';
import { LanesCanvas } from './lanes-canvas';
import { Overview } from './overview';
import { DottedName } from './dotted-name';
import { TestFacts } from './test-facts';
import { statusColour } from './status';
import type { TimeStripProps } from './time-strips';
import { TracebackView } from './traceback-view';
import { useWidth } from './use-width';
import { count } from '../../../src/common/human-units';

interface TimelineProps {
  site: string;
  run: RunData;
  lanes: Lane[];
  search: string;
}

export function TimelineView({ site, run, lanes, search }: TimelineProps) {
  const bounds = useMemo(() => runBounds(run.tests), [run.tests]);
  const base = run.tests[0]?.start ?? bounds.from;
  const initial = useMemo(() => parseTimelineState(search), []);
  const byName = useMemo(() => new Map(run.tests.map((t) => [t.name, t])), [run.tests]);

  const [selected, setSelected] = useState<TestRecord | null>(() => (initial.test ? (byName.get(initial.test) ?? null) : null));
  const [win, setWin] = useState<TimeWindow>(() => {
    if (initial.from != null && initial.to != null) return { from: base + initial.from * 1000, to: base + initial.to * 1000 };
    return selected ? windowShowing({ from: bounds.from, to: bounds.from + (bounds.to - bounds.from) / 4 }, selected, bounds) : bounds;
  });
  const [q, setQ] = useState(initial.q);
  const [statuses, setStatuses] = useState<string[]>(initial.statuses);

  const host = useRef<HTMLDivElement>(null);
  const width = useWidth(host);

  const dstatInRun = useMemo(() => run.dstat !== null && overlaps(dstatSpan(run.dstat), bounds), [run.dstat, bounds]);
  const memoryInRun = useMemo(
    () => run.memory !== null && run.memory.points.length > 0 && overlaps(memorySpan(run.memory), bounds),
    [run.memory, bounds],
  );
  const presentStatuses = useMemo(() => [...new Set(run.tests.map((t) => t.status))], [run.tests]);
  const matches = (t: TestRecord) => testMatches(t, q, statuses);
  const filtered = q !== '' || statuses.length > 0;
  const matchCount = useMemo(() => (filtered ? run.tests.filter(matches).length : run.tests.length), [q, statuses, run.tests]);

  useEffect(() => {
    const whole = win.from <= bounds.from && win.to >= bounds.to;
    replaceSearch(
      formatTimelineState({
        test: selected?.name ?? null,
        from: whole ? null : (win.from - base) / 1000,
        to: whole ? null : (win.to - base) / 1000,
        q,
        statuses,
      }),
    );
  }, [selected, win, q, statuses]);

  const select = (t: TestRecord | null) => {
    setSelected(t);
    if (t) setWin((w) => windowShowing(w, t, bounds));
  };

  const onKey = (e: KeyboardEvent) => {
    const current = selected ?? firstInLanes(lanes, matches);
    let next: TestRecord | null = null;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        if (!selected) next = current;
        else {
          const dir = e.key === 'ArrowRight' ? 1 : -1;
          next = stepInLane(lanes, selected, dir);
          while (next && filtered && !matches(next)) next = stepInLane(lanes, next, dir);
        }
        break;
      }
      case 'ArrowUp':
      case 'ArrowDown':
        next = current && selected ? nearestInNextLane(lanes, current, e.key === 'ArrowDown' ? 1 : -1) : current;
        break;
      case '+':
      case '=':
      case '-': {
        const anchor = selected ? (selected.start + selected.end) / 2 : (win.from + win.to) / 2;
        setWin(zoomWindow(win, anchor, e.key === '-' ? 2 : 0.5, bounds));
        e.preventDefault();
        return;
      }
      case '0':
        setWin(bounds);
        return;
      case 'Escape':
        setSelected(null);
        return;
      case 'Enter':
        if (selected) navigate(sitePath(site, 'test', selected.name));
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next) select(next);
  };

  const findNext = () => {
    const from = selected ? selected.index + 1 : 0;
    const hit = run.tests.slice(from).find(matches) ?? run.tests.find(matches);
    if (hit) select(hit);
  };

  const toggleStatus = (s: string) => setStatuses((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));
  const strip = (width: number): TimeStripProps => ({
    width,
    window: win,
    onWindow: setWin,
    at: selected ? (selected.start + selected.end) / 2 : null,
  });

  return (
    <div class="timeline-layout">
      <section class="panel timeline-main">
        <div class="timeline-controls">
          <input
            type="search"
            aria-label="Search tests by name"
            placeholder="Search test names (Enter: next match)"
            value={q}
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                findNext();
              }
            }}
          />
          <div class="status-filter" role="group" aria-label="Show statuses">
            {presentStatuses.map((s) => (
              <button
                type="button"
                key={s}
                class={`chip st-chip-${s} ${statuses.includes(s) ? 'on' : ''}`}
                aria-pressed={statuses.includes(s)}
                onClick={() => toggleStatus(s)}
              >
                {/* the bars' colour: the chips are the timeline's legend too */}
                <span class="chip-dot" style={{ background: statusColour(s) }} aria-hidden="true" />
                {s}
              </button>
            ))}
          </div>
          <span class="muted match-count">{filtered ? `${matchCount} of ${run.tests.length} match` : `${run.tests.length} tests`}</span>
          <button type="button" onClick={() => setWin(bounds)} disabled={win.from <= bounds.from && win.to >= bounds.to}>
            Whole run
          </button>
        </div>
        {run.durationsOnly && (
          <p class="muted small durations-note">
            This report gives each test's duration but not when it ran: the tests are laid end to end in the report's order, on one lane,
            and the clock counts from the first.
          </p>
        )}
        <div class="timeline-canvases" ref={host}>
          {/* measured before the first paint: drawn once, at the width they take */}
          {width !== null && (
            <>
              <Overview lanes={lanes} width={width} window={win} bounds={bounds} onWindow={setWin} />
              <LanesCanvas
                lanes={lanes}
                width={width}
                window={win}
                bounds={bounds}
                selected={selected}
                matches={matches}
                onWindow={setWin}
                onSelect={select}
                onKey={onKey}
              />
              {dstatInRun ? <DstatStrips dstat={run.dstat!} {...strip(width)} /> : <DstatNote run={run} />}
              {memoryInRun && <MemoryStrip memory={run.memory!} {...strip(width)} />}
            </>
          )}
          {(run.memory?.unplaced?.length ?? 0) > 0 && (
            <p class="muted small unplaced-note">
              {count(run.memory!.unplaced!.length, 'memory low point')} could not be placed in time;{' '}
              <Link href={sitePath(site, 'resources')}>Resources</Link> lists them.
            </p>
          )}
        </div>
        <p class="muted small hint">
          Drag to pan, wheel to zoom, drag on the overview or a dstat strip to pick a window. Keys: ← → step in a lane, ↑ ↓ change lane, + −
          zoom, 0 whole run, Enter details.
        </p>
      </section>
      <aside class="panel timeline-side" aria-live="polite">
        {selected ? (
          <SelectedTest site={site} run={run} test={selected} lane={lanes[laneOf(lanes, selected)]} base={base} />
        ) : (
          <p class="muted">Click a bar, or focus the timeline and press → to select a test.</p>
        )}
      </aside>
    </div>
  );
}

function dstatSpan(dstat: DstatSeries): TimeWindow {
  return { from: dstat.times[0], to: dstat.times[dstat.times.length - 1] };
}

function memorySpan(memory: MemoryLowPoints): TimeWindow {
  return { from: Date.parse(memory.points[0].time), to: Date.parse(memory.points[memory.points.length - 1].time) };
}

/** Says why there are no dstat strips: no CSV, or one recorded at another time than the tests. */
function DstatNote({ run }: { run: RunData }) {
  // devstack stopped running dstat in 2021; its memory tracker (below) is what newer runs have
  if (run.durationsOnly) {
    return run.dstat || run.memory ? (
      <p class="muted small dstat-note">
        The tests have no start times, so what dstat and the memory tracker recorded cannot be placed beside them.
      </p>
    ) : null;
  }
  if (!run.dstat) return run.memory ? null : <p class="muted small">No dstat data for this run.</p>;
  const span = dstatSpan(run.dstat);
  const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  return (
    <p class="muted small dstat-note">
      dstat was recorded from {at(span.from)} to {at(span.to)} UTC, outside the tests' time range.
    </p>
  );
}

/** Where keyboard stepping starts: the first matching test of the topmost lane that has one. */
function firstInLanes(lanes: readonly Lane[], matches: (t: TestRecord) => boolean): TestRecord | null {
  for (const lane of lanes) {
    const hit = lane.tests.find(matches);
    if (hit) return hit;
  }
  return null;
}

function SelectedTest({
  site,
  run,
  test,
  lane,
  base,
}: {
  site: string;
  run: RunData;
  test: TestRecord;
  lane: Lane | undefined;
  base: number;
}) {
  const d = run.details[test.name] ?? {};
  return (
    <div class="selected-test">
      <h2 class="test-name">
        <DottedName name={test.name} />
      </h2>
      <dl class="kv">
        <TestFacts test={test} runStart={base} />
        <dt>Lane</dt>
        <dd>
          {lane?.label}{' '}
          <span class="muted">
            ({lane ? lane.tests.indexOf(test) + 1 : 0} of {lane?.tests.length})
          </span>
        </dd>
        <dt>Tags</dt>
        <dd>{test.tags.join(', ') || '—'}</dd>
      </dl>
      {d.traceback && <TracebackView text={d.traceback} testId={test.id} brief />}
      {d.reason && <p class="reason">{d.reason}</p>}
      <p>
        <Link href={sitePath(site, 'test', test.name)}>
          Open test details{Object.keys(d).length ? ` (${Object.keys(d).join(', ')})` : ''}
        </Link>
      </p>
    </div>
  );
}
