import { isProxyRange, loadGatewayConfig } from './gateway.config';

describe('the gateway configuration', () => {
  const env = { GATEWAY_API_TOKEN: 'a'.repeat(32) };

  it('trusts the loopback proxy by default, the ranges TRUST_PROXY names, or none when it is empty', () => {
    expect(loadGatewayConfig({ ...env }).trustProxy).toEqual(['loopback']);
    expect(loadGatewayConfig({ ...env, TRUST_PROXY: '10.0.0.0/8, uniquelocal,fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'uniquelocal',
      'fd00::/8',
    ]);
    expect(loadGatewayConfig({ ...env, TRUST_PROXY: '' }).trustProxy).toEqual([]);
  });

  it('refuses a TRUST_PROXY entry that is no range, naming the variable', () => {
    expect(() => loadGatewayConfig({ ...env, TRUST_PROXY: 'loopback,everyone' })).toThrow(/TRUST_PROXY/);
    expect(() => loadGatewayConfig({ ...env, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });

  it.each([
    ['loopback', true],
    ['10.1.2.3', true],
    ['192.168.0.0/16', true],
    ['::1', true],
    ['2001:db8::/32', true],
    ['10.0.0.0/33', false],
    ['2001:db8::/129', false],
    ['10.0.0.0/8/1', false],
    ['example.com', false],
    ['true', false],
  ])('takes %p as a proxy range: %p', (value, expected) => {
    expect(isProxyRange(value)).toBe(expected);
  });
});
