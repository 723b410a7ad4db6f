import type { TFunction } from 'i18next';
import { ApiProblem } from '../api/problem';

/** A refusal or failure as sentences a person can act on. */
export interface ProblemText {
  title: string;
  text: string;
  /** The support reference for failures that are ours (5xx). */
  reference?: string;
}

/**
 * Turns what a call threw into human sentences in the person's language: the problem's stable `code` first (each
 * has its own sentence saying what to do), then the status. Never a stack, never "Error 500" alone.
 */
export function problemText(error: unknown, t: TFunction): ProblemText {
  if (!(error instanceof ApiProblem)) {
    return { title: t('problem.title.unexpected'), text: t('problem.status.500') };
  }
  const values = { ...error.problem, seconds: error.retryAfterSeconds ?? 60 } as Record<string, unknown>;
  const attemptsLeft = error.problem.attemptsLeft;
  // A wrong code says how many tries remain (a plural), and that the last one locked the invitation.
  const code = error.code === 'wrong_code' && attemptsLeft === 0 ? 'wrong_code_locked' : error.code;
  if (typeof attemptsLeft === 'number' && attemptsLeft > 0) values.count = attemptsLeft;
  const byCode = code ? `problem.code.${code}` : undefined;
  const status = error.status;
  const statusKey = `problem.status.${status}`;
  let text: string;
  if (byCode && t(byCode, { defaultValue: '' })) text = t(byCode, values);
  else if (status === 400 && error.problem.errors?.length) {
    text = t('problem.fields', { fields: error.problem.errors.map((e) => `${e.field}: ${e.reason}`).join('; ') });
  } else if (t(statusKey, { defaultValue: '' })) text = t(statusKey, values);
  else text = t(status >= 500 ? 'problem.status.500' : 'problem.status.400');
  const title = t(status === 0 || status >= 500 ? 'problem.title.failure' : 'problem.title.refused');
  return { title, text, ...(status >= 500 && error.requestId ? { reference: error.requestId } : {}) };
}

/** The reason the API gave for one form field, if it named it. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  return error instanceof ApiProblem ? error.fieldReason(field) : undefined;
}
