import i18next, {
  type BackendModule,
  type i18n as I18n,
  type LanguageDetectorModule,
  type ResourceLanguage,
} from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The languages the portal speaks, as the invitation e-mails do. */
export const LANGUAGES = ['en', 'nl', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', nl: 'Nederlands', de: 'Deutsch' };

const isLanguage = (code: string): code is Language => (LANGUAGES as readonly string[]).includes(code);

/** Each language's texts in a chunk of its own: a person downloads only the language they read. */
const TEXTS: Record<Language, () => Promise<{ default: ResourceLanguage }>> = {
  en: () => import('./en.json'),
  nl: () => import('./nl.json'),
  de: () => import('./de.json'),
};

const textChunks: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (!isLanguage(language)) return callback(null, {});
    TEXTS[language]().then(
      (texts) => callback(null, texts.default),
      (error: Error) => callback(error, false),
    );
  },
};

const CHOSEN_LANGUAGE = 'portal.language';

/** The person's own choice, else the browser's languages; the choice is a preference, not a secret, so it is kept. */
const personsLanguage: LanguageDetectorModule = {
  type: 'languageDetector',
  detect() {
    let chosen: string | null = null;
    try {
      chosen = window.localStorage.getItem(CHOSEN_LANGUAGE);
    } catch {
      // Storage refused (a privacy setting): the browser's languages decide.
    }
    // `de-DE` reads German: the portal's languages have no regional variants, and `<html lang>` names the one it speaks.
    return [...(chosen ? [chosen] : []), ...navigator.languages].map((code) => code.split('-')[0].toLowerCase());
  },
  cacheUserLanguage(language) {
    try {
      window.localStorage.setItem(CHOSEN_LANGUAGE, language);
    } catch {
      // Not kept: the next visit follows the browser again.
    }
  },
};

/**
 * i18next in the person's language; `ready` settles once that language's texts are
 * there. Tests pass the texts they need (`bundled`) and get them at once.
 */
export function createI18n(bundled?: Partial<Record<Language, ResourceLanguage>>): {
  i18n: I18n;
  ready: Promise<unknown>;
} {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
  if (bundled) instance.use(initReactI18next);
  else instance.use(textChunks).use(initReactI18next);
  const ready = instance.use(personsLanguage).init({
    ...(bundled
      ? {
          resources: Object.fromEntries(Object.entries(bundled).map(([code, texts]) => [code, { translation: texts }])),
          initAsync: false,
        }
      : {}),
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    // Every language has every text (the i18n spec checks it), so English is fetched only for a language we lack.
    fallbackLng: (code) => (isLanguage(code.slice(0, 2)) ? [] : ['en']),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return { i18n: instance, ready };
}

/** The language Intl formats with: the one i18next resolved. */
export function currentLanguage(i18n: { resolvedLanguage?: string; language?: string }): Language {
  const language = (i18n.resolvedLanguage ?? i18n.language ?? 'en').slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en';
}
