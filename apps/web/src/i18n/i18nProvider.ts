import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { setApiLanguage } from '../api/http';
import { de } from './de';
import { raGerman } from './ra-de';

/**
 * German first; English is loaded only when chosen, so German users never download it.
 * react-admin keeps the chosen locale in its store and restores it at start.
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => {
    setApiLanguage(locale);
    if (locale === 'en') {
      return import('./en').then(({ en }) => ({ ...englishMessages, ...en }));
    }
    return { ...raGerman, ...de };
  },
  'de',
  [
    { locale: 'de', name: 'Deutsch' },
    { locale: 'en', name: 'English' },
  ],
);
