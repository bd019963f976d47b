import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The watcher's one row: where it is in Zuul's builds, when it last polled, and the lease that lets
 * one watcher process at a time work (docs/operations.md, "Watcher").
 */
@Entity('watch_state')
export class WatchStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  /** The low-water mark: the lowest `_id` still running at the last poll, else the highest seen + 1. */
  @Column({ name: 'low_water', type: 'int', nullable: true })
  lowWater: number | null;

  /** The mark of the poll before; each poll pages back to the lower of the two. */
  @Column({ name: 'scan_from', type: 'int', nullable: true })
  scanFrom: number | null;

  @Column({ name: 'last_poll_at', type: 'datetime', precision: 3, nullable: true })
  lastPollAt: Date | null;

  /** Why the last poll failed; null once one succeeds. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The process that holds the lease, and until when (the database's clock); renewed as a heartbeat. */
  @Column({ name: 'lease_holder', type: 'varchar', length: 64, nullable: true })
  leaseHolder: string | null;

  @Column({ name: 'lease_expires_at', type: 'datetime', precision: 3, nullable: true })
  leaseExpiresAt: Date | null;
}
