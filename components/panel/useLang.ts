import { useCallback, useEffect, useState } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n/messages';
import { writeLocalSetting } from '@/lib/db/settings/local';
import { uiLangSetting } from '@/lib/db/settings/registry';

/** Where the UI language is remembered (localStorage). */
export const LANG_STORAGE_KEY = 'seller-lens-lang';
const KEY = LANG_STORAGE_KEY;

/** The UI language (zh-CN by default, remembered in localStorage) and a bound translator. */
export function useLang() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'));
  useEffect(() => {
    localStorage.setItem(KEY, lang);
    // Shared with the console overlay (content scripts cannot read the extension's localStorage).
    if (typeof chrome !== 'undefined' && chrome.storage?.local) void writeLocalSetting(chrome.storage.local, uiLangSetting, lang).catch(() => undefined);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const tr = useCallback((key: MessageKey) => t(key, lang), [lang]);
  return { lang, setLang, t: tr };
}
