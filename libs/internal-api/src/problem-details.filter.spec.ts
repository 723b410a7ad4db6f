import { Logger, type ArgumentsHost } from '@nestjs/common';
import { REFUSAL_STATUS, Refusal, type RefusalKind } from '@partner-portal/api-contracts';
import { invalidInput, InvalidInputException, ProblemDetailsFilter, ProblemException } from './problem-details.filter';

/** Runs the filter on one thrown value and answers what the response got: status, media type, parsed body. */
function answer(exception: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const sent = { status: 0, type: '', body: '' };
  const response = {
    status(status: number) {
      sent.status = status;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const request = { originalUrl: '/internal/tenants/demo/invitations', path: '/internal/tenants/demo/invitations' };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { status: sent.status, type: sent.type, body: JSON.parse(sent.body) };
}

describe('the problem details filter', () => {
  it('answers a refusal as application/problem+json with its code, its message as detail and its details', () => {
    const refusal = new Refusal('conflict', 'email_held_by_other_contact', 'one license belongs to one person', {
      otherContact: 'Rita (C1 / CT2)',
    });

    const { status, type, body } = answer(refusal);

    expect(status).toBe(409);
    expect(type).toBe('application/problem+json');
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      instance: '/internal/tenants/demo/invitations',
      code: 'email_held_by_other_contact',
      detail: 'one license belongs to one person',
      otherContact: 'Rita (C1 / CT2)',
    });
  });

  it.each(Object.entries(REFUSAL_STATUS) as Array<[RefusalKind, number]>)(
    'answers a refusal of kind %s with status %i',
    (kind, expected) => {
      const { status, body } = answer(new Refusal(kind, 'some_code', 'why'));

      expect(status).toBe(expected);
      expect(body.status).toBe(expected);
      expect(body.title).not.toBe('Error');
    },
  );

  it('lets no detail of a refusal overwrite its code or its message', () => {
    const { body } = answer(new Refusal('locked', 'locked', 'the message', { code: 'other', detail: 'other' }));

    expect(body).toMatchObject({ status: 423, code: 'locked', detail: 'the message' });
  });

  it('answers refused input like the validation pipe, with the code invalid_input', () => {
    const errors = [{ field: 'view', reason: 'needs partnerType' }];

    const refused = answer(invalidInput(errors)).body;
    const piped = answer(new InvalidInputException(errors)).body;

    expect(refused).toEqual({ ...piped, code: 'invalid_input' });
    expect(refused).toMatchObject({ status: 400, detail: '1 field(s) refused: view', errors });
  });

  it('still answers a problem exception with its extensions', () => {
    const { status, body } = answer(new ProblemException(400, 'not valid', { code: 'wrong_code', attemptsLeft: 2 }));

    expect(status).toBe(400);
    expect(body).toMatchObject({ title: 'Bad request', detail: 'not valid', code: 'wrong_code', attemptsLeft: 2 });
  });

  it('says nothing of an unexpected error', () => {
    // Logged in full, for the operator; the answer keeps it inside.
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const { status, body } = answer(new Error('connection string with a password'));

    expect(status).toBe(500);
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/internal/tenants/demo/invitations',
    });
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });
});
