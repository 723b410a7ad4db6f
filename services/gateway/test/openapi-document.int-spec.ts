import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  items?: Schema;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
};
type Document = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
};

/** `node services/gateway/dist/docs/print-openapi.js` from the build, as the web app's generator runs it. */
async function printDocument(env: NodeJS.ProcessEnv = {}): Promise<string> {
  const script = join(__dirname, '..', 'dist', 'docs', 'print-openapi.js');
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { PATH: process.env.PATH, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return stdout;
}

// The document the web app's API client is generated from, printed from the build without a running system.
describe('the OpenAPI document printed without a running system', () => {
  let text: string;
  let document: Document;

  beforeAll(async () => {
    text = await printDocument();
    document = JSON.parse(text);
  }, 60_000);

  it('is the same text every time, whatever the environment configures', async () => {
    const elsewhere = await printDocument({
      OIDC_ISSUER: 'https://elsewhere.example.test',
      KAFKA_BROKERS: '192.0.2.1:9092',
      GATEWAY_API_TOKEN: 'another-token-of-enough-length',
    });
    expect(elsewhere).toBe(text);
    expect(text).not.toContain('elsewhere');
  }, 60_000);

  it('gives every success answer but a 204 a schema, each named class with its properties', () => {
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          if (!status.startsWith('2') || status === '204') continue;
          const schema = Object.values(answer.content ?? {})[0]?.schema;
          const ref = schema?.$ref ?? schema?.items?.$ref;
          const named = ref ? document.components.schemas[ref.split('/').pop()!] : undefined;
          const described = schema && (ref ? Object.keys(named?.properties ?? {}).length > 0 : schema.type);
          if (!described) missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('marks a field that is present but may be null as nullable and required, and an optional one as not required', () => {
    const invitation = document.components.schemas.InvitationResponse;
    expect(invitation.properties?.expiresAt).toMatchObject({ type: 'string', format: 'date-time', nullable: true });
    expect(invitation.required).toEqual(expect.arrayContaining(['expiresAt', 'partnerName', 'createdAt']));
    expect(invitation.properties?.createdAt?.nullable).toBeUndefined();
    expect(document.components.schemas.BulkInviteResultResponse.required).toEqual(['index', 'outcome']);
    const detail = document.components.schemas.PartnerDocumentDetailResponse;
    expect(detail.properties?.shipTo).toMatchObject({ nullable: true });
    expect(detail.required).toContain('shipTo');
  });

  it('lists the extension members of a problem that clients rely on, and leaves it open to others', () => {
    const problem = document.components.schemas.Problem;
    expect(Object.keys(problem.properties ?? {})).toEqual(
      expect.arrayContaining(['code', 'errors', 'attemptsLeft', 'existingInvitationId', 'membershipId', 'rejected']),
    );
    expect(problem.additionalProperties).toBe(true);
  });
});
