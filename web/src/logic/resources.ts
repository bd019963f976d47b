import type { MemoryLowPoint, PerformanceReport } from '../data/types';
import { formatBytes as formatBytesIn } from '../../../src/common/human-units';

/** The viewer's tables of devstack's performance.json (shape: src/artifacts/parsers/performance/performance-report.ts). */

export interface ServiceMemory {
  service: string;
  /** `n-api` for `devstack@n-api.service`. */
  label: string;
  /** Bytes; null when systemd had no number (the text it gave is in `note`). */
  bytes: number | null;
  note: string | null;
}

/** Services by memory, largest first (those without a number last), and their total. */
export function serviceMemory(report: PerformanceReport): { services: ServiceMemory[]; total: number } {
  const services = report.services.map((s) => {
    const bytes = typeof s.MemoryCurrent === 'number' && Number.isFinite(s.MemoryCurrent) ? s.MemoryCurrent : null;
    return {
      service: s.service,
      label: s.service.replace(/^devstack@/, '').replace(/\.service$/, ''),
      bytes,
      note: bytes === null ? String(s.MemoryCurrent ?? 'no value') : null,
    };
  });
  services.sort((a, b) => (b.bytes ?? -1) - (a.bytes ?? -1) || a.label.localeCompare(b.label));
  return { services, total: services.reduce((sum, s) => sum + (s.bytes ?? 0), 0) };
}

export interface ProcessMemory {
  pid: number;
  /** The command's file name: `mysqld`, `privsep-helper`. */
  label: string;
  cmd: string;
  args: string;
  rss: number;
}

/** The processes get-stats.py followed (privsep, mysqld, erlang, etcd), largest RSS first. */
export function largestProcesses(report: PerformanceReport, limit = 10): ProcessMemory[] {
  return report.processes
    .map((p) => ({ pid: p.pid, label: p.cmd.slice(p.cmd.lastIndexOf('/') + 1), cmd: p.cmd, args: p.args, rss: p.rss }))
    .sort((a, b) => b.rss - a.rss)
    .slice(0, limit);
}

/** Rows with a count per column, columns and rows ordered by their totals. */
export interface CountTable {
  columns: string[];
  rows: { key: string; total: number; counts: Record<string, number> }[];
  total: number;
}

/** Database queries by database (rows) and statement kind (columns); the first report version counted only a total (`all`). */
export function databaseQueries(report: PerformanceReport): CountTable {
  return countTable(report.db.map((d) => ({ row: d.db, column: d.op ?? 'all', count: d.count ?? d.queries ?? 0 })));
}

/** Columns kept in the API table; the rarer clients are summed as `other`. */
const MAX_CLIENTS = 5;

/**
 * API calls by service (rows) and client (columns): get-stats.py counts `<client>-<METHOD>` per
 * service and Apache log; the first report version counted `<METHOD>` alone (client `any`).
 */
export function apiCalls(report: PerformanceReport): CountTable & { largest: Record<string, number> } {
  const cells: { row: string; column: string; count: number }[] = [];
  const largest: Record<string, number> = {};
  for (const entry of report.api) {
    largest[entry.service] = Math.max(largest[entry.service] ?? 0, Number(entry.largest) || 0);
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'service' || key === 'log' || key === 'largest' || typeof value !== 'number') continue;
      const m = /^(?:(.+)-)?([A-Z]+)$/.exec(key);
      cells.push({ row: entry.service, column: m ? (m[1] ?? 'any') : key, count: value });
    }
  }
  const table = countTable(cells);
  if (table.columns.length <= MAX_CLIENTS) return { ...table, largest };
  const kept = new Set(table.columns.slice(0, MAX_CLIENTS - 1));
  const folded = countTable(cells.map((c) => (kept.has(c.column) ? c : { ...c, column: 'other' })));
  return { ...folded, columns: [...table.columns.slice(0, MAX_CLIENTS - 1), 'other'], largest };
}

function countTable(cells: { row: string; column: string; count: number }[]): CountTable {
  const rows = new Map<string, { key: string; total: number; counts: Record<string, number> }>();
  const columnTotals = new Map<string, number>();
  let total = 0;
  for (const { row, column, count } of cells) {
    let r = rows.get(row);
    if (!r) rows.set(row, (r = { key: row, total: 0, counts: {} }));
    r.counts[column] = (r.counts[column] ?? 0) + count;
    r.total += count;
    columnTotals.set(column, (columnTotals.get(column) ?? 0) + count);
    total += count;
  }
  const columns = [...columnTotals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  return { columns, rows: [...rows.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)), total };
}

/** Memory sizes: `329.4 MiB`, `1.2 GiB`. */
export function formatBytes(bytes: number): string {
  return formatBytesIn(bytes, 'iec');
}

/** `/usr/bin/python /usr/local/bin/nova-api --config…` → `nova-api`: the program, not its interpreter. */
export function commandName(command: string): string {
  const words = command.split(/\s+/);
  const program = /(?:^|\/)python[\d.]*$/.test(words[0]) && words[1] ? words[1] : words[0];
  return program.slice(program.lastIndexOf('/') + 1);
}

/** The memory tracker's low points as a time series: epoch seconds, bytes available, and the memory installed (null when not logged). */
export function lowPointSeries(points: readonly MemoryLowPoint[]): { xs: number[]; available: number[]; total: number | null } {
  const totals = points.map((p) => p.mem_total_kb ?? 0);
  const total = Math.max(0, ...totals);
  return {
    xs: points.map((p) => Date.parse(p.time) / 1000),
    available: points.map((p) => p.low_point_kb * 1024),
    total: total > 0 ? total * 1024 : null,
  };
}
