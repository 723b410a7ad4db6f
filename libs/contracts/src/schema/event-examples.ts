import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEnvelope } from '../envelope';

/** libs/contracts/examples, from src/schema as from dist/schema. */
const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/**
 * The checked-in example of each event version (`examples/<Type>.v<N>.json`, a whole envelope), by version name
 * (`PortalOrderSubmitted.v1`). The catalogue's tests prove that there is one for every version and that each is valid.
 */
export function readEventExamples(dir = EXAMPLES_DIR): Map<string, EventEnvelope<Record<string, unknown>>> {
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => [file.slice(0, -'.json'.length), JSON.parse(readFileSync(join(dir, file), 'utf8'))]),
  );
}
