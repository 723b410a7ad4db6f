/**
 * What kind of "no" a business rule answers. Rules say only this; the HTTP edge of a service turns it into a status
 * (`REFUSAL_STATUS`), a consumer into a logged outcome.
 */
export type RefusalKind =
  'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'unprocessable' | 'locked' | 'too_many';

/** The HTTP status of each kind of refusal. */
export const REFUSAL_STATUS: Readonly<Record<RefusalKind, number>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  locked: 423,
  too_many: 429,
};

/**
 * A business rule's refusal as a domain value: a stable `code` for clients, a sentence saying why, and the facts a
 * client needs (the field it concerns, the other contact, the attempts left). No framework in it, so decision
 * functions can return or throw it; one filter per service answers it as `application/problem+json`.
 */
export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** The code of the refusal a rule throws, or undefined when it allows: how rule tests read an outcome. */
export function refusalCodeOf(rule: () => unknown): string | undefined {
  try {
    rule();
  } catch (error) {
    if (error instanceof Refusal) return error.code;
    throw error;
  }
  return undefined;
}
