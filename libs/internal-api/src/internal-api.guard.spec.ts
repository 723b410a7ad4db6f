import { callerOfRoute } from './internal-api.guard';

describe('callerOfRoute', () => {
  it('gives the operator routes and the development tools to operators', () => {
    expect(callerOfRoute('/internal/operator/dead-letters')).toBe('operator');
    expect(callerOfRoute('internal/operator/tenants/:tenantId/plan')).toBe('operator');
    expect(callerOfRoute('internal/operator/rebuild/')).toBe('operator');
    expect(callerOfRoute('/internal/dev/mail?to=rita@fabrikam.example')).toBe('operator');
  });

  it('gives every other route to the gateway', () => {
    expect(callerOfRoute('/internal/tenants/t1/overview')).toBe('gateway');
    expect(callerOfRoute('/internal/partner/orders')).toBe('gateway');
    expect(callerOfRoute('/internal/operators-guide')).toBe('gateway');
  });

  it('reads a path the way Express matches it: any case, doubled slashes', () => {
    expect(callerOfRoute('/Internal/OPERATOR/dead-letters')).toBe('operator');
    expect(callerOfRoute('//internal//dev/mail')).toBe('operator');
  });
});
