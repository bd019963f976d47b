import { isoFromMicros } from '../subunit/timestamps';
import { zoneOffsetMinutes } from '../dstat/time-zones';
import { MemoryLowPoint } from './memory-low-points';

export const TOP_PROCESSES = 5;
/** Commands are cut to this many characters: the viewer shows a line of each. */
const MAX_COMMAND_CHARS = 200;

/** `journalctl -o short-precise`'s prefix: `Jun 28 13:22:41.000037 host memory_tracker.sh[4012]: `. */
const JOURNAL_PREFIX = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ [^\s:[]+(?:\[\d+\])?: ?/;
/** `date`'s default output: `Tue Jun 28 13:22:41 UTC 2016`. */
const DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\S+) (\d{4})$/;
const LOW_POINT = /^memory_tracker low_point: (\d+)/;
const MEMINFO = /^(MemTotal|MemAvailable):\s+(\d+) kB$/;
const PS_HEADER = /^\s*PID\s+%MEM\s+RSS\s+PPID\s/;
// pid, %mem, rss, ppid, time, nlwp, wchan (one word or `-`), command
const PS_ROW = /^\s*(\d+)\s+[\d.]+\s+(\d+)\s+\d+\s+\S+\s+\d+\s+\S+\s(.*)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Block {
  micros: number | undefined;
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
 * block is held, and of its ps table only the largest processes.
 */
export class MemoryTrackerReader {
  blocks = 0;
  /** Blocks with a low point whose `date` line could not be read. */
  undated = 0;
  private block: Block | undefined;

  /** Returns the low point a block closed with, if any. */
  pushLine(raw: string): MemoryLowPoint | undefined {
    const line = raw.replace(JOURNAL_PREFIX, '').replace(/\r$/, '');
    if (line === '[[[') {
      this.block = { micros: undefined, lowPoint: undefined, memTotal: null, memAvailable: null, processes: [], inPs: false };
      this.blocks++;
      return undefined;
    }
    const block = this.block;
    if (!block) return undefined;
    if (line === ']]]') {
      this.block = undefined;
      return this.point(block);
    }
    if (line === '---') {
      block.inPs = false;
    } else if (block.inPs) {
      this.noteProcess(block, line);
    } else if (PS_HEADER.test(line)) {
      block.inPs = true;
    } else {
      block.micros ??= dateMicros(line);
      const low = LOW_POINT.exec(line);
      if (low) block.lowPoint = Number(low[1]);
      const mem = MEMINFO.exec(line);
      if (mem && mem[1] === 'MemTotal') block.memTotal = Number(mem[2]);
      else if (mem) block.memAvailable = Number(mem[2]);
    }
    return undefined;
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

  private point(block: Block): MemoryLowPoint | undefined {
    if (block.lowPoint === undefined) return undefined;
    if (block.micros === undefined) {
      this.undated++;
      return undefined;
    }
    return {
      time: isoFromMicros(block.micros),
      low_point_kb: block.lowPoint,
      mem_total_kb: block.memTotal,
      mem_available_kb: block.memAvailable,
      top_processes: block.processes,
    };
  }
}

/** Microseconds since the epoch of a `date` line; undefined for any other line or an unknown zone. */
function dateMicros(line: string): number | undefined {
  const m = DATE.exec(line);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]);
  const offset = zoneOffsetMinutes(m[6]);
  if (month < 0 || offset === undefined) return undefined;
  const millis = Date.UTC(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) - offset * 60_000;
  return millis * 1000;
}
