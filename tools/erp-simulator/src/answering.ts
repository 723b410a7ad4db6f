import type { EventOf, PortalOrderSubmitted } from '@partner-portal/contracts';

/** Largest quantity of one line the simulated ERP delivers; above it, it rejects the order (as a credit or stock rule would). */
export const MAX_DELIVERABLE_QUANTITY = 999;

/** What the simulated ERP does with a portal order. */
export type ErpAnswer = { kind: 'accept'; erpOrderNo: string } | { kind: 'reject'; reason: string };

/**
 * Accepts an order it can deliver, rejects one it cannot and says why. The ERP order number follows from the portal
 * order number (unique per tenant), so that answering an order twice (after a restart) gives the same number.
 */
export function answerFor(order: EventOf<typeof PortalOrderSubmitted>['payload']): ErpAnswer {
  const tooMuch = order.lines.find((line) => Number(line.quantity) > MAX_DELIVERABLE_QUANTITY);
  if (tooMuch) {
    return {
      kind: 'reject',
      reason: `line ${tooMuch.lineNo}: ${tooMuch.quantity} ${tooMuch.unitCode} of ${tooMuch.itemNo} is more than can be delivered (at most ${MAX_DELIVERABLE_QUANTITY})`,
    };
  }
  return { kind: 'accept', erpOrderNo: `SOW${order.portalOrderNo.replace(/\D/g, '').padStart(6, '0')}` };
}
