import { addToLogContext, withLogContext } from './log-context';
import { createLogger, REDACTED, type LogLevel } from './logger';
import { NestLogger } from './nest-logger';

/** A logger whose lines are kept, parsed, instead of written to stdout. */
function capture(level: LogLevel = 'info') {
  const raw: string[] = [];
  const logger = createLogger({ service: 'probe', level, destination: { write: (line: string) => raw.push(line) } });
  return { logger, raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const CONNECTOR_KEY = 'ppck_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';

describe('the platform logger', () => {
  it('writes one JSON object per line: level as a label, ISO time, service, then the fields and msg', () => {
    const { logger, lines } = capture();

    logger.info({ invitationId: 'i-1' }, 'invitation sent');

    const [line] = lines();
    expect(Object.keys(line)).toEqual(['level', 'time', 'service', 'invitationId', 'msg']);
    expect(line).toMatchObject({ level: 'info', service: 'probe', invitationId: 'i-1', msg: 'invitation sent' });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it('never shows a bearer token, a connector key or an invitation code, by field name or inside a message', () => {
    const { logger, raw } = capture();

    logger.warn(
      {
        authorization: 'Bearer x',
        headers: {
          authorization: 'Bearer eyJhbGciOi.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
          'x-internal-token': 'internal-secret',
        },
        request: { headers: { cookie: 'session=cookie-secret' } },
        code: 'INVITE-CODE-123',
        key: CONNECTOR_KEY,
        email: { to: 'rita@example.com', html: '<a href="/accept?token=link-secret">', text: 'code INVITE-CODE-123' },
        error: `refused ApiKey ${CONNECTOR_KEY} from postgres://portal:db-password@db:5432/x`,
      },
      `connector key ${CONNECTOR_KEY} refused`,
    );

    const [text] = raw;
    for (const secret of ['Bearer x', 'eyJhbGciOi', 'internal-secret', 'cookie-secret', 'INVITE-CODE-123']) {
      expect(text).not.toContain(secret);
    }
    for (const secret of [CONNECTOR_KEY.slice(5), 'link-secret', 'db-password']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({
      authorization: REDACTED,
      code: REDACTED,
      email: { to: 'rita@example.com', html: REDACTED, text: REDACTED },
      msg: `connector key ppck_${REDACTED} refused`,
    });
  });

  it("keeps an error's own code, which is no secret", () => {
    const { logger, lines } = capture();

    logger.error({ err: Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }) }, 'database away');

    expect(lines()[0]).toMatchObject({ err: { message: 'connect failed', code: 'ECONNREFUSED' } });
  });

  it('writes only lines at LOG_LEVEL or more severe', () => {
    const { logger, lines } = capture('warn');

    logger.debug('detail');
    logger.info('routine');
    logger.warn('odd');
    logger.error('broken');

    expect(lines().map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'odd'],
      ['error', 'broken'],
    ]);
  });

  it('puts the request and event ids of the work in hand on every line written during it, and none after', async () => {
    const { logger, lines } = capture();

    await withLogContext({ requestId: 'req-1', tenantId: 'acme' }, async () => {
      logger.info('received');
      await new Promise((resolve) => setTimeout(resolve, 1));
      await withLogContext({ correlationId: 'req-0', eventId: 'ev-1', type: 'erp.partner.changed' }, async () =>
        logger.info('event applied'),
      );
      addToLogContext({ tenantId: 'acme-2' });
      logger.info('tenant learnt');
    });
    logger.info('idle');

    expect(lines().map(({ level: _l, time: _t, service: _s, ...rest }) => rest)).toEqual([
      { requestId: 'req-1', tenantId: 'acme', msg: 'received' },
      {
        requestId: 'req-1',
        tenantId: 'acme',
        correlationId: 'req-0',
        eventId: 'ev-1',
        type: 'erp.partner.changed',
        msg: 'event applied',
      },
      { requestId: 'req-1', tenantId: 'acme-2', msg: 'tenant learnt' },
      { msg: 'idle' },
    ]);
  });

  it("does not let a line's own fields change the context", () => {
    const { logger, lines } = capture();

    withLogContext({ requestId: 'req-1' }, () => {
      logger.info({ requestId: 'other' }, 'a line naming another request');
      logger.info('the next line');
    });

    expect(lines().map((line) => line.requestId)).toEqual(['other', 'req-1']);
  });
});

describe('the Nest logger on it', () => {
  it("writes Nest's lines and the code base's object messages in the same shape, with the logger's context", () => {
    const { logger, lines } = capture();
    const nest = new NestLogger(logger);

    nest.log('Mapped {/internal/pools, GET} route', 'RouterExplorer');
    nest.warn({ message: 'invitation e-mail not sent', invitationId: 'i-1', error: 'timeout' }, 'EmailDeliveryWorker');
    nest.error('boom', 'Error: boom\n    at handler (a.js:1:1)', 'ExceptionsHandler');

    expect(lines().map(({ time: _t, ...rest }) => rest)).toEqual([
      {
        level: 'info',
        service: 'probe',
        context: 'RouterExplorer',
        msg: 'Mapped {/internal/pools, GET} route',
      },
      {
        level: 'warn',
        service: 'probe',
        context: 'EmailDeliveryWorker',
        invitationId: 'i-1',
        error: 'timeout',
        msg: 'invitation e-mail not sent',
      },
      {
        level: 'error',
        service: 'probe',
        context: 'ExceptionsHandler',
        stack: 'Error: boom\n    at handler (a.js:1:1)',
        msg: 'boom',
      },
    ]);
  });
});
