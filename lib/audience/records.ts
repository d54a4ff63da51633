/**
 * Records of saved audiences and frozen exports (pure; stored by the one writer, lib/db/writer/audiences.ts) (SPEC §6.2, §6.4), over the Dexie `audiences` and `exports`
 * tables.
 *
 * A saved audience keeps its expression (not its members), so it refreshes as data grows. Each
 * export freezes the member keys at export time in an ExportRecord; optionally a seeded random
 * control group (default 10%) is held out of the exported file and recorded, so the conversion
 * report can compare members with customers who were not targeted.
 *
 * Control draw: the distinct member keys sorted (code-unit order, so the input order does not
 * matter), shuffled by Fisher–Yates with mulberry32(seed); the first round(n × share) are the
 * control. The same keys, share and seed always give the same control.
 */
import { Audience, ExportRecord, toShanghaiIso } from '../model';
import { parseExpression } from './expression';
import { mulberry32 } from '../model/random';

/** Default share of an export held out as control (SPEC §6.4). */
export const DEFAULT_CONTROL_SHARE = 0.1;

export { mulberry32 };

/** A random 32-bit seed (crypto when available). */
export function randomSeed(): number {
  const c = globalThis.crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0]!;
  return Math.floor(Math.random() * 4294967296);
}

function newId(prefix: string): string {
  const c = globalThis.crypto;
  const rand = c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${rand}`;
}

/**
 * Splits member keys into exported members (input order kept, duplicates dropped) and a held-out
 * control of round(n × share) keys drawn with `seed` (sorted), see the header.
 */
export function splitControl(keys: readonly string[], share: number, seed: number): { members: string[]; control: string[] } {
  if (!(share >= 0 && share < 1)) throw new RangeError(`control share must be in [0, 1), got ${share}`);
  const distinct = [...new Set(keys)];
  const k = Math.round(distinct.length * share);
  if (k === 0) return { members: distinct, control: [] };
  const pool = [...distinct].sort();
  const rand = mulberry32(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const control = pool.slice(0, k).sort();
  const held = new Set(control);
  return { members: distinct.filter((key) => !held.has(key)), control };
}

function nowIso(now: number | string | Date | undefined): string {
  if (typeof now === 'string') return now;
  return toShanghaiIso(now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now);
}

/** A new saved audience record; the expression must parse (ExpressionError otherwise), the name must not be blank. */
export function newAudienceRecord(
  input: { shopId: string; name: string; expression: string; audienceId?: string },
  now?: number | string | Date,
): Audience {
  parseExpression(input.expression);
  if (!input.name.trim()) throw new Error('audience name is empty (人群名称不能为空)');
  return Audience.parse({
    audienceId: input.audienceId ?? newId('aud'),
    shopId: input.shopId,
    name: input.name.trim(),
    expression: input.expression,
    createdAt: nowIso(now),
  });
}

/** Checks an audience patch before it is applied (the expression parses, the name is not blank). */
export function checkAudiencePatch(patch: { name?: string; expression?: string }): void {
  if (patch.expression !== undefined) parseExpression(patch.expression);
  if (patch.name !== undefined && !patch.name.trim()) throw new Error('audience name is empty (人群名称不能为空)');
}

/** `cur` with the patch applied and `updatedAt` now. */
export function patchedAudience(cur: Audience, patch: { name?: string; expression?: string }, now?: number | string | Date): Audience {
  return Audience.parse({
    ...cur,
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.expression !== undefined ? { expression: patch.expression } : {}),
    updatedAt: nowIso(now),
  });
}

export interface FreezeInput {
  shopId: string;
  audienceId?: string;
  /** Audience name as shown in the export list. */
  name: string;
  /** Export format id (csv, xlsx, dmp:qianchuan …). */
  format: string;
  /** Member customerKeys at export time, in export order. */
  memberKeys: readonly string[];
  window?: { start: string; end: string };
  /** Share held out as control (default 0.1; 0 for none). */
  controlShare?: number;
  /** Control seed (random when omitted; recorded either way). */
  seed?: number;
  exportedAt?: number | string | Date;
  exportId?: string;
}

/** The ExportRecord of a freeze: draws the control (see the header); export exactly `record.members`. */
export function frozenExportRecord(input: FreezeInput): ExportRecord {
  const share = input.controlShare ?? DEFAULT_CONTROL_SHARE;
  const seed = share > 0 ? (input.seed ?? randomSeed()) >>> 0 : undefined;
  const { members, control } = seed === undefined ? { members: [...new Set(input.memberKeys)], control: [] } : splitControl(input.memberKeys, share, seed);
  return ExportRecord.parse({
    exportId: input.exportId ?? newId('exp'),
    shopId: input.shopId,
    ...(input.audienceId !== undefined ? { audienceId: input.audienceId } : {}),
    name: input.name,
    format: input.format,
    exportedAt: nowIso(input.exportedAt),
    ...(input.window ? { window: input.window } : {}),
    members,
    control,
    ...(seed !== undefined ? { controlSeed: seed } : {}),
    controlShare: share,
  });
}
