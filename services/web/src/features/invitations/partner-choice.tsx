import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { useCompanies, useEnvironments } from './directory-hooks';

type Environment = NonNullable<ReturnType<typeof useEnvironments>['data']>[number];
type Company = NonNullable<ReturnType<typeof useCompanies>['data']>[number];

const companyName = (company?: { name: string; displayName: string | null }) =>
  company ? (company.displayName ?? company.name) : '';

/**
 * The first two steps of choosing a partner: the ERP environment, then one of its companies (disabled until an
 * environment is chosen). The page keeps the choice and says what else a new choice resets.
 */
export function EnvironmentAndCompany(props: {
  environments: Environment[] | undefined;
  companies: Company[] | undefined;
  environment: string | undefined;
  companyId: string | undefined;
  environmentPlaceholder: string;
  companyPlaceholder: string;
  className?: string;
  onEnvironment(environment: string | undefined): void;
  onCompany(companyId: string | undefined): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('common.environment')} className={props.className}>
        <Dropdown
          placeholder={props.environmentPlaceholder}
          value={props.environment ?? ''}
          selectedOptions={props.environment ? [props.environment] : []}
          onOptionSelect={(_, data) => props.onEnvironment(data.optionValue)}
        >
          {(props.environments ?? []).map((e) => (
            <Option key={e.environment} value={e.environment} text={e.environment}>
              {`${e.environment} (${t(`environmentType.${e.environmentType}`)})`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t('common.company')} className={props.className}>
        <Dropdown
          placeholder={props.companyPlaceholder}
          disabled={!props.environment}
          value={companyName(props.companies?.find((c) => c.companyId === props.companyId))}
          selectedOptions={props.companyId ? [props.companyId] : []}
          onOptionSelect={(_, data) => props.onCompany(data.optionValue)}
        >
          {(props.companies ?? []).map((c) => (
            <Option key={c.companyId} value={c.companyId} text={companyName(c)}>
              {companyName(c)}
            </Option>
          ))}
        </Dropdown>
      </Field>
    </>
  );
}
