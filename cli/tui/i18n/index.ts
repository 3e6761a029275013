// Language selection and the useT() accessor. Components read strings only through useT().
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { en, type Messages } from './en.js';
import { pl } from './pl.js';

export type Lang = 'pl' | 'en';
export type { Messages };

export const messages: Record<Lang, Messages> = { pl, en };

const I18nContext = createContext<Messages | null>(null);

export function I18nProvider({ lang, children }: { lang: Lang; children?: ReactNode }) {
  return createElement(I18nContext.Provider, { value: messages[lang] }, children);
}

/** The strings of the current language; throws outside <I18nProvider> so a missing provider is a loud bug. */
export function useT(): Messages {
  const m = useContext(I18nContext);
  if (!m) throw new Error('useT() used outside <I18nProvider>');
  return m;
}

/** --lang wins, then the inventory's site.locale, then LANG (pl_PL.UTF-8 → pl), then English. */
export function pickLang(flag: string | undefined, siteLocale: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  for (const c of [flag, siteLocale]) if (c === 'pl' || c === 'en') return c;
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return l.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}
