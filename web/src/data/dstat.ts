import { parseDstatCsv, type DstatData } from '../../../src/artifacts/parsers/dstat/parse-dstat-csv';
import type { DstatSeries } from './types';

/** The columns the strips draw, under the names dstat and pcp-dstat give them. */
const DRAWN = {
  cpuUsr: ['total_cpu_usage_usr', 'total_usage_usr'],
  cpuSys: ['total_cpu_usage_sys', 'total_usage_sys'],
  cpuWait: ['total_cpu_usage_wai', 'total_usage_wai'],
  memUsed: ['memory_usage_used'],
  netRecv: ['net_total_recv'],
  netSend: ['net_total_send'],
  dskRead: ['dsk_total_read'],
  dskWrit: ['dsk_total_writ'],
} as const;
const DRAWN_KEYS = new Set<string>(Object.values(DRAWN).flat());

/** The first of several column keys present (dstat and pcp-dstat name some groups differently). */
function column(data: DstatData, keys: readonly string[]): (number | null)[] {
  const key = keys.find((k) => data.series[k]);
  return key ? data.series[key] : data.timesMs.map(() => null);
}

/**
 * The dstat artifact (CSV) → the series the timeline strips draw, using the service's own
 * browser-safe parser (src/artifacts/parsers/dstat). Null when the text is not a dstat CSV.
 */
export function toDstatSeries(csv: string): DstatSeries | null {
  let data: DstatData;
  try {
    data = parseDstatCsv(csv, DRAWN_KEYS);
  } catch {
    return null;
  }
  if (data.timesMs.length === 0) return null;
  return {
    times: data.timesMs,
    cpuUsr: column(data, DRAWN.cpuUsr),
    cpuSys: column(data, DRAWN.cpuSys),
    cpuWait: column(data, DRAWN.cpuWait),
    memUsed: column(data, DRAWN.memUsed),
    netRecv: column(data, DRAWN.netRecv),
    netSend: column(data, DRAWN.netSend),
    dskRead: column(data, DRAWN.dskRead),
    dskWrit: column(data, DRAWN.dskWrit),
  };
}
