import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from './problem-text';

/** A refusal shown where it happened, with what to do next (`action`: a button or link). */
export function ProblemMessage({ error, action }: { error: unknown; action?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, text, reference } = problemText(error, t);
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {text}
        {reference ? ` ${t('problem.reference', { reference })}` : ''}
      </MessageBarBody>
      {action ? <MessageBarActions>{action}</MessageBarActions> : null}
    </MessageBar>
  );
}
