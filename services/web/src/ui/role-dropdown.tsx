import { Dropdown, Option } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

/** The portal roles a person may have, in the order the dropdowns list them. */
export const ROLES = ['authorized_user', 'customer_representative'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A person's role as a dropdown in a table cell: picking another role calls onChange (the page asks to confirm);
 * picking the same role does nothing.
 */
export function RoleDropdown({
  role,
  label,
  disabled,
  className,
  onChange,
}: {
  role: Role;
  label: string;
  disabled: boolean;
  className?: string;
  onChange: (role: Role) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dropdown
      className={className}
      // Fluent's dropdown is 250px wide at least; in a table column it would spill over the next cell.
      style={{ minWidth: 0, maxWidth: '100%' }}
      aria-label={label}
      value={t(`role.${role}`)}
      selectedOptions={[role]}
      disabled={disabled}
      onOptionSelect={(_, data) => data.optionValue && data.optionValue !== role && onChange(data.optionValue as Role)}
    >
      {ROLES.map((r) => (
        <Option key={r} value={r}>
          {t(`role.${r}`)}
        </Option>
      ))}
    </Dropdown>
  );
}
