import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Add24Regular, Delete24Regular } from '@fluentui/react-icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Controller,
  useFieldArray,
  useForm,
  useWatch,
  type FieldError,
  type FieldPath,
  type UseFormReturn,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { useDebounced } from '../../ui/debounce';
import { useFormat } from '../../ui/format';
import { PageHeader, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useWorkspace } from '../workspace/workspace';
import {
  estimatedAmount,
  formPath,
  localDay,
  orderFormSchema,
  STEP_FIELDS,
  STEPS,
  stepOf,
  toOrderRequest,
  unitPriceOf,
  type OrderForm,
  type Step,
} from './order-form';
import {
  missingDefaults,
  useCatalogue,
  useOrderDefaults,
  usePlaceOrder,
  type CatalogueItem,
  type OrderDefaults,
} from './order-hooks';
import { DefaultsFacts, MissingDefaults, ScrollingTable } from './order-parts';

const useStyles = makeStyles({
  stepper: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  step: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  number: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '1.75rem',
    height: '1.75rem',
    borderRadius: '50%',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  currentNumber: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    border: `1px solid ${tokens.colorBrandBackground}`,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, justifyContent: 'space-between', flexWrap: 'wrap' },
  results: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  result: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  amount: { textAlign: 'end', whiteSpace: 'nowrap' },
  quantity: { width: '7rem' },
  error: { color: tokens.colorPaletteRedForeground1 },
  total: { fontWeight: tokens.fontWeightSemibold },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' },
});

/** The wizard's page: the defaults first (a contact record lacking fields gets one message instead of the wizard). */
export function OrderWizardPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const defaults = useOrderDefaults();
  const missing = missingDefaults(defaults.error);
  return (
    <Stack>
      <PageHeader
        title={t('orderWizard.title')}
        subtitle={<Link to={workspace.to('orders')}>{t('orderWizard.back')}</Link>}
      />
      {defaults.isPending ? <Spinner label={t('common.loading')} /> : null}
      {missing ? <MissingDefaults missing={missing} /> : <ProblemMessage error={defaults.error} />}
      {defaults.data ? <OrderWizard defaults={defaults.data} /> : null}
    </Stack>
  );
}

type Form = UseFormReturn<OrderForm>;

/** A form field's message in the person's words: the form's own (an i18n key) or the server's reason. */
function useFieldMessage() {
  const { t } = useTranslation();
  return (error: FieldError | undefined): string | undefined => {
    if (!error?.message) return undefined;
    return error.type === 'server'
      ? t('orderWizard.error.server', { reason: error.message })
      : t(`orderWizard.error.${error.message}`);
  };
}

/**
 * Order information, Items, Review and submit: one react-hook-form form over three steps. "Next" checks the step's
 * fields; a refusal of the server puts each reason at the field it names, on its step. The Idempotency-Key is made
 * once per wizard, so a double click or a retry places one order.
 */
function OrderWizard({ defaults }: { defaults: OrderDefaults }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const workspace = useWorkspace();
  const today = localDay(new Date());
  const schema = useMemo(() => orderFormSchema(today), [today]);
  const suggested = defaults.suggestedDeliveryAddress;
  const form = useForm<OrderForm>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: {
      requestedReceiptDate: localDay(new Date(), 7),
      requisitionNo: '',
      deliveryAddress: {
        description: suggested?.description ?? '',
        line1: suggested?.line1 ?? '',
        line2: suggested?.line2 ?? '',
        city: suggested?.city ?? '',
        postalCode: suggested?.postalCode ?? '',
        countryCode: suggested?.countryCode ?? defaults.shipToCountryCode,
      },
      lines: [],
    },
  });
  const [step, setStep] = useState<Step>('information');
  const [items, setItems] = useState<Record<string, CatalogueItem>>({});
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [unplaced, setUnplaced] = useState<Array<{ field: string; reason: string }>>([]);
  const place = usePlaceOrder();
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    // Focus follows the step (not on arrival: the page's own heading comes first there).
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step]);

  const index = STEPS.indexOf(step);
  const next = async () => {
    if (step === 'review') return;
    if (await form.trigger(STEP_FIELDS[step], { shouldFocus: true })) setStep(STEPS[index + 1]);
  };
  const submit = form.handleSubmit((values) => {
    setUnplaced([]);
    place.mutate(
      { order: toOrderRequest(values), idempotencyKey },
      {
        onSuccess: (order) => navigate(workspace.to(`orders/${order.portalOrderId}`)),
        onError: (error) => {
          if (!(error instanceof ApiProblem) || !error.problem.errors?.length) return;
          const elsewhere: Array<{ field: string; reason: string }> = [];
          let first: Step | undefined;
          for (const { field, reason } of error.problem.errors) {
            const at = stepOf(field);
            if (!at) {
              elsewhere.push({ field, reason });
              continue;
            }
            form.setError(formPath(field) as FieldPath<OrderForm>, { type: 'server', message: reason });
            if (!first || STEPS.indexOf(at) < STEPS.indexOf(first)) first = at;
          }
          setUnplaced(elsewhere);
          if (first) setStep(first);
        },
      },
    );
  });

  const stepTitle = t(`orderWizard.step.${step}`);
  const problemShownAtFields = place.error instanceof ApiProblem && (place.error.problem.errors?.length ?? 0) > 0;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (step === 'review') void submit(event);
        else void next();
      }}
    >
      <Stack>
        <nav aria-label={t('orderWizard.steps')}>
          <ol className={styles.stepper}>
            {STEPS.map((s, i) => (
              <li
                key={s}
                aria-current={s === step ? 'step' : undefined}
                className={`${styles.step} ${s === step ? styles.current : ''}`}
              >
                <span className={`${styles.number} ${s === step ? styles.currentNumber : ''}`} aria-hidden="true">
                  {i + 1}
                </span>
                {i < index ? (
                  <Button appearance="transparent" onClick={() => setStep(s)}>
                    {t(`orderWizard.step.${s}`)}
                    <span className={styles.hidden}>{` ${t('orderWizard.done')}`}</span>
                  </Button>
                ) : (
                  <span>{t(`orderWizard.step.${s}`)}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <h2 tabIndex={-1} ref={heading} className={styles.heading}>
          {t('orderWizard.stepHeading', { number: index + 1, total: STEPS.length, step: stepTitle })}
        </h2>
        {step === 'information' ? <InformationStep form={form} defaults={defaults} today={today} /> : null}
        {step === 'items' ? <ItemsStep form={form} defaults={defaults} items={items} setItems={setItems} /> : null}
        {step === 'review' ? <ReviewStep form={form} defaults={defaults} items={items} /> : null}
        {unplaced.length ? (
          <MissingDefaults missing={unplaced} />
        ) : problemShownAtFields ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{t('orderWizard.refusedAtFields')}</MessageBarBody>
          </MessageBar>
        ) : (
          <ProblemMessage error={place.error} />
        )}
        <div className={styles.actions}>
          <div>
            {index > 0 ? (
              <Button onClick={() => setStep(STEPS[index - 1])} disabled={place.isPending}>
                {t('orderWizard.previous')}
              </Button>
            ) : null}
          </div>
          {step === 'review' ? (
            <Button appearance="primary" type="submit" disabled={place.isPending}>
              {place.isPending ? t('orderWizard.submitting') : t('orderWizard.submit')}
            </Button>
          ) : (
            <Button appearance="primary" type="submit">
              {t('orderWizard.next')}
            </Button>
          )}
        </div>
      </Stack>
    </form>
  );
}

/** A text field of the form with its label and message. */
function TextField(props: {
  form: Form;
  name: FieldPath<OrderForm>;
  label: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'date';
  min?: string;
  maxLength?: number;
  autoComplete?: string;
}) {
  const message = useFieldMessage();
  return (
    <Controller
      control={props.form.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <Field
          label={props.label}
          hint={props.hint}
          required={props.required}
          validationState={fieldState.error ? 'error' : 'none'}
          validationMessage={message(fieldState.error)}
        >
          <Input
            ref={field.ref}
            name={field.name}
            type={props.type ?? 'text'}
            min={props.min}
            maxLength={props.maxLength}
            autoComplete={props.autoComplete}
            value={String(field.value ?? '')}
            onChange={(_, data) => field.onChange(data.value)}
            onBlur={field.onBlur}
          />
        </Field>
      )}
    />
  );
}

function InformationStep({ form, defaults, today }: { form: Form; defaults: OrderDefaults; today: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <>
      <div className={styles.grid}>
        <TextField
          form={form}
          name="requestedReceiptDate"
          label={t('orderWizard.field.requestedReceiptDate')}
          type="date"
          min={today}
          required
        />
        <TextField
          form={form}
          name="requisitionNo"
          label={t('orderWizard.field.requisitionNo')}
          hint={t('orderWizard.field.requisitionNoHint')}
          maxLength={35}
        />
      </div>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('orderWizard.field.deliveryAddress')}</legend>
        {defaults.suggestedDeliveryAddress ? (
          <Caption1 className={styles.muted}>{t('orderWizard.field.deliveryAddressHint')}</Caption1>
        ) : null}
        <div className={styles.grid}>
          <TextField
            form={form}
            name="deliveryAddress.description"
            label={t('orderWizard.field.description')}
            required
            maxLength={100}
          />
          <TextField
            form={form}
            name="deliveryAddress.line1"
            label={t('orderWizard.field.line1')}
            required
            maxLength={100}
            autoComplete="address-line1"
          />
          <TextField
            form={form}
            name="deliveryAddress.line2"
            label={t('orderWizard.field.line2')}
            maxLength={100}
            autoComplete="address-line2"
          />
          <TextField
            form={form}
            name="deliveryAddress.postalCode"
            label={t('orderWizard.field.postalCode')}
            required
            maxLength={20}
            autoComplete="postal-code"
          />
          <TextField
            form={form}
            name="deliveryAddress.city"
            label={t('orderWizard.field.city')}
            required
            maxLength={50}
            autoComplete="address-level2"
          />
          <TextField
            form={form}
            name="deliveryAddress.countryCode"
            label={t('orderWizard.field.countryCode')}
            hint={t('orderWizard.field.countryCodeHint')}
            required
            maxLength={2}
          />
        </div>
      </fieldset>
      <Section title={t('orderWizard.defaults.title')}>
        <Body1>{t('orderWizard.defaults.text')}</Body1>
        <DefaultsFacts defaults={defaults} />
      </Section>
    </>
  );
}

function ItemsStep({
  form,
  defaults,
  items,
  setItems,
}: {
  form: Form;
  defaults: OrderDefaults;
  items: Record<string, CatalogueItem>;
  setItems(update: (items: Record<string, CatalogueItem>) => Record<string, CatalogueItem>): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const message = useFieldMessage();
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), 250);
  const catalogue = useCatalogue(settled);
  const lines = useFieldArray({ control: form.control, name: 'lines' });
  const watched = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const [announcement, setAnnouncement] = useState('');
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : format.money(amount, defaults.currencyCode);
  const basePrice = (item: CatalogueItem) => item.units[0]?.prices[0]?.unitPrice;

  const add = (item: CatalogueItem) => {
    setItems((known) => ({ ...known, [item.itemNo]: item }));
    lines.append({ itemNo: item.itemNo, unitCode: item.units[0].unitCode, quantity: '1' });
    form.clearErrors('lines');
    setAnnouncement(
      t('orderWizard.items.added', { item: `${item.itemNo} ${item.description}`, count: lines.fields.length + 1 }),
    );
  };
  const total = watched.reduce<number | undefined>((sum, line) => {
    const amount = estimatedAmount(unitPriceOf(items[line.itemNo], line.unitCode, line.quantity), line.quantity);
    return sum === undefined || amount === undefined ? undefined : sum + amount;
  }, 0);
  const linesError = form.formState.errors.lines;

  return (
    <>
      <Section title={t('orderWizard.items.find')}>
        <Field label={t('orderWizard.items.search')} hint={t('orderWizard.items.searchHint')}>
          <Input
            type="search"
            value={search}
            onChange={(_, data) => setSearch(data.value)}
            // Enter in the search box searches; it does not move the wizard on.
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.preventDefault();
            }}
          />
        </Field>
        <ProblemMessage error={catalogue.error} />
        {catalogue.data ? (
          catalogue.data.items.length ? (
            <ul className={styles.results} aria-label={t('orderWizard.items.results')} aria-busy={catalogue.isFetching}>
              {catalogue.data.items.slice(0, 8).map((item) => (
                <li key={item.itemNo} className={styles.result}>
                  <span>
                    <Text weight="semibold">{item.itemNo}</Text> {item.description}
                    <br />
                    <Caption1 className={styles.muted}>
                      {t('orderWizard.items.priceFrom', {
                        price: money(Number(basePrice(item))),
                        unit: item.units[0]?.unitCode,
                      })}
                      {item.units.length > 1
                        ? ` · ${t('orderWizard.items.units', { units: item.units.map((u) => u.unitCode).join(', ') })}`
                        : ''}
                    </Caption1>
                  </span>
                  <Button
                    icon={<Add24Regular />}
                    onClick={() => add(item)}
                    aria-label={t('orderWizard.items.addItem', { item: `${item.itemNo} ${item.description}` })}
                  >
                    {t('orderWizard.items.add')}
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <Body1>{t('orderWizard.items.noMatch')}</Body1>
          )
        ) : (
          <Spinner size="tiny" label={t('common.loading')} />
        )}
      </Section>
      <Section title={t('orderWizard.items.lines')}>
        <div className={styles.hidden} role="status" aria-live="polite">
          {announcement}
        </div>
        {lines.fields.length === 0 ? (
          <Body1 className={linesError ? styles.error : undefined} role={linesError ? 'alert' : undefined}>
            {linesError?.message ? (message(linesError as FieldError) ?? '') : t('orderWizard.items.noLines')}
          </Body1>
        ) : (
          <LinesTable
            form={form}
            items={items}
            fields={lines.fields}
            remove={(i) => {
              const removed = items[watched[i]?.itemNo];
              lines.remove(i);
              setAnnouncement(
                t('orderWizard.items.removed', { item: removed ? `${removed.itemNo} ${removed.description}` : '' }),
              );
            }}
            money={money}
            total={total}
          />
        )}
        {linesError?.root?.message || (linesError?.message && lines.fields.length) ? (
          <Body1 className={styles.error} role="alert">
            {message((linesError.root ?? linesError) as FieldError)}
          </Body1>
        ) : null}
      </Section>
    </>
  );
}

/** The head of a table of order lines; the items step adds a column for the remove buttons (`actions`). */
function LinesHeader({ actions = false }: { actions?: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <TableHeader>
      <TableRow>
        <TableHeaderCell>{t('orders.line.item')}</TableHeaderCell>
        <TableHeaderCell>{t('orders.line.quantity')}</TableHeaderCell>
        <TableHeaderCell>{t('orders.line.unit')}</TableHeaderCell>
        <TableHeaderCell className={styles.amount}>{t('orders.line.unitPrice')}</TableHeaderCell>
        <TableHeaderCell className={styles.amount}>{t('orders.line.amount')}</TableHeaderCell>
        {actions ? (
          <TableHeaderCell>
            <span className={styles.hidden}>{t('common.actions')}</span>
          </TableHeaderCell>
        ) : null}
      </TableRow>
    </TableHeader>
  );
}

function LinesTable(props: {
  form: Form;
  items: Record<string, CatalogueItem>;
  fields: Array<{ id: string }>;
  remove(index: number): void;
  money(amount: number | undefined): string;
  total: number | undefined;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const message = useFieldMessage();
  const watched = useWatch({ control: props.form.control, name: 'lines' }) ?? [];
  const errors = props.form.formState.errors.lines;
  return (
    <ScrollingTable label={t('orderWizard.items.lines')}>
      <LinesHeader actions />
      <TableBody>
        {props.fields.map((row, i) => {
          const line = watched[i] ?? { itemNo: '', unitCode: '', quantity: '' };
          const item = props.items[line.itemNo];
          const name = item ? `${item.itemNo} ${item.description}` : line.itemNo;
          const price = unitPriceOf(item, line.unitCode, line.quantity);
          const itemError = message(errors?.[i]?.itemNo);
          return (
            <TableRow key={row.id}>
              <TableCell>
                <Text weight="semibold">{line.itemNo}</Text> {item?.description}
                {itemError ? (
                  <div className={styles.error} role="alert">
                    {itemError}
                  </div>
                ) : null}
              </TableCell>
              <TableCell>
                <Controller
                  control={props.form.control}
                  name={`lines.${i}.quantity`}
                  render={({ field, fieldState }) => (
                    <Field
                      label={<span className={styles.hidden}>{t('orderWizard.items.quantityOf', { item: name })}</span>}
                      validationState={fieldState.error ? 'error' : 'none'}
                      validationMessage={message(fieldState.error)}
                    >
                      <Input
                        ref={field.ref}
                        className={styles.quantity}
                        inputMode="decimal"
                        value={field.value}
                        onChange={(_, data) => field.onChange(data.value)}
                        onBlur={field.onBlur}
                      />
                    </Field>
                  )}
                />
              </TableCell>
              <TableCell>
                <Controller
                  control={props.form.control}
                  name={`lines.${i}.unitCode`}
                  render={({ field, fieldState }) => (
                    <Field
                      label={<span className={styles.hidden}>{t('orderWizard.items.unitOf', { item: name })}</span>}
                      validationState={fieldState.error ? 'error' : 'none'}
                      validationMessage={message(fieldState.error)}
                    >
                      <Select ref={field.ref} value={field.value} onChange={(_, data) => field.onChange(data.value)}>
                        {(item?.units ?? [{ unitCode: field.value, qtyPerBaseUnit: '1', baseUnit: true }]).map(
                          (unit) => (
                            <option key={unit.unitCode} value={unit.unitCode}>
                              {unit.baseUnit || !item
                                ? unit.unitCode
                                : t('orderWizard.items.unitHolds', {
                                    unit: unit.unitCode,
                                    quantity: unit.qtyPerBaseUnit,
                                    base: item.baseUnitCode,
                                  })}
                            </option>
                          ),
                        )}
                      </Select>
                    </Field>
                  )}
                />
              </TableCell>
              <TableCell className={styles.amount}>
                {props.money(price === undefined ? undefined : Number(price))}
              </TableCell>
              <TableCell className={styles.amount}>{props.money(estimatedAmount(price, line.quantity))}</TableCell>
              <TableCell>
                <Button
                  appearance="subtle"
                  icon={<Delete24Regular />}
                  aria-label={t('orderWizard.items.remove', { item: name })}
                  onClick={() => props.remove(i)}
                />
              </TableCell>
            </TableRow>
          );
        })}
        <TableRow>
          <TableCell colSpan={4} className={styles.total}>
            {t('orderWizard.items.total')}
          </TableCell>
          <TableCell className={`${styles.amount} ${styles.total}`}>{props.money(props.total)}</TableCell>
          <TableCell />
        </TableRow>
      </TableBody>
    </ScrollingTable>
  );
}

function ReviewStep({
  form,
  defaults,
  items,
}: {
  form: Form;
  defaults: OrderDefaults;
  items: Record<string, CatalogueItem>;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const values = form.getValues();
  const address = values.deliveryAddress;
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : format.money(amount, defaults.currencyCode);
  const priced = values.lines.map((line) => {
    const item = items[line.itemNo];
    const price = unitPriceOf(item, line.unitCode, line.quantity);
    return { line, item, price, amount: estimatedAmount(price, line.quantity) };
  });
  const total = priced.some((p) => p.amount === undefined)
    ? undefined
    : priced.reduce((sum, p) => sum + (p.amount ?? 0), 0);
  const rows: ReactNode[] = priced.map(({ line, item, price, amount }, i) => (
    <TableRow key={`${line.itemNo}-${i}`}>
      <TableCell>
        <Text weight="semibold">{line.itemNo}</Text> {item?.description}
      </TableCell>
      <TableCell>{line.quantity}</TableCell>
      <TableCell>{line.unitCode}</TableCell>
      <TableCell className={styles.amount}>{money(price === undefined ? undefined : Number(price))}</TableCell>
      <TableCell className={styles.amount}>{money(amount)}</TableCell>
    </TableRow>
  ));
  return (
    <>
      <Section title={t('orderWizard.step.information')}>
        <DefaultsFacts
          defaults={defaults}
          before={[
            [t('orderWizard.field.requestedReceiptDate'), format.date(values.requestedReceiptDate)],
            [t('orderWizard.field.requisitionNo'), values.requisitionNo || '—'],
            [
              t('orderWizard.field.deliveryAddress'),
              [
                address.description,
                address.line1,
                address.line2,
                `${address.postalCode} ${address.city}`,
                address.countryCode.toUpperCase(),
              ]
                .filter((part) => part.trim())
                .join(', '),
            ],
          ]}
        />
      </Section>
      <Section title={t('orderWizard.step.items')}>
        <ScrollingTable label={t('orderWizard.items.lines')}>
          <LinesHeader />
          <TableBody>
            {rows}
            <TableRow>
              <TableCell colSpan={4} className={styles.total}>
                {t('orderWizard.items.total')}
              </TableCell>
              <TableCell className={`${styles.amount} ${styles.total}`}>{money(total)}</TableCell>
            </TableRow>
          </TableBody>
        </ScrollingTable>
        <Caption1 className={styles.muted}>{t('orderWizard.review.estimate')}</Caption1>
      </Section>
    </>
  );
}
