import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ENTRY = join(__dirname, '../../dist/main.js');

/**
 * GERRIT_URL and ZUUL_URL for a service under test that has no fake Gerrit or Zuul: a local port
 * nobody listens on, so a lookup (a worker completing a bare log URL's entry) fails at once and
 * nothing ever reaches the real review.opendev.org or zuul.opendev.org. (ZUUL_URL's host joins the
 * default ARTIFACT_HOSTS: tests that need a host outside it use 127.0.0.1:9.)
 */
export const NO_UPSTREAMS = { GERRIT_URL: 'http://127.0.0.1:2', ZUUL_URL: 'http://127.0.0.1:2' };

/** `node dist/main …` as a real OS process, with its output captured. */
export class ServiceProcess {
  readonly proc: ChildProcess;
  private out = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: Record<string, string>) {
    if (!existsSync(ENTRY)) throw new Error('dist/main.js is missing: run `npm run build` before the e2e suite');
    this.proc = spawn(process.execPath, [ENTRY, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout!.on('data', (d: Buffer) => (this.out += d.toString()));
    this.proc.stderr!.on('data', (d: Buffer) => (this.out += d.toString()));
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get output(): string {
    return this.out;
  }

  /** Resolves when the output matches `pattern`; rejects with the output so far after `timeoutMs` (generous: five
   * processes starting at once on a loaded 2-core machine took over 20 s). */
  async waitFor(pattern: RegExp, timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.out)) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} after ${timeoutMs} ms; output:\n${this.out}`);
      if (this.proc.exitCode !== null) throw new Error(`exited ${this.proc.exitCode} before ${pattern}; output:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await this.exited;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
