import type { EntityManager } from 'typeorm';
import { Topics } from '@partner-portal/contracts';
import type { InboxGate } from '@partner-portal/messaging';
import { liveConsumption } from './rebuild-rules';

/**
 * The live consumer's gate, asked in each of its transactions on every instance: `erp.documents` holds while a
 * rebuild is in cutover. Read after the batch was fetched, so an event applied to the old tables was on the topic
 * before the cutover began, and so within the rebuild's replay. The row lock makes a rebuild's switch (or lease
 * renewal) wait for this transaction, and this transaction see its outcome.
 */
export const holdDuringCutover: InboxGate = async (manager: EntityManager, topic: string) => {
  if (topic !== Topics.ErpDocuments) return 'apply';
  const cutovers: { leaseHeld: boolean }[] = await manager.query(
    `SELECT lease_until > clock_timestamp() AS "leaseHeld" FROM read_model_rebuild WHERE phase = 'cutover' FOR SHARE`,
  );
  return liveConsumption(cutovers);
};
