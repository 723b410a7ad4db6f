import { Menu, MenuButton, MenuItemRadio, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { Globe24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/i18n';

/** English, Nederlands, Deutsch: chosen from the browser at first, switchable at any time. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Menu
      checkedValues={{ language: [language] }}
      onCheckedValueChange={(_, { checkedItems }) => void i18n.changeLanguage(checkedItems[0])}
    >
      <MenuTrigger disableButtonEnhancement>
        <MenuButton
          appearance="subtle"
          icon={<Globe24Regular />}
          aria-label={t('language.choose', { language: LANGUAGE_NAMES[language] })}
        >
          {LANGUAGE_NAMES[language]}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {LANGUAGES.map((code) => (
            <MenuItemRadio key={code} name="language" value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
