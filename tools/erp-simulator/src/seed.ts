import { tenantCompanies } from './erp-tenant';
import { buildModel, masterDataEvents, type ErpModel, type SeedSize } from './master-data';
import { Progress } from './progress';
import type { EventSink } from './publishers';

/** Sends the master data of a tenant's production and sandbox company; returns the model it made. */
export async function seed(
  sink: EventSink,
  options: { tenantId: string; seed: number; size?: SeedSize; log?: (line: string) => void },
): Promise<{ model: ErpModel; events: number }> {
  const model = buildModel(options.seed, options.size);
  const progress = new Progress('seed', options.log);
  let events = 0;
  for (const company of tenantCompanies(options.tenantId)) {
    const batch = masterDataEvents(company, model, options.seed);
    await sink.send(batch);
    events += batch.length;
    progress.count(batch.length);
  }
  progress.print();
  return { model, events };
}
