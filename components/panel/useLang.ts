import { useCallback, useEffect, useState } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n/messages';

/** Where the UI language is remembered (localStorage). */
export const LANG_STORAGE_KEY = 'seller-lens-lang';
const KEY = LANG_STORAGE_KEY;

/** The UI language (zh-CN by default, remembered in localStorage) and a bound translator. */
export function useLang() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'));
  useEffect(() => {
    localStorage.setItem(KEY, lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const tr = useCallback((key: MessageKey) => t(key, lang), [lang]);
  return { lang, setLang, t: tr };
}
