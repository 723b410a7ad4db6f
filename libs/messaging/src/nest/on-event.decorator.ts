import { applyDecorators, Catch, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import { findEventDefinition, type EventDefinition } from '@partner-portal/contracts';

/** Key under which the inbox reads a handler's mode from Nest's pattern extras. */
export const INBOX_EXTRAS = 'inbox';

/** The Nest message pattern of one event version. */
export function inboxPattern(definition: EventDefinition): string {
  return `${definition.type}@v${definition.version}`;
}

/** The event version a pattern names, if it is one of ours. */
export function definitionOfPattern(pattern: string): EventDefinition | undefined {
  const match = /^([A-Za-z0-9]+)@v(\d+)$/.exec(pattern);
  return match ? findEventDefinition(match[1], Number(match[2])) : undefined;
}

/**
 * Nest's default RPC filter replaces any error with "Internal server error"; the inbox needs the real error to
 * tell an outage (retry) from a bad message (dead letter), so handlers rethrow it unchanged.
 */
@Catch()
export class PropagateHandlerErrors implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a controller method as the inbox handler of one event version. It is called as
 * `(event: EventOf<typeof Definition>, context: InboxContext)` inside the transaction that records the event.
 */
export function OnEvent(definition: EventDefinition): MethodDecorator {
  return applyDecorators(
    EventPattern<string>(inboxPattern(definition), { [INBOX_EXTRAS]: { batch: false } }),
    UseFilters(PropagateHandlerErrors),
  );
}

/**
 * Like `OnEvent`, for high-volume events: the method gets every consecutive event of this version a fetched
 * batch holds, as an array, in one transaction.
 */
export function OnEventBatch(definition: EventDefinition): MethodDecorator {
  return applyDecorators(
    EventPattern<string>(inboxPattern(definition), { [INBOX_EXTRAS]: { batch: true } }),
    UseFilters(PropagateHandlerErrors),
  );
}
