import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';

/** Dates, numbers and money in the person's language, by Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = currentLanguage(i18n);
  return {
    locale,
    date: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : '',
    dateTime: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '',
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
    /** Amounts travel as decimal strings ("12.50"); shown in the currency's own way. */
    money: (amount: string | number, currency: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount)),
  };
}
