import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '@partner-portal/testing';

/** Where each fault test leaves its figures, one JSON line per test. */
export const FIGURES_FILE = join(repoRoot, '.local', 'test-results', 'faults.jsonl');

/** What one fault test counted from the outside. */
export interface FaultFigures {
  /** Events (or requests) the test's producer sent. */
  events: number;
  /** Faults injected (signals, cuts, concurrent racers). */
  faults: number;
  /** Sent but never reflected. */
  lost: number;
  /** Reflected more than once. */
  doubled: number;
  /** Anything else the test measured (RSS, refusals, DLQ counts). */
  [figure: string]: number | string;
}

/** Appends the test's figures with its name and duration (from `startedAt`) to FIGURES_FILE. */
export function recordFigures(test: string, startedAt: number, figures: FaultFigures): void {
  mkdirSync(dirname(FIGURES_FILE), { recursive: true });
  const line = {
    test,
    ...figures,
    seconds: Math.round((Date.now() - startedAt) / 100) / 10,
    at: new Date().toISOString(),
  };
  appendFileSync(FIGURES_FILE, `${JSON.stringify(line)}\n`);
}
