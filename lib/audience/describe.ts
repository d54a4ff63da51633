/**
 * An audience in the merchant's words (issue 13 items 5 and 7): the expression with every tag id
 * replaced by its label, e.g. `tier:purchasers 交 rfm:generalRetain` → "成交用户 · 一般挽留". Used as
 * the name that follows the conditions until the merchant types one, and wherever a saved
 * audience's conditions are shown (never raw ids).
 */
import { messages, type Lang } from '../i18n/messages';
import { ALL_TAG, tryParseExpression, type ExprNode } from './expression';

/** Longest name the following name grows to (longer ones end in "…"). */
export const NAME_MAX = 60;

const PREC = { or: 1, except: 1, and: 2 } as const;
const WORD = { and: 'audience_wordAnd', or: 'audience_wordOr', except: 'audience_wordExcept' } as const;

/** The words of a parsed expression: labels joined by · (交), 或 (并) and 不含 (差), parenthesised where the tree needs it. */
export function describeAudience(node: ExprNode, label: (id: string) => string, lang: Lang): string {
  if (node.kind === 'tag') return label(node.id);
  const p = PREC[node.kind];
  const side = (child: ExprNode, right: boolean) => {
    const text = describeAudience(child, label, lang);
    if (child.kind === 'tag') return text;
    const cp = PREC[child.kind];
    return cp < p || (right && cp === p) ? `(${text})` : text;
  };
  return `${side(node.left, false)}${messages[WORD[node.kind]][lang]}${side(node.right, true)}`;
}

/**
 * The name that follows an expression's conditions: its words (describeAudience) cut to NAME_MAX
 * characters; '' for an empty or unreadable expression or one that is only "every customer".
 */
export function followingName(expression: string, label: (id: string) => string, lang: Lang): string {
  if (!expression.trim()) return '';
  const r = tryParseExpression(expression);
  if (!r.ok || (r.ast.kind === 'tag' && r.ast.id === ALL_TAG)) return '';
  const words = describeAudience(r.ast, label, lang);
  const chars = [...words];
  return chars.length > NAME_MAX ? `${chars.slice(0, NAME_MAX - 1).join('')}…` : words;
}
