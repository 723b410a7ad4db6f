// `npm run generate:api`: the web app's API types (services/web/src/api/schema.d.ts) from the gateway's OpenAPI
// document. Builds the workspace first, since the document is printed from the gateway's build. A test in
// tools/workspace-checks fails while the committed types are stale.
import { join } from 'node:path';
import { webApiSchemaFile, writeApiSchema } from '@partner-portal/infra';
import { bin, runStep } from './run-step';

async function main(): Promise<void> {
  const built = await runStep('build', process.execPath, [
    bin('tsc'),
    '-b',
    join(__dirname, '..', '..', 'tsconfig.build.json'),
  ]);
  if (built !== 0) throw new Error('the build failed; see above');
  writeApiSchema();
  console.log(`[generate:api] wrote ${webApiSchemaFile}`);
}

main().catch((error: Error) => {
  console.error(`[generate:api] ${error.message}`);
  process.exit(1);
});
