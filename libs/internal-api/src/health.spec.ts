import { ServiceUnavailableException } from '@nestjs/common';
import { HealthController } from './health';

describe('readiness', () => {
  const broker = (reachable: boolean) => ({
    name: 'kafka',
    check: () => (reachable ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9092'))),
  });

  it('is ready when every dependency answers, naming each', async () => {
    expect(await new HealthController(undefined, [broker(true)]).ready()).toEqual({ status: 'ok', kafka: 'ok' });
  });

  it('answers 503 naming the dependency that does not answer and why', async () => {
    const ready = new HealthController(undefined, [broker(false)]).ready();
    await expect(ready).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(ready).rejects.toThrow('kafka unreachable: connect ECONNREFUSED 127.0.0.1:9092');
  });
});
