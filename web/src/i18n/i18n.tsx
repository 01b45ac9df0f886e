/**
 * UI language: English or Simplified Chinese. The English text is the key (t('Sign in')), the
 * Chinese dictionary maps it (zh-CN.ts); test/web-i18n.test.ts checks that every t() text in the
 * app has a translation. The choice defaults to the browser's languages and is remembered in
 * localStorage. The error catalog follows the same language through Accept-Language.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import { type Lang, langForTag } from './lang';
import { ZH_CN } from './zh-CN';

export type { Lang };

export const LANGS: readonly { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
];

const STORAGE_KEY = 'gatehouse.lang';

function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage blocked: fall through to the browser's languages
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = langForTag(tag);
    if (lang) return lang;
  }
  return 'en';
}

export type Vars = Record<string, string | number>;

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t(text: string, vars?: Vars): string;
  /** Date and time in the reader's language and time zone. */
  dateTime(iso: string | number): string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  setApiLanguage(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; still switched
    }
    setApiLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const formatter = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      lang,
      setLang,
      t: (text, vars) => interpolate(lang === 'zh-CN' ? (ZH_CN[text] ?? text) : text, vars),
      dateTime: (iso) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? String(iso) : formatter.format(date);
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
