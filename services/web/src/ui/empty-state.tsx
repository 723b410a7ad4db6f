import { Body1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalXL,
  },
});

/** An empty list says why it is empty and what to do next. */
export function EmptyState({ title, text, action }: { title: string; text?: string; action?: ReactNode }) {
  return (
    <div className={useStyles().box}>
      <Subtitle2 as="p">{title}</Subtitle2>
      {text ? <Body1 as="p">{text}</Body1> : null}
      {action}
    </div>
  );
}
