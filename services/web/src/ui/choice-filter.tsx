import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

/** The partner types an administrator may filter by, in the order the ERP lists them. */
export const PARTNER_TYPES = ['customer', 'vendor', '3pl_customer'] as const;

/**
 * A list filter of one of a few values, or "All" (undefined): the label, each value in the person's words, and the
 * choice handed back as the value or undefined.
 */
export function ChoiceFilter<V extends string>(props: {
  label: string;
  value: V | undefined;
  values: readonly V[];
  text(value: V): string;
  onChange(value: V | undefined): void;
  className?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Field label={props.label} className={props.className}>
      <Dropdown
        disabled={props.disabled}
        value={props.value ? props.text(props.value) : t('common.all')}
        selectedOptions={[props.value ?? '']}
        onOptionSelect={(_, data) => props.onChange((data.optionValue || undefined) as V | undefined)}
      >
        <Option value="">{t('common.all')}</Option>
        {props.values.map((value) => (
          <Option key={value} value={value}>
            {props.text(value)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
