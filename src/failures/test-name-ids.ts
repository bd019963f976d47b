import type { EntityManager } from 'typeorm';
import { Dialect, rowLock } from '../database/dialect';

/** Most test names a process remembers the ids of. */
const MAX_NAMES = 50_000;

/**
 * The ids of test names this process has read, so that a build failing the tests others failed
 * before (a broken gate's thousands of builds fail the same ones) need not look them up again.
 * Good while no purge has deleted names since: each use first reads the purges' count in the
 * caller's transaction, with a share lock on MySQL that the purge's increment waits for (and
 * that waits for the purge), so no name the transaction is about to give a test row can be
 * deleted before it commits. Only names read, not names the transaction inserts, are remembered:
 * it may yet roll back.
 */
export class TestNameIds {
  private readonly ids = new Map<string, number>();
  private purges: number | null = null;

  /** Forgets every id if names were purged since they were read; to call first, in the transaction that uses them. */
  async check(m: EntityManager, dialect: Dialect): Promise<void> {
    const [row]: { purges: number | string }[] = await m.query(
      `SELECT purges FROM failure_test_name_purges WHERE id = 1${rowLock(dialect, 'LOCK IN SHARE MODE')}`,
    );
    const purges = Number(row.purges);
    if (purges !== this.purges) this.ids.clear();
    this.purges = purges;
  }

  get(name: string): number | undefined {
    return this.ids.get(name);
  }

  remember(name: string, id: number): void {
    if (this.ids.size >= MAX_NAMES) this.ids.clear();
    this.ids.set(name, id);
  }
}
