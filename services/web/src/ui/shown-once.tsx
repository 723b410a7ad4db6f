import {
  Button,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { Copy24Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { Stack } from './page';

/** What a dialog showing a secret once says, in the person's language. */
export interface ShownOnceTexts {
  title: string;
  /** That this is the only time it is shown, and where to keep it. */
  warning: string;
  /** The field's label, e.g. "Key for “Business Central production”". */
  label: string;
  copy: string;
  copied: string;
  /** The button that closes it: "I have stored it". */
  done: string;
}

/**
 * The body of a dialog showing a secret the platform keeps no readable copy of (a connector key, a webhook's
 * signing secret): read-only, with a copy button, closed only by saying it was stored.
 */
export function ShownOnceBody({
  texts,
  value,
  testId,
  onDone,
}: {
  texts: ShownOnceTexts;
  value: string;
  testId: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };
  return (
    <DialogBody>
      <DialogTitle>{texts.title}</DialogTitle>
      <DialogContent>
        <Stack>
          <MessageBar intent="warning">
            <MessageBarBody>{texts.warning}</MessageBarBody>
          </MessageBar>
          <Field label={texts.label}>
            <Input readOnly value={value} data-testid={testId} />
          </Field>
          {copied ? <Text role="status">{texts.copied}</Text> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button icon={<Copy24Regular />} onClick={() => void copy()}>
          {texts.copy}
        </Button>
        <Button appearance="primary" onClick={onDone}>
          {texts.done}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
