import { Logger } from '@nestjs/common';

/** Logs an upstream going away once, and once when it answers again, however many polls fail between. */
export class OutageLog {
  private down = false;

  constructor(
    private readonly logger: Logger,
    private readonly upstream: string,
    /** What goes on meanwhile, e.g. "the watcher keeps polling". */
    private readonly meanwhile: string,
  ) {}

  failed(reason: string): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(`${this.upstream} is unreachable, ${this.meanwhile}: ${reason}`);
  }

  answered(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(`${this.upstream} answers again`);
  }
}
