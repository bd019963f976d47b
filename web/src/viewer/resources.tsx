import type { MemoryLowPoint, MemoryLowPoints, PerformanceReport, RunData } from '../data/types';
import { apiCalls, commandName, databaseQueries, formatBytes, largestProcesses, serviceMemory, type CountTable } from '../logic/resources';
import { sitePath } from '../../../src/ui/ui-routes';
import { Link } from '../router';

const count = (n: number) => n.toLocaleString('en-US');

/** What devstack measured of the node (performance.json), and the memory tracker's low points. */
export function ResourcesView({ site, run }: { site: string; run: RunData }) {
  if (!run.performance && !run.memory)
    return <section class="panel">This run has no resource data (devstack's performance.json or memory tracker).</section>;
  return (
    <div class="summary-grid resources">
      {run.performance && <PerformanceTables report={run.performance} />}
      {run.memory && <LowPoints site={site} memory={run.memory} />}
    </div>
  );
}

function PerformanceTables({ report }: { report: PerformanceReport }) {
  const memory = serviceMemory(report);
  const largest = Math.max(1, ...memory.services.map((s) => s.bytes ?? 0));
  const processes = largestProcesses(report);
  const db = databaseQueries(report);
  const api = apiCalls(report);
  const at = report.report.timestamp.replace('T', ' ').slice(0, 19);
  return (
    <>
      <section class="panel service-memory">
        <h2>Memory per service</h2>
        <p class="muted small">
          {formatBytes(memory.total)} in {memory.services.length} services at the end of the run ({at}
          {report.report.hostname ? ` on ${report.report.hostname}` : ''}).
        </p>
        <table class="bars">
          <tbody>
            {memory.services.map((s) => (
              <tr key={s.service} title={s.service}>
                <th scope="row">{s.label}</th>
                <td class="bar-cell">{s.bytes !== null && <span class="bar" style={{ width: `${(s.bytes / largest) * 100}%` }} />}</td>
                <td class="num">{s.bytes !== null ? formatBytes(s.bytes) : <span class="muted">{s.note}</span>}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">total</th>
              <td />
              <td class="num">{formatBytes(memory.total)}</td>
            </tr>
          </tfoot>
        </table>
      </section>

      <section class="panel largest-processes">
        <h2>Largest processes</h2>
        {processes.length === 0 ? (
          <p class="muted">No process data (psutil was missing on the node).</p>
        ) : (
          <table class="slowest">
            <tbody>
              {processes.map((p) => (
                <tr key={p.pid}>
                  <td class="num">{formatBytes(p.rss)}</td>
                  <td class="name shrink">
                    <strong title={p.cmd}>{p.label}</strong> <span class="muted small">pid {p.pid}</span>
                    {p.args && (
                      <div class="muted small args" title={p.args}>
                        {p.args}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="panel wide db-queries">
        <h2>Database queries</h2>
        <CountTableView table={db} rowLabel="database" empty="No query counts (the node had no stats database)." />
      </section>

      <section class="panel wide api-calls">
        <h2>API calls</h2>
        <CountTableView
          table={api}
          rowLabel="service"
          empty="No API calls counted (no Apache access log was given)."
          extra={{ title: 'largest response', cell: (row) => formatBytes(api.largest[row] ?? 0) }}
        />
      </section>
    </>
  );
}

function CountTableView({
  table,
  rowLabel,
  empty,
  extra,
}: {
  table: CountTable;
  rowLabel: string;
  empty: string;
  extra?: { title: string; cell: (row: string) => string };
}) {
  if (table.rows.length === 0) return <p class="muted">{empty}</p>;
  return (
    <div class="table-scroll">
      <table class="counts-table">
        <thead>
          <tr>
            <th scope="col">{rowLabel}</th>
            {table.columns.map((c) => (
              <th scope="col" class="num" key={c}>
                {c}
              </th>
            ))}
            <th scope="col" class="num">
              total
            </th>
            {extra && (
              <th scope="col" class="num">
                {extra.title}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.key}</th>
              {table.columns.map((c) => (
                <td class="num" key={c}>
                  {r.counts[c] ? count(r.counts[c]) : ''}
                </td>
              ))}
              <td class="num total">{count(r.total)}</td>
              {extra && <td class="num muted">{extra.cell(r.key)}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">total</th>
            {table.columns.map((c) => (
              <td class="num" key={c}>
                {count(table.rows.reduce((sum, r) => sum + (r.counts[c] ?? 0), 0))}
              </td>
            ))}
            <td class="num total">{count(table.total)}</td>
            {extra && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function LowPoints({ site, memory }: { site: string; memory: MemoryLowPoints }) {
  const unplaced = memory.unplaced ?? [];
  return (
    <section class="panel wide memory-low-points">
      <h2>Memory low points</h2>
      <p class="muted small">
        Each time available memory reached a new low, devstack's memory tracker noted it and the largest processes (also marked under the{' '}
        <Link href={sitePath(site, 'timeline')}>timeline</Link>).
      </p>
      {memory.points.length === 0 && unplaced.length === 0 ? (
        <p class="muted">Available memory never fell while the tracker ran.</p>
      ) : (
        <table class="slowest">
          <tbody>
            {memory.points.map((p) => (
              <LowPointRow key={p.time} point={p} when={p.time.slice(11, 19)} />
            ))}
            {unplaced.map((p, i) => (
              <LowPointRow key={`unplaced-${i}`} point={p} when="time unknown" />
            ))}
          </tbody>
        </table>
      )}
      {unplaced.length > 0 && (
        <p class="unplaced-note">
          {unplaced.length === 1 ? 'One low point' : `${unplaced.length} low points`} could not be placed in time: the tracker's date line
          {unplaced[0].date_line ? (
            <>
              {' '}
              (<code>{unplaced[0].date_line}</code>)
            </>
          ) : null}{' '}
          is in a form this service does not read, and the log gives no journal time with a year. Memory did fall then; the timeline cannot
          show when.
        </p>
      )}
    </section>
  );
}

function LowPointRow({ point: p, when }: { point: Omit<MemoryLowPoint, 'time'>; when: string }) {
  return (
    <tr class={when === 'time unknown' ? 'unplaced' : undefined}>
      <td class="num">{when}</td>
      <td class="num">
        {formatBytes(p.low_point_kb * 1024)}
        {p.mem_total_kb ? <span class="muted"> of {formatBytes(p.mem_total_kb * 1024)}</span> : null}
      </td>
      <td class="name muted small">
        {p.top_processes
          .slice(0, 3)
          .map((t) => `${commandName(t.command)} ${formatBytes(t.rss_kb * 1024)}`)
          .join(', ')}
      </td>
    </tr>
  );
}
