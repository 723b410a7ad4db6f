import { makeStyles, Select, tokens, type SelectProps } from '@fluentui/react-components';
import { Globe24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/i18n';

const useStyles = makeStyles({
  switch: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/**
 * English, Nederlands, Deutsch, each named in itself. A native select, because every browser and screen reader knows
 * it and it costs the partner's first page no menu library. Inside a Field it takes the Field's label.
 */
export function LanguageSelect(props: Pick<SelectProps, 'aria-label' | 'appearance' | 'size'>) {
  const { i18n } = useTranslation();
  return (
    <Select {...props} value={currentLanguage(i18n)} onChange={(_, data) => void i18n.changeLanguage(data.value)}>
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </Select>
  );
}

/** The header's language choice: chosen from the browser at first, switchable at any time. */
export function LanguageSwitch() {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <span className={styles.switch}>
      <Globe24Regular aria-hidden />
      <LanguageSelect aria-label={t('language.label')} appearance="filled-darker" size="small" />
    </span>
  );
}
