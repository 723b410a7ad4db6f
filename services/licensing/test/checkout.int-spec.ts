import { adminOf, waitFor } from '@partner-portal/testing';
import { licensingEvents, startService, type RunningLicensing } from './licensing.harness';

describe('cart, checkout and cancellation', () => {
  let service: RunningLicensing;
  const tenant = 'tenant-shop';
  const admin = adminOf(tenant, 'admin-olga');
  const path = (rest: string) => `/internal/tenants/${tenant}${rest}`;
  const checkout = (key?: string) =>
    service.request('POST', path('/checkout'), { principal: admin, headers: key ? { 'idempotency-key': key } : {} });

  beforeAll(async () => {
    service = await startService('checkout', { CHECKOUT_MAX_QUANTITY: '1500' });
    await service.request('PUT', `/internal/operator/tenants/${tenant}/plan`, {
      body: { unitPrice: '12.50', currencyCode: 'EUR' },
    });
  });
  afterAll(() => service.stop());

  it('adds, changes and removes cart lines and shows the total in the plan currency', async () => {
    const added = await service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: 10 } });
    expect(added).toMatchObject({ status: 201, body: { quantity: 10, total: '125.00', currencyCode: 'EUR' } });
    const second = await service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: 3 } });
    const [, line] = second.body.lines;
    expect(second.body).toMatchObject({ quantity: 13, total: '162.50' });
    const changed = await service.request('PATCH', path(`/cart/lines/${line.lineId}`), {
      principal: admin,
      body: { quantity: 5 },
    });
    expect(changed.body).toMatchObject({ quantity: 15, total: '187.50' });
    const removed = await service.request('DELETE', path(`/cart/lines/${line.lineId}`), { principal: admin });
    expect(removed.body).toMatchObject({
      quantity: 10,
      total: '125.00',
      lines: [{ quantity: 10, unitPrice: '12.50', addedBy: 'admin-olga' }],
    });
  });

  it('buys once per idempotency key: the same key again answers the same purchase and buys nothing', async () => {
    const first = await checkout('order-2026-11-22-a');
    expect(first).toMatchObject({
      status: 201,
      body: {
        orderNo: 'LIC-000001',
        quantity: 10,
        unitPrice: '12.50',
        currencyCode: 'EUR',
        amount: '125.00',
        purchasedBy: 'admin-olga',
      },
    });
    await service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: 2 } });
    const again = await checkout('order-2026-11-22-a');
    expect(again).toMatchObject({ status: 200, body: first.body });

    const overview = await service.request('GET', path('/overview'), { principal: admin });
    expect(overview.body.pool).toEqual({ purchased: 10, reserved: 0, consumed: 0, available: 10 });
    expect((await service.request('GET', path('/cart'), { principal: admin })).body.quantity).toBe(2);
    const purchases = await service.request('GET', path('/purchases'), { principal: admin });
    expect(purchases.body).toMatchObject({ total: 1, items: [{ orderNo: 'LIC-000001' }] });
    const purchased = await waitFor(
      async () => (await licensingEvents(service, 5, 2_000)).filter((e) => e.type === 'LicensesPurchased'),
      (list) => list.length >= 1,
      { what: 'LicensesPurchased' },
    );
    expect(purchased).toHaveLength(1);
    expect(purchased[0].payload).toMatchObject({
      orderNo: 'LIC-000001',
      quantity: 10,
      purchasedTotal: 10,
      purchasedBy: 'admin-olga',
    });
  });

  it('gives a clear 4xx for every invalid checkout or cart change', async () => {
    const cases: Array<[string, Promise<{ status: number; contentType: string; body: any }>, number, string]> = [
      ['no idempotency key', checkout(), 400, 'Idempotency-Key'],
      [
        'quantity below 1',
        service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: 0 } }),
        400,
        'quantity',
      ],
      [
        'quantity above 1,000',
        service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: 1001 } }),
        400,
        'quantity',
      ],
      [
        'quantity not a number',
        service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: '5' } }),
        400,
        'quantity',
      ],
      [
        'unknown field',
        service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: 1, price: '0.01' } }),
        400,
        'price',
      ],
    ];
    for (const [, response, status, field] of cases) {
      const answer = await response;
      expect(answer.status).toBe(status);
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // Over the configured checkout maximum (1,500 here): 2 in the cart plus 1,000 plus 1,000.
    await service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: 1000 } });
    const over = await service.request('POST', path('/cart/lines'), { principal: admin, body: { quantity: 1000 } });
    expect(over).toMatchObject({ status: 422, body: { code: 'cart_over_maximum', maximum: 1500 } });

    const cart = await service.request('GET', path('/cart'), { principal: admin });
    for (const line of cart.body.lines)
      await service.request('DELETE', path(`/cart/lines/${line.lineId}`), { principal: admin });
    expect(await checkout('empty-cart')).toMatchObject({ status: 422, body: { code: 'cart_empty' } });
    expect(
      (
        await service.request('PATCH', path('/cart/lines/5f0a8a1e-3c2b-4d6e-8f7a-9b0c1d2e3f40'), {
          principal: admin,
          body: { quantity: 1 },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a cancellation below what is reserved plus consumed, with the numbers, and allows one above', async () => {
    const refused = await service.request('POST', path('/cancellations'), { principal: admin, body: { quantity: 11 } });
    expect(refused).toMatchObject({
      status: 409,
      body: { code: 'cancellation_below_usage', requested: 11, purchased: 10, reserved: 0, consumed: 0 },
    });
    expect(refused.body.detail).toBe(
      'cannot cancel 11 license(s): 10 purchased, 0 reserved and 0 consumed leave at most 10 to cancel',
    );
    const allowed = await service.request('POST', path('/cancellations'), { principal: admin, body: { quantity: 4 } });
    expect(allowed).toMatchObject({ status: 200, body: { purchased: 6, available: 6 } });
    const ledger = await service.request('GET', path('/ledger?kind=cancellation'), { principal: admin });
    expect(ledger.body.items).toEqual([
      expect.objectContaining({ kind: 'cancellation', purchasedDelta: -4, purchased: 6, actor: 'admin-olga' }),
    ]);
  });

  it("keeps each administrator's cart to themselves: views, changes and checkouts use only their own lines", async () => {
    const pair = 'tenant-pair';
    const olga = adminOf(pair, 'admin-olga');
    const piet = adminOf(pair, 'admin-piet');
    const cart = (rest: string) => `/internal/tenants/${pair}/cart${rest}`;
    await service.request('POST', cart('/lines'), { principal: olga, body: { quantity: 2 } });
    await service.request('POST', cart('/lines'), { principal: piet, body: { quantity: 1 } });
    const pietsSecond = await service.request('POST', cart('/lines'), { principal: piet, body: { quantity: 4 } });
    expect(pietsSecond.body).toMatchObject({ quantity: 5, total: '62.50' });
    const pietsLines = pietsSecond.body.lines;

    const olgasCart = await service.request('GET', cart(''), { principal: olga });
    expect(olgasCart.body).toMatchObject({ quantity: 2, lines: [{ quantity: 2, addedBy: 'admin-olga' }] });
    expect(olgasCart.body.lines).toHaveLength(1);
    const pietsCart = await service.request('GET', cart(''), { principal: piet });
    expect(pietsCart.body.lines.map((l: { addedBy: string }) => l.addedBy)).toEqual(['admin-piet', 'admin-piet']);

    const olgasLine = olgasCart.body.lines[0].lineId;
    const foreignChange = await service.request('PATCH', cart(`/lines/${olgasLine}`), {
      principal: piet,
      body: { quantity: 9 },
    });
    expect(foreignChange.status).toBe(404);
    expect((await service.request('DELETE', cart(`/lines/${olgasLine}`), { principal: piet })).status).toBe(404);

    const bought = await service.request('POST', `/internal/tenants/${pair}/checkout`, {
      principal: olga,
      headers: { 'idempotency-key': 'pair-olga-1' },
    });
    expect(bought).toMatchObject({ status: 201, body: { quantity: 2, amount: '25.00', purchasedBy: 'admin-olga' } });
    expect((await service.request('GET', cart(''), { principal: olga })).body).toMatchObject({
      quantity: 0,
      lines: [],
    });
    expect((await service.request('GET', cart(''), { principal: piet })).body).toMatchObject({
      quantity: 5,
      lines: pietsLines,
    });
    const overview = await service.request('GET', `/internal/tenants/${pair}/overview`, { principal: olga });
    expect(overview.body.pool).toMatchObject({ purchased: 2, available: 2 });

    // A key is one checkout of the tenant: another administrator cannot replay it as theirs.
    const reused = await service.request('POST', `/internal/tenants/${pair}/checkout`, {
      principal: piet,
      headers: { 'idempotency-key': 'pair-olga-1' },
    });
    expect(reused).toMatchObject({ status: 409, body: { code: 'idempotency_key_reused' } });
    const pietBuys = await service.request('POST', `/internal/tenants/${pair}/checkout`, {
      principal: piet,
      headers: { 'idempotency-key': 'pair-piet-1' },
    });
    expect(pietBuys).toMatchObject({ status: 201, body: { quantity: 5, purchasedBy: 'admin-piet' } });
  });

  it("answers another tenant's administrator 404 on every route", async () => {
    const stranger = adminOf('tenant-elsewhere');
    for (const [method, route] of [
      ['GET', '/overview'],
      ['GET', '/cart'],
      ['POST', '/cart/lines'],
      ['POST', '/checkout'],
      ['GET', '/purchases'],
      ['POST', '/cancellations'],
      ['GET', '/ledger'],
      ['PUT', '/module'],
    ]) {
      const answer = await service.request(method, path(route), {
        principal: stranger,
        body: method === 'GET' ? undefined : {},
      });
      expect([route, answer.status]).toEqual([route, 404]);
    }
  });
});
