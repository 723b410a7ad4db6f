import type { DataSource, EntityManager } from 'typeorm';
import { LEASE_LAPSED, nextPhase, type RebuildPhase, type RebuildRecord, type RebuildStep } from './rebuild-rules';

const RECORD = `phase, lease_until > clock_timestamp() AS "leaseHeld", started_at AS "startedAt",
  finished_at AS "finishedAt", events_replayed::float8 AS "eventsReplayed", error`;

/**
 * Loads and stores the rebuilds of `read_model_rebuild`. Every change of a running rebuild requires its lease to be
 * current by the database's clock, and a lapsed lease is never renewed: once live consumers saw it lapse and went on,
 * that rebuild can no longer switch tables.
 */
export class RebuildStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The latest rebuild, if any. */
  async latest(): Promise<RebuildRecord | undefined> {
    const [row]: RebuildRecord[] = await this.dataSource.query(
      `SELECT ${RECORD} FROM read_model_rebuild ORDER BY id DESC LIMIT 1`,
    );
    return row;
  }

  /** Starts a rebuild owned by `owner`; undefined while another one runs. A lapsed one is failed first. */
  async begin(owner: string, leaseMs: number): Promise<{ id: string; record: RebuildRecord } | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE read_model_rebuild SET phase = 'failed', error = $1, finished_at = lease_until
          WHERE phase IN ('replaying', 'cutover') AND lease_until <= clock_timestamp()`,
        [LEASE_LAPSED],
      );
      const [row]: (RebuildRecord & { id: string })[] = await manager.query(
        `INSERT INTO read_model_rebuild (phase, owner, lease_until)
         VALUES ('replaying', $1, clock_timestamp() + $2::float8 * interval '1 millisecond')
         ON CONFLICT DO NOTHING RETURNING id, ${RECORD}`,
        [owner, leaseMs],
      );
      if (!row) return undefined;
      const { id, ...record } = row;
      return { id, record };
    });
  }

  /** Extends a current lease and records the progress; false when the lease has lapsed or the rebuild ended. */
  async renew(id: string, leaseMs: number, eventsReplayed: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE read_model_rebuild SET lease_until = clock_timestamp() + $2::float8 * interval '1 millisecond', events_replayed = $3
        WHERE id = $1 AND phase IN ('replaying', 'cutover') AND lease_until > clock_timestamp() RETURNING id`,
      [id, leaseMs, eventsReplayed],
    );
    return rows.length > 0;
  }

  /**
   * Moves a rebuild from `from` by `step`, with its lease still current (and renewed); false when it was not in
   * `from` or its lease lapsed. `manager`: the transaction it must be part of (the switch of the tables).
   */
  async advance(
    id: string,
    from: RebuildPhase,
    step: Exclude<RebuildStep, 'failed'>,
    leaseMs: number,
    eventsReplayed: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const to = nextPhase(from, step);
    if (!to) return false;
    const rows: unknown[] = await manager.query(
      `UPDATE read_model_rebuild
          SET phase = $3, events_replayed = $5, lease_until = clock_timestamp() + $4::float8 * interval '1 millisecond',
              finished_at = CASE WHEN $3 IN ('done', 'failed') THEN clock_timestamp() END
        WHERE id = $1 AND phase = $2 AND lease_until > clock_timestamp() RETURNING id`,
      [id, from, to, leaseMs, eventsReplayed],
    );
    return rows.length > 0;
  }

  /** Records that a running rebuild failed (whatever its lease: it ended either way). */
  async fail(id: string, error: string, eventsReplayed: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE read_model_rebuild SET phase = 'failed', error = $2, events_replayed = $3, finished_at = clock_timestamp()
        WHERE id = $1 AND phase IN ('replaying', 'cutover')`,
      [id, error.slice(0, 4_000), eventsReplayed],
    );
  }
}
