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

export function parseDstatCsv(text: string): DstatData {
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
  let expectGroups = false;
  let badRows = 0;

  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') continue;
    const cells = splitCsvRow(line);
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
      data.declare(keys.filter((k) => k !== 'system_time' && k !== 'epoch_epoch'));
      continue;
    }
    const row = readRow(keys, cells, clock);
    if (row) data.add(row.time, row.values);
    else badRows++;
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

function readRow(keys: string[], cells: string[], clock: Clock | undefined): { time: number; values: Array<[string, number]> } | undefined {
  let time: number | undefined;
  const values: Array<[string, number]> = [];
  for (let i = 0; i < keys.length && i < cells.length; i++) {
    const key = keys[i];
    const cell = cells[i].trim();
    if (key === 'system_time') time = rowTime(cell, clock);
    else if (key === 'epoch_epoch') time = cell === '' ? undefined : Number(cell) * 1000;
    else if (cell !== '') {
      const value = Number(cell);
      if (Number.isFinite(value)) values.push([key, value]);
    }
  }
  return time === undefined || !Number.isFinite(time) ? undefined : { time, values };
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

/** Builds aligned columns while new keys may appear in later header blocks. */
class ColumnCollector {
  private readonly times: string[] = [];
  private readonly series = new Map<string, Array<number | null>>();
  private readonly minimums: Record<string, number> = {};
  private readonly maximums: Record<string, number> = {};

  declare(keys: string[]): void {
    for (const key of keys) if (!this.series.has(key)) this.series.set(key, new Array<number | null>(this.times.length).fill(null));
  }

  add(time: number, values: Array<[string, number]>): void {
    const row = this.times.length;
    this.times.push(new Date(time).toISOString());
    for (const [key, value] of values) {
      const column = this.series.get(key)!;
      column[row] = value;
      if (!(key in this.minimums) || value < this.minimums[key]) this.minimums[key] = value;
      if (!(key in this.maximums) || value > this.maximums[key]) this.maximums[key] = value;
    }
    for (const column of this.series.values()) if (column.length <= row) column.push(null);
  }

  result(): Pick<DstatData, 'columns' | 'times' | 'series' | 'minimums' | 'maximums'> {
    return {
      columns: [...this.series.keys()],
      times: this.times,
      series: Object.fromEntries(this.series),
      minimums: this.minimums,
      maximums: this.maximums,
    };
  }
}
