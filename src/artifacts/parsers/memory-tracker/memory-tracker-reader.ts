import { isoFromMicros } from '../subunit/timestamps';
import { dateLineMicros } from './date-line';
import { JournalTime, journalTime, journalHeaderMicros } from './journal-time';
import { MemoryLowPoint, MemoryLowPoints, UnplacedLowPoint } from './memory-low-points';

export const TOP_PROCESSES = 5;
/** Low points kept of one log (a three-hour run has a few dozen); past it, the rest are counted and dropped. */
export const MAX_LOW_POINTS = 10_000;
/** Commands are cut to this many characters: the viewer shows a line of each. */
const MAX_COMMAND_CHARS = 200;

const LOW_POINT = /^memory_tracker low_point: (\d+)/;
const MEMINFO = /^(MemTotal|MemAvailable):\s+(\d+) kB$/;
const PS_HEADER = /^\s*PID\s+%MEM\s+RSS\s+PPID\s/;
// pid, %mem, rss, ppid, time, nlwp, wchan (one word or `-`), command
const PS_ROW = /^\s*(\d+)\s+[\d.]+\s+(\d+)\s+\d+\s+\S+\s+\d+\s+\S+\s(.*)$/;

interface Block {
  /** The line after `[[[`, which memory_tracker writes with `date`. */
  dateLine: string | null;
  micros: number | undefined;
  /** The journal's time of the block's first line, when the log has the journal's prefix. */
  journal: JournalTime | undefined;
  /** Before the first `---`: where the date line is. */
  inHead: boolean;
  lowPoint: number | undefined;
  memTotal: number | null;
  memAvailable: number | null;
  processes: { pid: number; rss_kb: number; command: string }[];
  inPs: boolean;
}

/**
 * Reads devstack's tools/memory_tracker.sh output one line at a time (raw, or with the journal's
 * prefix as export-devstack-journal saves it). A block is `[[[`, a `date` line, and, when
 * MemAvailable fell to a new low, `memory_tracker low_point: <kB>`, /proc/meminfo and a `ps`
 * table, each after a `---`; mlock_report's line may follow; `]]]` ends it. Only the current
 * block is held, and of its ps table only the largest processes; blocks with a low point are kept
 * (a few dozen in a run) until the end, when those whose date line could not be read are placed by
 * the journal's time (date-line.ts, journal-time.ts).
 */
export class MemoryTrackerReader {
  blocks = 0;
  /** Low points past MAX_LOW_POINTS, dropped. */
  dropped = 0;
  private block: Block | undefined;
  private readonly lows: Block[] = [];
  /** journalctl's "-- Logs begin at …" header: a dated instant of the run. */
  private headerMicros: number | undefined;

  pushLine(raw: string): void {
    const text = raw.replace(/\r$/, '');
    this.headerMicros ??= journalHeaderMicros(text);
    const journal = journalTime(text);
    const line = journal ? text.slice(journal.prefixLength) : text;
    if (line === '[[[') {
      this.block = {
        dateLine: null,
        micros: undefined,
        journal,
        inHead: true,
        lowPoint: undefined,
        memTotal: null,
        memAvailable: null,
        processes: [],
        inPs: false,
      };
      this.blocks++;
      return;
    }
    const block = this.block;
    if (!block) return;
    if (line === ']]]') {
      this.block = undefined;
      if (block.lowPoint === undefined) return;
      if (this.lows.length < MAX_LOW_POINTS) this.lows.push(block);
      else this.dropped++;
      return;
    }
    if (line === '---') {
      block.inHead = false;
      block.inPs = false;
    } else if (block.inHead) {
      if (block.dateLine === null && line.trim() !== '') {
        block.dateLine = line.trim();
        block.micros = dateLineMicros(line);
      }
    } else if (block.inPs) {
      this.noteProcess(block, line);
    } else if (PS_HEADER.test(line)) {
      block.inPs = true;
    } else {
      const low = LOW_POINT.exec(line);
      if (low) block.lowPoint = Number(low[1]);
      const mem = MEMINFO.exec(line);
      if (mem && mem[1] === 'MemTotal') block.memTotal = Number(mem[2]);
      else if (mem) block.memAvailable = Number(mem[2]);
    }
  }

  /**
   * The low points in the log's order. A block whose date line was not read is timed by the
   * journal's prefix: its year (which the prefix lacks) is the one that puts it nearest the run's
   * dated blocks (or journalctl's header), and its clock is corrected by the offset between the
   * prefix and the date line of a block that has both (the journal writes the node's local time
   * without a zone). What neither places is `unplaced`.
   */
  finish(): MemoryLowPoints {
    const anchors = this.lows.filter((b) => b.micros !== undefined).map((b) => b.micros!);
    if (this.headerMicros !== undefined) anchors.push(this.headerMicros);
    const calibration = this.lows.find((b) => b.micros !== undefined && b.journal);
    const offset = calibration ? clockOffset(calibration.micros!, calibration.journal!) : 0;
    const points: MemoryLowPoint[] = [];
    const unplaced: UnplacedLowPoint[] = [];
    for (const block of this.lows) {
      const micros = block.micros ?? (block.journal && placeByYear(block.journal, offset, anchors));
      const facts = {
        low_point_kb: block.lowPoint!,
        mem_total_kb: block.memTotal,
        mem_available_kb: block.memAvailable,
        top_processes: block.processes,
      };
      if (micros === undefined) unplaced.push({ date_line: block.dateLine, ...facts });
      else points.push({ time: isoFromMicros(micros), ...facts });
    }
    return { points, unplaced };
  }

  private noteProcess(block: Block, line: string): void {
    const row = PS_ROW.exec(line);
    if (!row) return;
    const processes = block.processes;
    const rss = Number(row[2]);
    if (processes.length === TOP_PROCESSES && rss <= processes[TOP_PROCESSES - 1].rss_kb) return;
    processes.push({ pid: Number(row[1]), rss_kb: rss, command: row[3].trim().slice(0, MAX_COMMAND_CHARS) });
    processes.sort((a, b) => b.rss_kb - a.rss_kb);
    if (processes.length > TOP_PROCESSES) processes.pop();
  }
}

const QUARTER_HOUR_MICROS = 15 * 60 * 1e6;

/** How far the journal's clock is from UTC: the date line's instant less the prefix read as UTC, to the quarter hour (zones' granularity). */
function clockOffset(micros: number, journal: JournalTime): number {
  const year = new Date(micros / 1000).getUTCFullYear();
  const candidates = [year - 1, year, year + 1].map((y) => micros - journal.microsIn(y));
  const nearest = candidates.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
  return Math.round(nearest / QUARTER_HOUR_MICROS) * QUARTER_HOUR_MICROS;
}

/** The journal time in the year (of those around the anchors') that puts it nearest an anchor; undefined without anchors. */
function placeByYear(journal: JournalTime, offset: number, anchors: readonly number[]): number | undefined {
  let best: { micros: number; gap: number } | undefined;
  for (const anchor of anchors) {
    const year = new Date(anchor / 1000).getUTCFullYear();
    for (const y of [year - 1, year, year + 1]) {
      const micros = journal.microsIn(y) + offset;
      const gap = Math.abs(micros - anchor);
      if (!best || gap < best.gap) best = { micros, gap };
    }
  }
  return best?.micros;
}
