import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { forgetAtScrape, observeAtScrape, type ScrapedGauge } from '../metrics/messaging-metrics';

/**
 * A provider that reads a gauge from the service's own database at each scrape: `sql` answers one row per sample,
 * with a column named after each of the gauge's labels and a `value`. Counting at scrape time keeps the gauge
 * right across restarts and replicas (each replica reports the same truth; aggregate with `max`).
 */
export function sqlGauge(gauge: ScrapedGauge, sql: string): Type<unknown> {
  @Injectable()
  class SqlGauge implements OnApplicationBootstrap, BeforeApplicationShutdown {
    private readonly source = `${gauge.name}:${randomUUID()}`;

    constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

    onApplicationBootstrap(): void {
      observeAtScrape(gauge, this.source, async () => {
        const rows: Array<Record<string, unknown>> = await this.dataSource.query(sql);
        return rows.map((row) => ({
          labels: Object.fromEntries(gauge.labelNames.map((label) => [label, String(row[label])])),
          value: Number(row.value),
        }));
      });
    }

    beforeApplicationShutdown(): void {
      forgetAtScrape(gauge, this.source);
    }
  }
  return SqlGauge;
}
