/**
 * The engine's snapshot of one shop kept in Dexie `analysisSnapshots` (keyed by shopId), so that
 * opening the side panel on a big shop reads ~100 MB of columns instead of a million records and
 * rebuilding. A record is valid only for the data token it was built from (the caller's change
 * token of the shop's data); the fitted 高潜 models of that same data are kept beside it.
 *
 * Layout of a record (version ANALYSIS_SNAPSHOT_VERSION):
 *   token        the data token the snapshot was built from
 *   header       the snapshotToBuffers header without its string tables (counts, column list)
 *   strings      every string table (customerKeys, orderIds, …, names) packed as ONE string plus
 *                the end offset of each entry: IndexedDB clones one big string far faster than a
 *                million small ones
 *   data         all typed columns back to back in one ArrayBuffer, each 8-byte aligned
 *   names        (inside `strings`) each customer's display name, '' when unknown
 * Deleting a shop's data (deleteShopRecords, restore) deletes the record too. The fitted models
 * live in `settings` (`analysisModels:<shopId>`, with their token): adding one must not rewrite
 * a 100 MB record.
 */
import {
  SNAPSHOT_COLUMNS,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  snapshotFromBuffers,
  type Snapshot,
  type SnapshotHeader,
} from '../engine/snapshot';
import {
  fallbackPropensityModel,
  fitPropensity,
  propensityModelFromParams,
  type PropensityModel,
  type PropensityParams,
} from '../engine/propensity/model';
import type { AnalysisSnapshot, SellerLensDb } from './schema';

/** Layout version of the persisted record (bump when the layout or the snapshot format changes). */
export const ANALYSIS_SNAPSHOT_VERSION = 1;

const STRING_TABLES = ['customerKeys', 'provinces', 'cities', 'memberLevels', 'orderIds', 'productKeys', 'productNames'] as const;
type StringTable = (typeof STRING_TABLES)[number];

/** A fitted (or fallback) 高潜 model as plain data. */
export interface PersistedModel {
  kind: 'logistic' | 'fallback';
  asOfDay: number;
  params?: PropensityParams;
  fallbackReason?: string;
  trainingDays: number[];
  rows: number;
  positives: number;
}

interface StoredRecord extends AnalysisSnapshot {
  token: string;
  header: Omit<SnapshotHeader, StringTable>;
  strings: { text: string; ends: Int32Array; tables: Record<StringTable | 'names', number> };
}

/** Settings key holding the data token of the shop's persisted snapshot (read before the big record). */
export const analysisTokenKey = (shopId: string) => `analysisToken:${shopId}`;

/** A loaded snapshot with what was kept beside it. */
export interface LoadedAnalysis {
  snap: Snapshot;
  /** Display name of customer i (nickname, else buyer id), '' when unknown. */
  names: string[];
  builtAt: string;
  /** The data token it was built from. */
  token: string;
}

const BYTES = { u8: 1, i32: 4, f64: 8 } as const;
const align8 = (n: number) => (n + 7) & ~7;

function packStrings(tables: string[][]): { text: string; ends: Int32Array; counts: number[] } {
  let total = 0;
  for (const t of tables) total += t.length;
  const ends = new Int32Array(total);
  const parts: string[] = [];
  let at = 0, j = 0;
  for (const t of tables) for (const s of t) {
    parts.push(s);
    at += s.length;
    ends[j++] = at;
  }
  return { text: parts.join(''), ends, counts: tables.map((t) => t.length) };
}

function unpackStrings(text: string, ends: Int32Array, from: number, count: number): string[] {
  const out = new Array<string>(count);
  let start = from === 0 ? 0 : ends[from - 1]!;
  for (let i = 0; i < count; i++) {
    const end = ends[from + i]!;
    out[i] = text.slice(start, end);
    start = end;
  }
  return out;
}

/** A propensity model as plain data (what `modelFromPersisted` reads back). */
export function persistedModelOf(m: PropensityModel): PersistedModel {
  return {
    kind: m.kind,
    asOfDay: m.asOfDay,
    ...(m.params ? { params: m.params } : {}),
    ...(m.fallbackReason !== undefined ? { fallbackReason: m.fallbackReason } : {}),
    trainingDays: [...m.trainingDays],
    rows: m.rows,
    positives: m.positives,
  };
}

/** The model of persisted data: same scores and explanations as the one it was taken from. */
export function modelFromPersisted(p: PersistedModel): PropensityModel {
  if (p.kind === 'logistic' && p.params)
    return propensityModelFromParams(p.params, { asOfDay: p.asOfDay, trainingDays: p.trainingDays, rows: p.rows, positives: p.positives });
  return fallbackPropensityModel(p.asOfDay, p.fallbackReason ?? 'too little history');
}

/** The stored record of `snap` for data token `token` (what saveAnalysisSnapshot writes). */
export function analysisSnapshotRecord(snap: Snapshot, token: string, opts: { names?: string[]; builtAt?: string } = {}): AnalysisSnapshot {
  // The columns are copied straight into one buffer (no per-column copies: a million orders'
  // snapshot is ~170 MB, and every big allocation can cost a full GC).
  const cols = SNAPSHOT_COLUMNS.map(([name, type]) => ({ name, type, arr: snap[name] as Uint8Array | Int32Array | Float64Array }));
  let size = 0;
  for (const c of cols) size = align8(size) + c.arr.byteLength;
  const data = new ArrayBuffer(align8(size));
  const bytes = new Uint8Array(data);
  let at = 0;
  for (const c of cols) {
    at = align8(at);
    bytes.set(new Uint8Array(c.arr.buffer, c.arr.byteOffset, c.arr.byteLength), at);
    at += c.arr.byteLength;
  }
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    shopId: snap.shopId,
    platform: snap.platform,
    latestDay: snap.latestDay,
    customerCount: snap.customerCount,
    orderCount: snap.orderCount,
    contactCount: snap.contactCount,
    customerKeys: snap.customerKeys,
    provinces: snap.provinces,
    cities: snap.cities,
    memberLevels: snap.memberLevels,
    orderIds: snap.orderIds,
    productKeys: snap.productKeys,
    productNames: snap.productNames,
    columns: cols.map((c) => ({ name: c.name, type: c.type, length: c.arr.length })),
  };
  const names = opts.names ?? [];
  if (names.length !== 0 && names.length !== snap.customerCount)
    throw new Error(`names has ${names.length} entries, the snapshot ${snap.customerCount} customers`);
  const packed = packStrings([...STRING_TABLES.map((k) => header[k]), names]);
  const tables = {} as Record<StringTable | 'names', number>;
  STRING_TABLES.forEach((k, i) => (tables[k] = packed.counts[i]!));
  tables.names = names.length;
  const small = { ...header } as Partial<SnapshotHeader>;
  for (const k of STRING_TABLES) delete small[k];
  const record: StoredRecord = {
    shopId: snap.shopId,
    builtAt: opts.builtAt ?? new Date().toISOString(),
    version: ANALYSIS_SNAPSHOT_VERSION,
    data,
    token,
    header: small as Omit<SnapshotHeader, StringTable>,
    strings: { text: packed.text, ends: packed.ends, tables },
  };
  return record;
}

/**
 * Saves `snap` as the shop's analysis snapshot for data token `token` (replacing any older one);
 * `names[i]` is customer i's display name ('' unknown).
 */
export async function saveAnalysisSnapshot(
  db: SellerLensDb,
  snap: Snapshot,
  token: string,
  opts: { names?: string[]; builtAt?: string } = {},
): Promise<void> {
  const record = analysisSnapshotRecord(snap, token, opts);
  await db.transaction('rw', db.analysisSnapshots, db.settings, async () => {
    await db.analysisSnapshots.put(record);
    await db.settings.put({ key: analysisTokenKey(snap.shopId), value: token });
  });
}

function isStored(r: AnalysisSnapshot): r is StoredRecord {
  const s = r as Partial<StoredRecord>;
  return (
    r.version === ANALYSIS_SNAPSHOT_VERSION &&
    typeof s.token === 'string' &&
    s.header?.format === SNAPSHOT_FORMAT &&
    s.header.version === SNAPSHOT_VERSION &&
    r.data instanceof ArrayBuffer &&
    typeof s.strings?.text === 'string' &&
    s.strings.ends instanceof Int32Array
  );
}

/**
 * The snapshot of a stored header whose columns are views into the record's one buffer (no
 * copy: ~170 MB at a million orders). snapshotFromBuffers makes the object from empty columns —
 * same fields in the same order as buildSnapshot's, so engine loops stay monomorphic — and each
 * field is then set from the header and the views, after the same checks it makes.
 */
function snapshotOnRecordData(header: SnapshotHeader, data: ArrayBuffer): Snapshot {
  const views = new Map<string, Uint8Array | Int32Array | Float64Array>();
  let at = 0;
  for (const col of header.columns) {
    at = align8(at);
    const bytes = col.length * BYTES[col.type];
    if (at + bytes > data.byteLength) throw new Error(`snapshot column ${col.name} runs past the stored data`);
    views.set(col.name, col.type === 'u8' ? new Uint8Array(data, at, col.length) : col.type === 'i32' ? new Int32Array(data, at, col.length) : new Float64Array(data, at, col.length));
    at += bytes;
  }
  const empty = {
    ...header,
    ...Object.fromEntries(STRING_TABLES.map((k) => [k, []])),
    columns: header.columns.map((c) => ({ ...c, length: 0 })),
  } as SnapshotHeader;
  // Checks the format, version, column names and types (and that every column is there).
  const snap = snapshotFromBuffers(empty, header.columns.map(() => new ArrayBuffer(0)));
  const fields = snap as unknown as Record<string, unknown>;
  const from = header as unknown as Record<string, unknown>;
  for (const k of Object.keys(fields)) {
    const v = views.get(k);
    if (v) fields[k] = v;
    else if (k in from) fields[k] = from[k];
    else throw new Error(`snapshot field ${k} is not in the stored header`);
  }
  return snap;
}

/** Makes `snap[name]` computed by `make` on first read (then a plain value again; assignable). */
function lazyField<K extends keyof Snapshot>(snap: Snapshot, name: K, make: () => Snapshot[K]): void {
  const settle = (value: Snapshot[K]) => Object.defineProperty(snap, name, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(snap, name, {
    get: () => {
      const value = make();
      settle(value);
      return value;
    },
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

/** A read of a shop's stored record started before the request that needs it (see prefetchAnalysisSnapshot). */
let prefetched: { shopId: string; at: number; record: Promise<AnalysisSnapshot | undefined> } | null = null;

/** How long a prefetched record may wait for its request (it is the opening's; ~200 MB is not kept longer). */
const PREFETCH_KEEP_MS = 10_000;

/**
 * Starts reading the shop's stored snapshot record now (reading ~200 MB takes most of a cold
 * open), for the loadAnalysisSnapshot that the first request makes once the data token is known.
 */
export function prefetchAnalysisSnapshot(db: SellerLensDb, shopId: string): void {
  const p = { shopId, at: Date.now(), record: db.analysisSnapshots.get(shopId).catch(() => undefined) };
  prefetched = p;
  setTimeout(() => {
    if (prefetched === p) prefetched = null;
  }, PREFETCH_KEEP_MS);
}

/** The prefetched record of `shopId` when it is still the stored one (token as in `settings`), else a fresh read. */
async function readRecord(db: SellerLensDb, shopId: string, storedToken: unknown): Promise<AnalysisSnapshot | undefined> {
  const p = prefetched;
  prefetched = null;
  if (p && p.shopId === shopId && Date.now() - p.at < PREFETCH_KEEP_MS) {
    loadSteps.prefetchedAgo = Date.now() - p.at;
    const r = await p.record;
    // A snapshot saved since the prefetch started has another token: read that one instead.
    if (r && storedToken !== undefined && (r as Partial<StoredRecord>).token === storedToken) return r;
  }
  return db.analysisSnapshots.get(shopId);
}

/** Milliseconds of each step of the last loadAnalysisSnapshot, until taken. */
const loadSteps: Record<string, number> = {};

/** The steps (ms) of the loads since the last call — record read, strings, columns — for the worker's timings. */
export function takeLoadSteps(): Record<string, number> {
  const out = { ...loadSteps };
  for (const k of Object.keys(loadSteps)) delete loadSteps[k];
  return out;
}

/**
 * The shop's persisted snapshot when it was built from data token `token` (any token when null,
 * to bring an older one forward through the change log); null when there is none, it is of
 * another token, or it is unreadable (then it is deleted, so it is rebuilt).
 */
export async function loadAnalysisSnapshot(db: SellerLensDb, shopId: string, token: string | null): Promise<LoadedAnalysis | null> {
  let tMark = performance.now();
  const mark = (step: string) => {
    const now = performance.now();
    loadSteps[step] = Math.round(now - tMark);
    tMark = now;
  };
  // A stale snapshot is ~100 MB: compare the small token first, and read the record only on a match.
  const saved = await db.settings.get(analysisTokenKey(shopId));
  if (token !== null && saved !== undefined && saved.value !== token) return null;
  mark('loadToken');
  const r = await readRecord(db, shopId, saved?.value);
  mark('loadRecord');
  if (!r) return null;
  if (!isStored(r) || r.shopId !== shopId) {
    await db.analysisSnapshots.delete(shopId).catch(() => undefined);
    return null;
  }
  if (token !== null && r.token !== token) return null;
  try {
    const { text, ends, tables } = r.strings;
    const strings = {} as Record<StringTable, string[]>;
    let from = 0, orderIdsFrom = 0;
    for (const k of STRING_TABLES) {
      // Order ids (a million at 1M orders) are read only when the snapshot is updated: unpacked then.
      if (k === 'orderIds') orderIdsFrom = from;
      else strings[k] = unpackStrings(text, ends, from, tables[k]);
      from += tables[k];
    }
    const names = unpackStrings(text, ends, from, tables.names);
    mark('loadStrings');
    const snap = snapshotOnRecordData({ ...r.header, ...strings, orderIds: [] } as SnapshotHeader, r.data);
    if (snap.shopId !== shopId) throw new Error(`snapshot of shop ${snap.shopId}, expected ${shopId}`);
    lazyField(snap, 'orderIds', () => unpackStrings(text, ends, orderIdsFrom, tables.orderIds));
    mark('loadColumns');
    return { snap, names, builtAt: r.builtAt, token: r.token };
  } catch {
    await db.analysisSnapshots.delete(shopId).catch(() => undefined);
    return null;
  }
}

/** Settings key of a shop's persisted 高潜 models (kept apart: updating them must not rewrite the snapshot). */
export const analysisModelsKey = (shopId: string) => `analysisModels:${shopId}`;

interface StoredModels {
  token: string;
  models: PersistedModel[];
}

/** The shop's persisted 高潜 models of data token `token`, by as-of day (empty for another token). */
export async function loadAnalysisModels(db: SellerLensDb, shopId: string, token: string): Promise<Map<number, PersistedModel>> {
  const s = (await db.settings.get(analysisModelsKey(shopId)))?.value as StoredModels | undefined;
  const out = new Map<number, PersistedModel>();
  if (s && s.token === token && Array.isArray(s.models)) for (const m of s.models) out.set(m.asOfDay, m);
  return out;
}

/** Keeps a fitted model of data token `token` (models of another token are dropped). */
export async function saveAnalysisModel(db: SellerLensDb, shopId: string, token: string, model: PersistedModel): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const key = analysisModelsKey(shopId);
    const s = (await db.settings.get(key))?.value as StoredModels | undefined;
    const kept = s && s.token === token && Array.isArray(s.models) ? s.models.filter((m) => m.asOfDay !== model.asOfDay) : [];
    // A handful of days at most in practice (window ends the merchant looked at); keep the latest 16.
    const value: StoredModels = { token, models: [...kept, model].slice(-16) };
    await db.settings.put({ key, value });
  });
}

/** Where the 高潜 models of one shop's data token are looked up, fitted and kept. */
export interface ModelMemo {
  /** Models ready to use, by as-of day. */
  models: Map<number, PropensityModel>;
  /** Models persisted for this token (loadAnalysisModels), by as-of day. */
  persisted: Map<number, PersistedModel>;
}

/** Whether the 高潜 model as of `day` is at hand (in the memo or persisted): propensityModelAt will not fit. */
export function hasPropensityModel(memo: ModelMemo, day: number): boolean {
  return memo.models.has(day) || memo.persisted.has(day);
}

/**
 * The 高潜 model as of `day`: the memo's, else the persisted one, else fitted with `fit` (default
 * fitPropensity, exactly what `npm run report` scores with) — then `onFitted` is told, to persist it. Fitted once per shop, day and token.
 */
export function propensityModelAt(
  memo: ModelMemo,
  snap: Snapshot,
  day: number,
  onFitted?: (m: PersistedModel) => void,
  fit: (snap: Snapshot, day: number) => PropensityModel = fitPropensity,
): PropensityModel {
  let m = memo.models.get(day);
  if (m) return m;
  const p = memo.persisted.get(day);
  if (p) m = modelFromPersisted(p);
  else {
    m = fit(snap, day);
    const plain = persistedModelOf(m);
    memo.persisted.set(day, plain);
    onFitted?.(plain);
  }
  memo.models.set(day, m);
  return m;
}
