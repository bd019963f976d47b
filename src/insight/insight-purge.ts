import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { InsightEntity, InsightRunEntity, InsightTestEntity } from '../database/entities';

/** The insight module's part of the retention purge: flake insights go with the tasks they read. */
@Injectable()
export class InsightPurge {
  /**
   * Deletes in `m` the insights of these tasks and every insight one of whose runs is one of them
   * (its verdicts counted that run), with their runs and results; every delete goes by primary key.
   */
  async deleteReading(m: EntityManager, taskIds: string[]): Promise<void> {
    const own = await m.find(InsightEntity, { where: { taskId: In(taskIds) }, select: { id: true } });
    const reading = await m.find(InsightRunEntity, { where: { taskId: In(taskIds) }, select: { insightId: true } });
    const ids = [...new Set([...own.map((i) => i.id), ...reading.map((r) => r.insightId)])];
    if (ids.length === 0) return;
    await m.delete(InsightTestEntity, { insightId: In(ids) });
    await m.delete(InsightRunEntity, { insightId: In(ids) });
    await m.delete(InsightEntity, { id: In(ids) });
  }
}
