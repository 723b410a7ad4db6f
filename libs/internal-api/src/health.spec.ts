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

describe('readiness of a dependency that answers but cannot take work yet', () => {
  it('answers 503 with the reason the dependency gives, as not ready rather than unreachable', async () => {
    const joining = {
      name: 'kafka',
      check: () =>
        Promise.reject(Object.assign(new Error('consumer group licensing not joined yet'), { name: 'NotReadyError' })),
    };
    await expect(new HealthController(undefined, [joining]).ready()).rejects.toThrow(
      'kafka not ready: consumer group licensing not joined yet',
    );
  });
});
