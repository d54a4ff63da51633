/** An audience expression evaluated over a tag index: its members, size and keys (SPEC §6.2). */
import { ExpressionError, evaluateExpression, parseExpression, type ExprNode, type FlagResolver } from './expression';
import type { TagIndex } from './tags';

/** The members of an evaluated audience. */
export interface AudienceMembers {
  /** 0/1 per snapshot customer. */
  flags: Uint8Array;
  /** Ascending customer indexes. */
  members: Int32Array;
  size: number;
}

export type AudienceEvaluation = ({ ok: true } & AudienceMembers) | { ok: false; error: ExpressionError };

/** Ascending indexes of flagged customers. */
export function flagsToMembers(flags: Uint8Array): Int32Array {
  let cnt = 0;
  for (let i = 0; i < flags.length; i++) cnt += flags[i]! ? 1 : 0;
  const out = new Int32Array(cnt);
  for (let i = 0, j = 0; i < flags.length; i++) if (flags[i]) out[j++] = i;
  return out;
}

/**
 * Evaluates an expression (text or parsed) over the index's tags, for live sizes in the builder:
 * never throws for bad input — a parse error or an unknown tag comes back as `{ ok: false, error }`
 * with zh + en messages and the position. `resolve` defaults to the index's tags (pass
 * `withConditions(index.resolve, …)` for the parameterised conditions).
 */
export function evaluateAudience(index: TagIndex, expression: string | ExprNode, resolve: FlagResolver = index.resolve): AudienceEvaluation {
  try {
    const ast = typeof expression === 'string' ? parseExpression(expression) : expression;
    const flags = evaluateExpression(ast, resolve, index.customerCount);
    const members = flagsToMembers(flags);
    return { ok: true, flags, members, size: members.length };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, error: e };
    throw e;
  }
}
