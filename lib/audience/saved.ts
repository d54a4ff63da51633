/**
 * Saved audiences and frozen exports (SPEC §6.2, §6.4), over the Dexie `audiences` and `exports`
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
import type { SellerLensDb } from '../db';
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

/** Creates a saved audience; the expression must parse (ExpressionError otherwise), the name must not be blank. */
export async function createAudience(
  db: SellerLensDb,
  input: { shopId: string; name: string; expression: string; audienceId?: string },
  now?: number | string | Date,
): Promise<Audience> {
  parseExpression(input.expression);
  if (!input.name.trim()) throw new Error('audience name is empty (人群名称不能为空)');
  const audience = Audience.parse({
    audienceId: input.audienceId ?? newId('aud'),
    shopId: input.shopId,
    name: input.name.trim(),
    expression: input.expression,
    createdAt: nowIso(now),
  });
  await db.audiences.put(audience);
  return audience;
}

/** Changes a saved audience's name and/or expression; throws when it does not exist or the expression does not parse. */
export async function updateAudience(
  db: SellerLensDb,
  audienceId: string,
  patch: { name?: string; expression?: string },
  now?: number | string | Date,
): Promise<Audience> {
  if (patch.expression !== undefined) parseExpression(patch.expression);
  if (patch.name !== undefined && !patch.name.trim()) throw new Error('audience name is empty (人群名称不能为空)');
  return db.transaction('rw', db.audiences, async () => {
    const cur = await db.audiences.get(audienceId);
    if (!cur) throw new Error(`no saved audience ${audienceId} (人群不存在)`);
    const next = Audience.parse({
      ...cur,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.expression !== undefined ? { expression: patch.expression } : {}),
      updatedAt: nowIso(now),
    });
    await db.audiences.put(next);
    return next;
  });
}

/** One saved audience, or undefined. */
export async function getAudience(db: SellerLensDb, audienceId: string): Promise<Audience | undefined> {
  return db.audiences.get(audienceId);
}

/** Saved audiences of a shop, most recently changed first. */
export async function listAudiences(db: SellerLensDb, shopId: string): Promise<Audience[]> {
  const all = await db.audiences.where('shopId').equals(shopId).toArray();
  const at = (a: Audience) => a.updatedAt ?? a.createdAt;
  return all.sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : a.audienceId < b.audienceId ? -1 : 1));
}

/** Deletes a saved audience (its export records stay: they are the history the conversion report reads). True when it existed. */
export async function deleteAudience(db: SellerLensDb, audienceId: string): Promise<boolean> {
  return db.transaction('rw', db.audiences, async () => {
    const had = (await db.audiences.get(audienceId)) !== undefined;
    await db.audiences.delete(audienceId);
    return had;
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

/**
 * Freezes an export: draws the control, stores the ExportRecord (members = keys in the exported
 * file, control = held out) and returns it; export exactly `record.members`.
 */
export async function freezeExport(db: SellerLensDb, input: FreezeInput): Promise<ExportRecord> {
  const share = input.controlShare ?? DEFAULT_CONTROL_SHARE;
  const seed = share > 0 ? (input.seed ?? randomSeed()) >>> 0 : undefined;
  const { members, control } = seed === undefined ? { members: [...new Set(input.memberKeys)], control: [] } : splitControl(input.memberKeys, share, seed);
  const record = ExportRecord.parse({
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
  await db.exports.put(record);
  return record;
}

/** Export records of a shop (optionally of one audience), newest first. */
export async function listExports(db: SellerLensDb, shopId: string, audienceId?: string): Promise<ExportRecord[]> {
  const all = await db.exports.where('shopId').equals(shopId).toArray();
  return all
    .filter((e) => audienceId === undefined || e.audienceId === audienceId)
    .sort((a, b) => (a.exportedAt < b.exportedAt ? 1 : a.exportedAt > b.exportedAt ? -1 : 0));
}

/** Deletes one export record. */
export async function deleteExport(db: SellerLensDb, exportId: string): Promise<void> {
  await db.exports.delete(exportId);
}
