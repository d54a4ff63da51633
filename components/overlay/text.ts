/**
 * The overlay's text of a catalogue message (lib/i18n/messages-overlay.ts), in the merchant's language:
 * the one the side panel and popup use (registry uiLangSetting in chrome.storage.local; zh-CN until read).
 */
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';

let current: Lang = 'zh';

/** The language the overlay speaks now. */
export const overlayLang = (): Lang => current;

/** Switches the overlay's language (mount.tsx, from the stored preference and its changes). */
export function setOverlayLang(lang: Lang): void {
  current = lang;
}

/** The overlay's wording of `key` in its language, with its `{name}` placeholders filled. */
export const overlayText = (key: MessageKey, vars?: Readonly<Record<string, string | number>>): string => textOf(key, vars)[current];
