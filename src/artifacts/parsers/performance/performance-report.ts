// Pure types and checks: also bundled into the web UI.
import { isJsonObject } from '../is-json-object';

/**
 * devstack's `performance.json` (controller/logs/performance.json), written by `tools/get-stats.py`
 * with `json.dumps(data, indent=2)` after tempest ran:
 *
 * - `services`: `[{"service": "devstack@n-api.service", "MemoryCurrent": 123456789}]`, one per
 *   `/etc/systemd/system/devstack@*.service` plus `apache2.service`; MemoryCurrent is systemd's
 *   (bytes), or the text systemd printed when it has none (`"[not set]"`).
 * - `db`: `[{"db": "nova_cell1", "op": "SELECT", "count": 1234}]` per database and statement kind;
 *   `[]` when the stats database or pymysql is missing. The first version (April 2022) wrote
 *   `{"db", "queries"}` instead.
 * - `processes`: `[{"cmd", "pid", "args", "rss"}]` (rss in bytes) of the processes matching
 *   privsep, mysqld, erlang, etcd; `[]` without psutil.
 * - `api`: `[{"service": "compute", "log": "access.log", "largest": <bytes>, "<agent>-<METHOD>": <count>, ...}]`
 *   per API service and Apache log; the agent is `tempest` for tempest's urllib, else the first
 *   User-Agent product without `python-` (the first version counted `<METHOD>` alone).
 * - `report`: `{"timestamp": "<datetime.now().isoformat(), the host's time, no zone>", "hostname", "version": 2}`.
 */
export interface PerformanceReport {
  services: { service: string; MemoryCurrent?: number | string }[];
  db: { db: string; op?: string; count?: number; queries?: number }[];
  processes: { cmd: string; pid: number; args: string; rss: number }[];
  api: ({ service: string; log: string; largest?: number } & Record<string, string | number>)[];
  report: { timestamp: string; hostname?: string; version?: number };
}

/** Why `doc` is not a performance report in get-stats.py's shape, or null when it is one. */
export function performanceReportProblem(doc: unknown): string | null {
  if (!isJsonObject(doc)) return 'it is not a JSON object';
  for (const key of ['services', 'db', 'processes', 'api'] as const) {
    if (!Array.isArray(doc[key])) return `"${key}" is ${key in doc ? 'not a list' : 'missing'}`;
    const bad = (doc[key] as unknown[]).findIndex((entry) => !isJsonObject(entry));
    if (bad >= 0) return `"${key}"[${bad}] is not an object`;
  }
  const services = doc.services as Record<string, unknown>[];
  const unnamed = services.findIndex((s) => typeof s.service !== 'string');
  if (unnamed >= 0) return `"services"[${unnamed}] has no "service" name`;
  const report = doc.report;
  if (!isJsonObject(report)) return `"report" is ${'report' in doc ? 'not an object' : 'missing'}`;
  if (typeof report.timestamp !== 'string') return '"report" has no "timestamp"';
  return null;
}
