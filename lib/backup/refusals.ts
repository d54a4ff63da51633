/**
 * Why a backup file is refused, as stable codes with parameters (never a sentence): the panel
 * words them in the merchant's language through lib/i18n/messages.ts, the CLI and the tests read
 * the English text (`refusalText(r)`), which is the wording seller-lens has always used.
 */
import { issueText, type FieldIssue } from '../db/validate';
import { messages, type Lang, type MessageKey } from '../i18n/messages';

/** Every reason a backup is refused or a restore fails (all: nothing changed). */
export const REFUSAL_CODES = [
  'backup.empty',
  'backup.notJson',
  'backup.notObject',
  'backup.noFormat',
  'backup.wrongFormat',
  'backup.wrongVersion',
  'backup.invalidRecords',
  'backup.otherShop',
  'backup.idOfAnotherShop',
  'backup.notLineLayout',
  'backup.lineTooLong',
  'backup.tooManyRecords',
  'backup.tooBigForStorage',
  'backup.failed',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** A problem of one record or field of the file (the list `backup.invalidRecords` shows). */
export type Problem =
  | FieldIssue
  | { field: string; kind: 'shopDiffers'; got: string; expected: string }
  | { field: string; kind: 'duplicate'; key: string; first: string; name: string }
  | { field: string; kind: 'notArray' };

/** A refusal: its code, its parameters and, for `backup.invalidRecords`, the problems (first 20) and how many more. */
export interface Refusal {
  code: RefusalCode;
  params: Record<string, string | number>;
  problems?: Problem[];
  hidden?: number;
}

/** A refusal with parameters. */
export const refusal = (code: RefusalCode, params: Record<string, string | number> = {}): Refusal => ({ code, params });

/** A refusal thrown inside the restore's transaction (aborting it), caught at the entry point. */
export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusalText(refusal));
  }
}

/** Problems shown in a refusal's text; the rest are counted. */
const SHOWN = 3;

/** Fills `{name}` placeholders. */
function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A catalogue message in `lang` with its `{name}` placeholders filled. */
export const messageText = (key: MessageKey, lang: Lang, params: Record<string, string | number> = {}) => fill(messages[key][lang], params);
const say = messageText;

/** Custom schema messages of lib/model worded in Chinese (the rest by kind). */
const ZH_MESSAGES: Record<string, string> = {
  'amount must be integer fen': '金额须为整数（分）',
  'amount must not be negative': '金额不能为负',
  'orderId is empty': '订单号为空',
  missing: '缺失',
};

/** One problem as text in `lang`. */
export function problemText(p: Problem, lang: Lang = 'en'): string {
  if (p.kind === 'shopDiffers') return say('backup.problem.shopDiffers', lang, { field: p.field, got: p.got, expected: p.expected });
  if (p.kind === 'duplicate') return say('backup.problem.duplicate', lang, { field: p.field, key: p.key, first: p.first, name: p.name });
  if (p.kind === 'notArray') return say('backup.problem.notArray', lang, { field: p.field });
  if (lang === 'en') return issueText(p);
  const zh = ZH_MESSAGES[p.message];
  if (zh !== undefined) return `${p.field}：${zh}${p.got !== undefined ? `（${p.got}）` : ''}`;
  if (p.kind === 'other' && p.message.startsWith('unreadable timestamp')) {
    return say('backup.problem.time', lang, { field: p.field, got: p.message.slice('unreadable timestamp '.length) });
  }
  const key: MessageKey =
    p.kind === 'missing' ? 'backup.problem.missing'
      : p.kind === 'type' ? 'backup.problem.type'
        : p.kind === 'tooSmall' ? 'backup.problem.tooSmall'
          : p.kind === 'tooBig' ? 'backup.problem.tooBig'
            : p.kind === 'value' ? 'backup.problem.value'
              : 'backup.problem.other';
  return say(key, lang, { field: p.field, got: p.got ?? '', expected: p.expected ?? '', message: p.message });
}

/** A refusal as text in `lang` (English by default: the CLI, the logs and the tests). */
export function refusalText(r: Refusal, lang: Lang = 'en'): string {
  if (r.code !== 'backup.invalidRecords') return say(r.code, lang, r.params);
  const list = r.problems ?? [];
  const hidden = (r.hidden ?? 0) + Math.max(0, list.length - SHOWN);
  let text = list.slice(0, SHOWN).map((p) => problemText(p, lang)).join(lang === 'en' ? '; ' : '；');
  if (hidden > 0) text += say(hidden === 1 ? 'backup.moreProblem' : 'backup.moreProblems', lang, { n: hidden });
  return say('backup.invalidRecords', lang, { problems: text });
}

/** A refused-record refusal from its problems (first ones kept) and the count of the others. */
export function invalidRecords(problems: Problem[], hidden: number): Refusal {
  return { code: 'backup.invalidRecords', params: {}, problems, hidden };
}

/** A refused result: the refusal and its English text (`reason`, for the CLI, logs and tests). */
export function refused(r: Refusal): { ok: false; reason: string; refusal: Refusal } {
  return { ok: false, reason: refusalText(r), refusal: r };
}
