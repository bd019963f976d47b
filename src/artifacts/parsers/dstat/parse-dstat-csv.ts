// Pure string code (no Node imports): the web UI bundles it to read the `dstat` artifact.
import { splitCsvRow } from './csv-row';
import { zoneOffsetMinutes } from './time-zones';

export interface DstatHeader {
  tool: 'dstat' | 'pcp-dstat' | 'dool';
  version: string;
  host: string | null;
  user: string | null;
  cmdline: string | null;
  /** The first block's `Date:` header as written, e.g. `28 Sep 2018 02:20:01 UTC`. */
  date: string | null;
}

/**
 * The parsed CSV, column-wise (ready for uPlot). Column keys join the group and column names as
 * StackViz does (`total_cpu_usage_usr`, `memory_usage_used`, `net_total_recv`, `dsk_total_read`);
 * a repeated key gets `_2`, `_3`. The time column (`system_time` or `epoch_epoch`) becomes `times`.
 */
export interface DstatData {
  header: DstatHeader;
  /** Value column keys in file order (the union over repeated header blocks). */
  columns: string[];
  /** Absolute UTC time of each row, ISO 8601 (`2018-09-28T02:46:35.000Z`). */
  times: string[];
  /** The same times in epoch milliseconds. */
  timesMs: number[];
  /** Per column key, one value per row; null where the row has none. */
  series: Record<string, Array<number | null>>;
  minimums: Record<string, number>;
  maximums: Record<string, number>;
  /** Rows skipped, an unknown time zone taken as UTC, ... */
  warnings: string[];
}

export class DstatFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DstatFormatError';
  }
}

const TITLE = /^(Dstat|pcp-dstat|dool) (\S+) CSV output$/i;
const HEADER_DATE = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d\d):(\d\d):(\d\d)(?: (.+))?$/;
const ROW_TIME = /^(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Where the rows' `dd-mm HH:MM:SS` times stand: dstat writes no year and the host's local time. */
interface Clock {
  year: number;
  month: number;
  offsetMinutes: number;
}

/** StackViz's column key: group and name joined by `_`, spaces and slashes made `_`. */
export function dstatColumnKey(group: string, name: string): string {
  return `${group}_${name}`.replace(/[ /]/g, '_');
}

/** Throws DstatFormatError (with a reason) unless the text starts like a dstat CSV file. */
export function recognizeDstat(text: string): DstatHeader['tool'] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const title = TITLE.exec(splitCsvRow(firstLine)[0] ?? '');
  if (!title) {
    throw new DstatFormatError(
      `not a dstat CSV file: the first line is ${JSON.stringify(firstLine.slice(0, 80))}, ` +
        'expected "Dstat <version> CSV output" or "pcp-dstat <version> CSV Output"',
    );
  }
  return title[1].toLowerCase() as DstatHeader['tool'];
}

/** `only`: the value columns to read (the viewer draws 8 of dstat's ~30); the others are left out of the result. */
export function parseDstatCsv(text: string, only?: ReadonlySet<string>): DstatData {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const tool = recognizeDstat(text);
  const header: DstatHeader = {
    tool,
    version: TITLE.exec(splitCsvRow(lines[0])[0])![2],
    host: null,
    user: null,
    cmdline: null,
    date: null,
  };
  const data = new ColumnCollector();
  const warnings: string[] = [];
  let clock: Clock | undefined;
  let groups: string[] | undefined;
  let keys: string[] | undefined;
  let block: HeaderBlock | undefined;
  let expectGroups = false;
  let badRows = 0;

  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') continue;
    // A data row needs only its cells up to the last column read.
    const cells = splitCsvRow(line, block && !expectGroups && line[0] !== '"' ? block.cellsNeeded : Infinity);
    const label = line.startsWith('"') ? cells[0] : undefined;
    if (label !== undefined && TITLE.test(label)) continue;
    if (label === 'Author:') continue;
    if (label === 'Host:') {
      header.host ??= cells[1] ?? null;
      header.user ??= cells[6] ?? null;
      continue;
    }
    if (label === 'Cmdline:') {
      header.cmdline ??= cells[1] ?? null;
      const date = cells[6] ?? '';
      header.date ??= date;
      clock = headerClock(date, warnings);
      expectGroups = true;
      groups = keys = undefined;
      continue;
    }
    if (expectGroups || (keys === undefined && groups === undefined && label !== undefined)) {
      groups = fillRight(cells);
      expectGroups = false;
      continue;
    }
    if (keys === undefined) {
      if (!groups) throw new DstatFormatError(`not a dstat CSV file: line ${n + 1} comes before the column header rows`);
      keys = columnKeys(groups, cells);
      if (!keys.some((k) => k === 'system_time' || k === 'epoch_epoch')) {
        throw new DstatFormatError(`dstat CSV without a time column (line ${n + 1}); record it with dstat -t`);
      }
      block = data.block(keys, only);
      continue;
    }
    const time = rowTimeOf(block!, cells, clock);
    if (time === undefined) badRows++;
    else data.add(block!, time, cells);
  }
  if (keys === undefined) throw new DstatFormatError('not a dstat CSV file: no column header rows');
  if (badRows > 0) warnings.push(`${badRows} rows without a readable time were skipped`);
  return { header, ...data.result(), warnings };
}

function headerClock(date: string, warnings: string[]): Clock {
  const m = HEADER_DATE.exec(date.trim());
  if (!m) {
    warnings.push(`unreadable Date: header ${JSON.stringify(date)}; times taken as UTC in 1970`);
    return { year: 1970, month: 1, offsetMinutes: 0 };
  }
  const zone = m[7] ?? 'UTC';
  let offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) {
    warnings.push(`unknown time zone ${JSON.stringify(zone)} in the Date: header; times taken as UTC`);
    offsetMinutes = 0;
  }
  return { year: Number(m[3]), month: MONTHS.indexOf(m[2].toLowerCase()) + 1, offsetMinutes };
}

/** dstat writes a group name once, over the empty cells of the columns after it. */
function fillRight(cells: string[]): string[] {
  const filled: string[] = [];
  let current = '';
  for (const cell of cells) {
    if (cell !== '') current = cell;
    filled.push(current);
  }
  return filled;
}

function columnKeys(groups: string[], names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name, i) => {
    const base = dstatColumnKey(groups[i] ?? groups[groups.length - 1] ?? '', name);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

function rowTimeOf(block: HeaderBlock, cells: string[], clock: Clock | undefined): number | undefined {
  const cell = cells[block.timeIndex]?.trim();
  if (cell === undefined || cell === '') return undefined;
  const time = block.epochTime ? Number(cell) * 1000 : rowTime(cell, clock);
  return time === undefined || !Number.isFinite(time) ? undefined : time;
}

/** `28-09 02:46:35` in the host's zone → epoch milliseconds; the year rolls over after December. */
function rowTime(cell: string, clock: Clock | undefined): number | undefined {
  const m = ROW_TIME.exec(cell);
  if (!m || !clock) return undefined;
  const month = Number(m[2]);
  if (month < clock.month) clock.year++;
  clock.month = month;
  const local = Date.UTC(
    clock.year,
    month - 1,
    Number(m[1]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number((m[6] ?? '0').padEnd(3, '0')),
  );
  return local - clock.offsetMinutes * 60_000;
}

interface Column {
  values: Array<number | null>;
  min: number;
  max: number;
}

/** One header block's columns: where its time is, and the column each cell goes to (null for the time). */
interface HeaderBlock {
  timeIndex: number;
  epochTime: boolean;
  byCell: Array<Column | null>;
  /** Columns of earlier blocks that this block does not have: null in its rows. */
  absent: Column[];
  /** Cells a row must be split into to reach its time and every column read. */
  cellsNeeded: number;
}

/**
 * Builds aligned columns while new keys may appear in later header blocks. Rows go straight into
 * per-column arrays by cell position: a browser parses an hour of dstat (5,000 rows × 30 columns)
 * before it can draw the timeline.
 */
class ColumnCollector {
  private readonly timesMs: number[] = [];
  private readonly columns = new Map<string, Column>();

  block(keys: string[], only?: ReadonlySet<string>): HeaderBlock {
    // With both time columns, the later one counts.
    const timeIndex = Math.max(keys.lastIndexOf('system_time'), keys.lastIndexOf('epoch_epoch'));
    const byCell = keys.map((key, i) => {
      if (i === timeIndex || key === 'system_time' || key === 'epoch_epoch' || (only && !only.has(key))) return null;
      let column = this.columns.get(key);
      if (!column) {
        column = { values: new Array<number | null>(this.timesMs.length).fill(null), min: Infinity, max: -Infinity };
        this.columns.set(key, column);
      }
      return column;
    });
    const present = new Set(byCell);
    const lastRead = byCell.reduce<number>((last, column, i) => (column ? i : last), timeIndex);
    return {
      cellsNeeded: lastRead + 1,
      timeIndex,
      epochTime: keys[timeIndex] === 'epoch_epoch',
      byCell,
      absent: [...this.columns.values()].filter((c) => !present.has(c)),
    };
  }

  add(block: HeaderBlock, time: number, cells: string[]): void {
    this.timesMs.push(time);
    const { byCell } = block;
    for (let i = 0; i < byCell.length; i++) {
      const column = byCell[i];
      if (!column) continue;
      const cell = i < cells.length ? cells[i].trim() : '';
      const value = cell === '' ? NaN : Number(cell);
      if (Number.isFinite(value)) {
        column.values.push(value);
        if (value < column.min) column.min = value;
        if (value > column.max) column.max = value;
      } else {
        column.values.push(null);
      }
    }
    for (const column of block.absent) column.values.push(null);
  }

  result(): Pick<DstatData, 'columns' | 'times' | 'timesMs' | 'series' | 'minimums' | 'maximums'> {
    const series: Record<string, Array<number | null>> = {};
    const minimums: Record<string, number> = {};
    const maximums: Record<string, number> = {};
    for (const [key, column] of this.columns) {
      series[key] = column.values;
      if (column.min <= column.max) {
        minimums[key] = column.min;
        maximums[key] = column.max;
      }
    }
    return {
      columns: [...this.columns.keys()],
      times: this.timesMs.map((ms) => new Date(ms).toISOString()),
      timesMs: this.timesMs,
      series,
      minimums,
      maximums,
    };
  }
}
