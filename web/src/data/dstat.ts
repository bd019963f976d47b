import { parseDstatCsv, type DstatData } from '../../../src/artifacts/parsers/dstat/parse-dstat-csv';
import type { DstatSeries } from './types';

/** The first of several column keys present (dstat and pcp-dstat name some groups differently). */
function column(data: DstatData, ...keys: string[]): (number | null)[] {
  const key = keys.find((k) => data.series[k]);
  return key ? data.series[key] : data.times.map(() => null);
}

/**
 * The dstat artifact (CSV) → the series the timeline strips draw, using the service's own
 * browser-safe parser (src/artifacts/parsers/dstat). Null when the text is not a dstat CSV.
 */
export function toDstatSeries(csv: string): DstatSeries | null {
  let data: DstatData;
  try {
    data = parseDstatCsv(csv);
  } catch {
    return null;
  }
  if (data.times.length === 0) return null;
  return {
    times: data.timesMs,
    cpuUsr: column(data, 'total_cpu_usage_usr', 'total_usage_usr'),
    cpuSys: column(data, 'total_cpu_usage_sys', 'total_usage_sys'),
    cpuWait: column(data, 'total_cpu_usage_wai', 'total_usage_wai'),
    memUsed: column(data, 'memory_usage_used'),
    netRecv: column(data, 'net_total_recv'),
    netSend: column(data, 'net_total_send'),
    dskRead: column(data, 'dsk_total_read'),
    dskWrit: column(data, 'dsk_total_writ'),
  };
}
