/** A catalogue message in both languages with `{name}` placeholders filled (for errors and warnings that carry zh + en). */
import { messages, type MessageKey } from './messages';

/** `{ zh, en }` of `key` with every `{name}` replaced by `vars[name]`. */
export function textOf(key: MessageKey, vars: Readonly<Record<string, string | number>> = {}): { zh: string; en: string } {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
  const m = messages[key];
  return { zh: fill(m.zh), en: fill(m.en) };
}
