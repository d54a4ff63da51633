/** The overlay's text of a catalogue message (lib/i18n/messages-overlay.ts): the overlay shows zh-CN. */
import type { MessageKey } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';

/** The overlay's wording (zh-CN) of `key` with its `{name}` placeholders filled. */
export const overlayText = (key: MessageKey, vars?: Readonly<Record<string, string | number>>): string => textOf(key, vars).zh;
