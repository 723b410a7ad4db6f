import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from './problem-message';

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
  error?: unknown;
}

/** Asks before something that cannot be undone, says what follows, and shows the refusal if there is one. */
export function ConfirmDialog(props: ConfirmProps & { open: boolean }) {
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => !data.open && props.onCancel()} modalType="alert">
      <DialogSurface>
        <ConfirmBody {...props} />
      </DialogSurface>
    </Dialog>
  );
}

/**
 * The question of a ConfirmDialog, for a dialog that goes on to show something else (one dialog throughout: two
 * modal dialogs swapped at once leave the page hidden from screen readers).
 */
export function ConfirmBody(props: ConfirmProps) {
  const { t } = useTranslation();
  return (
    <DialogBody>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        <ProblemMessage error={props.error} />
      </DialogContent>
      <DialogActions>
        <Button appearance="secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </Button>
        <Button appearance="primary" onClick={props.onConfirm} disabled={props.busy}>
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
