import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload24Regular, ArrowUpload24Regular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { useFormat } from '../../ui/format';
import { PageHeader, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useWorkspace } from '../workspace/workspace';
import {
  downloadTemplate,
  missingDefaults,
  useOrderDefaults,
  useUploadOrders,
  useUploadPreview,
  type UploadedOrders,
  type UploadPreview,
  type UploadRowError,
} from './order-hooks';
import { MissingDefaults, ScrollingTable } from './order-parts';

/** The upload's columns, in the template's order, and whether a file must have them. */
const COLUMNS: Array<[string, boolean]> = [
  ['orderRef', true],
  ['requestedReceiptDate', true],
  ['requisitionNo', false],
  ['deliveryDescription', true],
  ['deliveryLine1', true],
  ['deliveryLine2', false],
  ['deliveryCity', true],
  ['deliveryPostalCode', true],
  ['deliveryCountryCode', true],
  ['itemNo', true],
  ['quantity', true],
  ['unitCode', true],
];

const useStyles = makeStyles({
  file: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalL,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  input: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  label: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  amount: { textAlign: 'end', whiteSpace: 'nowrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

/**
 * Upload orders: choose a CSV file, see what it would create and every problem by row (the server checks it exactly
 * as the upload would, writing nothing), then submit all of it or none. The template comes in the separator the
 * person's spreadsheet writes (Excel in Dutch or German writes semicolons).
 */
export function OrderUploadPage() {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const defaults = useOrderDefaults();
  const missing = missingDefaults(defaults.error);
  const preview = useUploadPreview();
  const upload = useUploadOrders();
  const inputId = useId();
  const [file, setFile] = useState<File | undefined>();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [delimiter, setDelimiter] = useState<'comma' | 'semicolon'>(
    i18n.language.startsWith('en') ? 'comma' : 'semicolon',
  );
  const [downloadError, setDownloadError] = useState<unknown>();

  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    upload.reset();
    preview.reset();
    // A new file is a new upload: its own key, so that it is never taken for a retry of the previous one.
    setIdempotencyKey(crypto.randomUUID());
    if (chosen) preview.mutate(chosen);
  };
  const refused = upload.error instanceof ApiProblem ? upload.error.problem.rowErrors : undefined;
  const checked = preview.data;
  const rowErrors = refused ?? checked?.rowErrors ?? [];
  const canSubmit = Boolean(file && checked?.acceptable && !refused && !upload.data);

  return (
    <Stack>
      <PageHeader
        title={t('orderUpload.title')}
        subtitle={<Link to={workspace.to('orders')}>{t('orderUpload.back')}</Link>}
      />
      {missing ? <MissingDefaults missing={missing} /> : <ProblemMessage error={defaults.error} />}
      <Section title={t('orderUpload.file')}>
        <Body1>{t('orderUpload.intro')}</Body1>
        <div className={styles.file}>
          <label htmlFor={inputId} className={styles.label}>
            {t('orderUpload.choose')}
          </label>
          <input
            id={inputId}
            className={styles.input}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${inputId}-hint`}
            disabled={Boolean(missing) || upload.isPending}
            onChange={(event) => choose(event.target.files?.[0])}
          />
          <Caption1 id={`${inputId}-hint`} className={styles.muted}>
            {t('orderUpload.chooseHint')}
          </Caption1>
        </div>
        <div role="status" aria-live="polite">
          {preview.isPending ? <Spinner size="tiny" label={t('orderUpload.checking')} /> : null}
          {checked && !upload.data ? <PreviewSummary preview={checked} /> : null}
          {upload.data ? <Uploaded result={upload.data} /> : null}
        </div>
        <ProblemMessage error={preview.error} />
        {upload.error && !refused ? <ProblemMessage error={upload.error} /> : null}
        {rowErrors.length ? <RowErrors errors={rowErrors} refused={Boolean(refused)} /> : null}
        {checked?.orders.length && !upload.data ? (
          <PreviewOrders preview={checked} currency={checked.currencyCode} />
        ) : null}
        {file && !upload.data ? (
          <div className={styles.actions}>
            <Button
              appearance="primary"
              icon={<ArrowUpload24Regular />}
              disabled={!canSubmit || upload.isPending}
              onClick={() => file && upload.mutate({ file, idempotencyKey })}
            >
              {upload.isPending
                ? t('orderUpload.submitting')
                : checked?.acceptable
                  ? t('orderUpload.submit', { count: checked.orders.length })
                  : t('orderUpload.submitAll')}
            </Button>
            {checked && !checked.acceptable ? (
              <Caption1 className={styles.muted}>{t('orderUpload.fixFirst')}</Caption1>
            ) : null}
          </div>
        ) : null}
      </Section>
      <Section title={t('orderUpload.template')}>
        <Body1>{t('orderUpload.templateText')}</Body1>
        <RadioGroup
          aria-label={t('orderUpload.separator')}
          value={delimiter}
          onChange={(_, data) => setDelimiter(data.value as 'comma' | 'semicolon')}
          layout="horizontal"
        >
          <Radio value="semicolon" label={t('orderUpload.semicolon')} />
          <Radio value="comma" label={t('orderUpload.comma')} />
        </RadioGroup>
        <div className={styles.actions}>
          <Button
            icon={<ArrowDownload24Regular />}
            disabled={Boolean(missing)}
            onClick={() => {
              setDownloadError(undefined);
              downloadTemplate(delimiter).catch(setDownloadError);
            }}
          >
            {t('orderUpload.download')}
          </Button>
        </div>
        <ProblemMessage error={downloadError} />
      </Section>
      <Section title={t('orderUpload.columns')}>
        <Body1>{t('orderUpload.columnsText')}</Body1>
        <ScrollingTable label={t('orderUpload.columns')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('orderUpload.column')}</TableHeaderCell>
              <TableHeaderCell>{t('orderUpload.meaning')}</TableHeaderCell>
              <TableHeaderCell>{t('orderUpload.required')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {COLUMNS.map(([column, required]) => (
              <TableRow key={column}>
                <TableCell className={styles.code}>{column}</TableCell>
                <TableCell>{t(`orderUpload.columnHelp.${column}`)}</TableCell>
                <TableCell>{required ? t('orderUpload.yes') : t('orderUpload.no')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollingTable>
        <Caption1 className={styles.muted}>{t('orderUpload.excel')}</Caption1>
      </Section>
    </Stack>
  );
}

function PreviewSummary({ preview }: { preview: UploadPreview }) {
  const { t } = useTranslation();
  const lines = preview.orders.reduce((n, o) => n + o.lines.length, 0);
  return preview.acceptable ? (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('orderUpload.ready', { count: preview.orders.length })}</MessageBarTitle>
        {t('orderUpload.readyText', {
          lines,
          separator: t(preview.delimiter === ';' ? 'orderUpload.semicolonShort' : 'orderUpload.commaShort'),
        })}
      </MessageBarBody>
    </MessageBar>
  ) : (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('orderUpload.problems', { count: preview.rowErrors.length })}</MessageBarTitle>
        {t('orderUpload.problemsText')}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Every problem of the file by row and column, as the server found it. */
function RowErrors({ errors, refused }: { errors: UploadRowError[]; refused: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const columnName = (field: string) =>
    field.startsWith('(') ? t(`orderUpload.place.${field.slice(1, -1)}`, { defaultValue: field }) : field;
  return (
    <ScrollingTable
      label={t('orderUpload.errors')}
      before={
        <>
          <Subtitle2 as="h3">{t('orderUpload.errors')}</Subtitle2>
          {refused ? (
            <MessageBar intent="error">
              <MessageBarBody>{t('orderUpload.refused')}</MessageBarBody>
            </MessageBar>
          ) : null}
        </>
      }
    >
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('orderUpload.row')}</TableHeaderCell>
          <TableHeaderCell>{t('orderUpload.column')}</TableHeaderCell>
          <TableHeaderCell>{t('orderUpload.problem')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {errors.map((error, i) => (
          <TableRow key={`${error.row}-${error.field}-${i}`}>
            <TableCell>{error.row}</TableCell>
            <TableCell className={styles.code}>{columnName(error.field)}</TableCell>
            <TableCell>{error.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
}

/** The orders the file would create, with their lines and estimates. */
function PreviewOrders({ preview, currency }: { preview: UploadPreview; currency: string | null }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const money = (amount: string) => (currency ? format.money(amount, currency) : amount);
  return (
    <ScrollingTable label={t('orderUpload.orders')} before={<Subtitle2 as="h3">{t('orderUpload.orders')}</Subtitle2>}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('orderUpload.orderRef')}</TableHeaderCell>
          <TableHeaderCell>{t('orders.column.requested')}</TableHeaderCell>
          <TableHeaderCell>{t('orders.order.deliveryAddress')}</TableHeaderCell>
          <TableHeaderCell>{t('orderUpload.lines')}</TableHeaderCell>
          <TableHeaderCell className={styles.amount}>{t('orders.column.total')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {preview.orders.map((order) => (
          <TableRow key={order.orderRef}>
            <TableCell>{order.orderRef}</TableCell>
            <TableCell>{format.date(order.requestedReceiptDate)}</TableCell>
            <TableCell>{`${order.deliveryAddress.description}, ${order.deliveryAddress.city}`}</TableCell>
            <TableCell>
              {order.lines
                .map(
                  (l) =>
                    `${format.number(Number(l.quantity))} ${l.unitCode} ${l.itemNo} (${t('orderUpload.rowNo', { row: l.row })})`,
                )
                .join('; ')}
            </TableCell>
            <TableCell className={styles.amount}>{money(order.estimatedTotal)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
}

/** What the upload created, with a link to each order. */
function Uploaded({ result }: { result: UploadedOrders }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('orderUpload.done', { count: result.orders.length })}</MessageBarTitle>
        {t('orderUpload.doneText')}{' '}
        {result.orders.map((order, i) => (
          <span key={order.portalOrderId}>
            {i > 0 ? ', ' : ''}
            <Link to={workspace.to(`orders/${order.portalOrderId}`)}>{order.portalOrderNo}</Link>
          </span>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
