import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from './service-process';

/**
 * Redis and MariaDB servers of the test's own, on free ports and in temporary directories, so a
 * test can kill and restart them without touching the machine's services.
 */
export interface PrivateServer {
  /** redis://… or mysql://… for the app. */
  url: string;
  /** Starts the server (again) and resolves once it answers. */
  start(): Promise<void>;
  /** Kills the server at once (SIGKILL: no clean shutdown, as in a crash). */
  kill(): Promise<void>;
  /** Kills it and removes its files. */
  close(): Promise<void>;
}

export interface PrivateRedis extends PrivateServer {
  /** Sends one command and resolves with the first line of the reply. */
  command(...args: string[]): Promise<string>;
}

const READY_TIMEOUT_MS = 20000;

async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${READY_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A running server process, killed and awaited the same way for both servers. */
class ServerProcess {
  private proc: ChildProcess | null = null;
  private log = '';

  constructor(
    private readonly command: string,
    private readonly args: string[],
  ) {}

  start(): void {
    this.proc = spawn(this.command, this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (d: Buffer) => (this.log += d.toString()));
    this.proc.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
  }

  get output(): string {
    return this.log;
  }

  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  }
}

/** redis-server with no persistence: every restart comes back empty, as a lost Redis does. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const server = new ServerProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  const command = (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().split('\r\n')[0]);
      });
      socket.once('connect', () => socket.write(`${args.join(' ')}\r\n`));
    });
  const start = async () => {
    server.start();
    await until(
      () =>
        command('PING').then(
          (reply) => reply === '+PONG',
          () => false,
        ),
      `redis-server on port ${port} (${server.output})`,
    );
  };
  await start();
  return { url: `redis://127.0.0.1:${port}/0`, command, start, kill: () => server.kill(), close: () => server.kill() };
}

/**
 * mariadbd on its own data directory (made by mariadb-install-db), port and socket, with an empty
 * database `stackviz_test`. Run as root, the server needs --user=root; as anyone else, it runs as them.
 */
export async function startPrivateMariadb(): Promise<PrivateServer> {
  const dir = mkdtempSync(join(tmpdir(), 'svtest-mariadb-'));
  const datadir = join(dir, 'data');
  const asUser = process.getuid?.() === 0 ? ['--user=root'] : [];
  await promisify(execFile)('mariadb-install-db', [
    '--no-defaults',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    `--datadir=${datadir}`,
    ...asUser,
  ]);
  const port = await freePort();
  const server = new ServerProcess('mariadbd', [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${join(dir, 'mysqld.sock')}`,
    `--pid-file=${join(dir, 'mysqld.pid')}`,
    '--innodb-buffer-pool-size=64M',
    '--skip-name-resolve',
    ...asUser,
  ]);
  const root = `mysql://root@127.0.0.1:${port}`;
  const answers = async () => {
    try {
      await (await createConnection({ uri: root })).end();
      return true;
    } catch {
      return false;
    }
  };
  const start = async () => {
    server.start();
    await until(answers, `mariadbd on port ${port} (${server.output})`);
  };
  await start();
  const conn = await createConnection({ uri: root });
  await conn.query('CREATE DATABASE stackviz_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  await conn.end();
  return {
    url: `${root}/stackviz_test`,
    start,
    kill: () => server.kill(),
    close: async () => {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
