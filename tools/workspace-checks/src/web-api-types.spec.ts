import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApiSchemaFile, writeApiSchema } from '@partner-portal/infra';

// The web app's API types are generated from the gateway's OpenAPI document (npm test builds the gateway first).
describe("the web app's API client", () => {
  it('matches what the gateway documents now (else: npm run generate:api)', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'api-types-')), 'schema.d.ts');
    writeApiSchema(fresh);
    const committed = readFileSync(webApiSchemaFile, 'utf8');
    const generated = readFileSync(fresh, 'utf8');
    if (committed !== generated) {
      throw new Error(
        'services/web/src/api/schema.d.ts is stale: the gateway documents its API differently now. ' +
          'Run `npm run generate:api` and commit the result.',
      );
    }
    expect(generated).toContain('"/api/admin/tenants/{tenantId}/overview"');
  }, 60_000);
});
