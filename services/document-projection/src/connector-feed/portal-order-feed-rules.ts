import { Refusal } from '@partner-portal/api-contracts';

/** Where a tenant's connector stands in its feed of portal orders: positions are the orders' numbers. */
export interface FeedPosition {
  /** The last position the connector said it has durably handled (0: none). */
  acknowledged: number;
  /** The newest order's position (0: no order yet). */
  newest: number;
}

/**
 * Where a read starts: after the given cursor, else after the last acknowledged order, so that an order not
 * acknowledged comes again (at least once). A cursor past the newest order is no position this API gave.
 */
export function readFrom(position: FeedPosition, after: string | undefined): number {
  if (after === undefined) return position.acknowledged;
  const cursor = Number(after);
  if (cursor > position.newest) throw cursorAhead('after', cursor, position);
  return cursor;
}

/**
 * The acknowledged position after the connector acknowledges `cursor`: it only moves forward (an acknowledgement that
 * arrives late, or twice, changes nothing), and never past the newest order.
 */
export function acknowledge(position: FeedPosition, cursor: string): number {
  const at = Number(cursor);
  if (at > position.newest) throw cursorAhead('cursor', at, position);
  return Math.max(position.acknowledged, at);
}

function cursorAhead(field: string, cursor: number, position: FeedPosition): Refusal {
  return new Refusal(
    'invalid',
    'cursor_ahead',
    `${field} ${cursor} is past the newest portal order (${position.newest}); use a cursor this API gave`,
    { field },
  );
}
