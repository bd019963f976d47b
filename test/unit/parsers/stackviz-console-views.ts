/**
 * StackViz's console views (openstack/stackviz app/), transcribed line for line so tests can check
 * what the original viewer renders from our `console` artifact. AngularJS expressions forgive
 * `null.length` (it is undefined), which `angularLength` stands for.
 */

/** app/js/filters/bootstrap-filters.js `statusClass`. */
export function statusClass(status: string | null | undefined, type?: string): string {
  let clazz: string;
  if (!status) {
    clazz = 'default';
  } else {
    status = status.toLowerCase();
    if (status === 'success') clazz = 'success';
    else if (status === 'skip') clazz = 'info';
    else if (status === 'fail' || status === 'failure') clazz = 'danger';
    else clazz = 'default';
  }
  return type ? type + '-' + clazz : clazz;
}

interface StackVizConsole {
  status?: string | null;
  scripts: { name: string; lines: { date: unknown; line: unknown }[] }[];
  remaining?: unknown;
}

/** app/js/directives/codemirror-console.js: the editor's text and the header widget above each script's first line. */
export function codemirrorConsole(data: StackVizConsole): { value: string; headers: Map<number, string> } {
  const lines: string[] = [];
  let currentLine = 0;
  const headers = new Map<number, string>();
  data.scripts.forEach(function (script) {
    headers.set(currentLine, script.name);
    script.lines.forEach(function (line) {
      lines.push(String(line.date) + ' | ' + String(line.line));
      currentLine++;
    });
  });
  return { value: lines.join('\n'), headers };
}

function angularLength(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : (value as { length?: number }).length;
}

/** app/views/directives/console-summary.html: the panel's class and the texts it shows. */
export function consoleSummary(console: StackVizConsole): {
  panelClass: string;
  status: string;
  completed: string | null;
  lastScript: string | null;
} {
  const remaining = angularLength(console.remaining);
  const total = console.scripts.length + (remaining ?? 0); // Angular's `+` treats undefined as 0
  // the two spans shown when `remaining.length == 0` and when `> 0`
  const completed = remaining !== undefined && remaining >= 0 ? `${console.scripts.length} of ${total}` : null;
  return {
    panelClass: statusClass(console.status, 'panel'),
    status: console.status ?? '', // Angular renders null as ''
    completed,
    lastScript: remaining !== undefined && remaining > 0 ? console.scripts[console.scripts.length - 2].name : null,
  };
}
