/**
 * The engine's snapshot of one shop kept in Dexie `analysisSnapshots` (keyed by shopId), so that
 * opening the side panel on a big shop reads ~200 MB of columns instead of a million records and
 * rebuilding. A record is valid only for the data token it was built from (the caller's change
 * token of the shop's data); the fitted 高潜 models of that same data are kept beside it.
 *
 * Layout of a record (version ANALYSIS_SNAPSHOT_VERSION):
 *   token        the data token the snapshot was built from
 *   header       the snapshotToBuffers header without its string tables (counts, column list)
 *   strings      every string table but the order ids (customerKeys, provinces, …, names) packed as
 *                ONE string plus the end offset of each entry: IndexedDB clones one big string far
 *                faster than a million small ones
 *   data         a Blob: all typed columns back to back, each 8-byte aligned, then the order ids
 *                (end offsets as i32, then their UTF-16 code units, one byte each when all fit)
 *   orderIds     where the order ids are in `data` (count, offsets, units, wide)
 * Why a Blob: Chromium reads a 200 MB Blob from IndexedDB (`blob.arrayBuffer()`) ~3× faster than
 * the same bytes stored as an ArrayBuffer value, which it wraps in a blob of its own and then
 * deserialises (measured in the engine worker: ~0.2 s vs ~0.65 s). The order ids (a million at
 * 1M orders) sit in the same Blob as code units: ~4× cheaper to read than inside the string, and
 * turned into strings only when a capture's changes are applied.
 * Deleting a shop's data (deleteShopRecords, restore) deletes the record too; saving is the one
 * writer's (lib/db/writer/analysis.ts). The fitted models
 * live in `settings` (`analysisModels:<shopId>`, with their token): adding one must not rewrite
 * a 200 MB record.
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
import { align8, BYTES, packOrderIds, packStrings, unpackOrderIds, unpackStrings, type OrderIdsLayout } from './analysis-pack';
import { dropAnalysisSnapshot } from './writer/primitives';
import { analysisModelsSetting, analysisTokenSetting, readSetting, settingKey } from './settings/registry';

/** Layout version of the persisted record (bump when the layout or the snapshot format changes). */
export const ANALYSIS_SNAPSHOT_VERSION = 2;

const STRING_TABLES = ['customerKeys', 'provinces', 'cities', 'memberLevels', 'orderIds', 'productKeys', 'productNames'] as const;
type StringTable = (typeof STRING_TABLES)[number];
/** The string tables kept in the record's `strings` (the order ids are in the data Blob). */
const PACKED_TABLES = STRING_TABLES.filter((k): k is Exclude<StringTable, 'orderIds'> => k !== 'orderIds');
type PackedTable = (typeof PACKED_TABLES)[number];

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
  strings: { text: string; ends: Int32Array; tables: Record<PackedTable | 'names', number> };
  data: Blob;
  orderIds: OrderIdsLayout;
}

/** Settings key holding the data token of the shop's persisted snapshot (read before the big record). */
export const analysisTokenKey = (shopId: string) => settingKey(analysisTokenSetting, shopId);

/** A loaded snapshot with what was kept beside it. */
export interface LoadedAnalysis {
  snap: Snapshot;
  /** Display name of customer i (nickname, else buyer id), '' when unknown. */
  names: string[];
  builtAt: string;
  /** The data token it was built from. */
  token: string;
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
  // The columns go straight into the Blob (it copies each view once; no 200 MB buffer is made here).
  const cols = SNAPSHOT_COLUMNS.map(([name, type]) => ({ name, type, arr: snap[name] as Uint8Array | Int32Array | Float64Array }));
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const c of cols) {
    const start = align8(at);
    if (start > at) parts.push(new Uint8Array(start - at));
    parts.push(new Uint8Array(c.arr.buffer, c.arr.byteOffset, c.arr.byteLength));
    at = start + c.arr.byteLength;
  }
  const ids = packOrderIds(snap.orderIds, at);
  parts.push(...ids.parts);
  const data = new Blob(parts as BlobPart[]);
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
  const packed = packStrings([...PACKED_TABLES.map((k) => header[k]), names]);
  const tables = {} as Record<PackedTable | 'names', number>;
  PACKED_TABLES.forEach((k, i) => (tables[k] = packed.counts[i]!));
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
    orderIds: ids.layout,
  };
  return record;
}

function isStored(r: AnalysisSnapshot): r is StoredRecord {
  const s = r as Partial<StoredRecord>;
  return (
    r.version === ANALYSIS_SNAPSHOT_VERSION &&
    typeof s.token === 'string' &&
    s.header?.format === SNAPSHOT_FORMAT &&
    s.header.version === SNAPSHOT_VERSION &&
    r.data instanceof Blob &&
    typeof s.strings?.text === 'string' &&
    s.strings.ends instanceof Int32Array &&
    typeof s.orderIds?.count === 'number'
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

/** A stored record with the read of its data Blob already started (null when the record is not of this layout). */
interface RecordRead {
  r: AnalysisSnapshot | undefined;
  bytes: Promise<ArrayBuffer> | null;
}

/** The record of `shopId` with its Blob's read started at once (the two are most of a cold open). */
async function startRead(db: SellerLensDb, shopId: string): Promise<RecordRead> {
  const r = await db.analysisSnapshots.get(shopId);
  const bytes = r && r.data instanceof Blob ? r.data.arrayBuffer() : null;
  bytes?.catch(() => undefined); // awaited (and its failure handled) by the load
  return { r, bytes };
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
  const { r, bytes } = await startRead(db, shopId);
  mark('loadRecord');
  if (!r) return null;
  if (!isStored(r) || r.shopId !== shopId || !bytes) {
    await dropAnalysisSnapshot(db, shopId);
    return null;
  }
  if (token !== null && r.token !== token) return null;
  try {
    // The strings are unpacked while the Blob is still being read.
    const { text, ends, tables } = r.strings;
    const strings = {} as Record<PackedTable, string[]>;
    let from = 0;
    for (const k of PACKED_TABLES) {
      strings[k] = unpackStrings(text, ends, from, tables[k]);
      from += tables[k];
    }
    const names = unpackStrings(text, ends, from, tables.names);
    mark('loadStrings');
    const data = await bytes;
    mark('loadBlob');
    const snap = snapshotOnRecordData({ ...r.header, ...strings, orderIds: [] } as SnapshotHeader, data);
    if (snap.shopId !== shopId) throw new Error(`snapshot of shop ${snap.shopId}, expected ${shopId}`);
    const ids = r.orderIds;
    if (ids.count !== snap.orderCount || ids.unitsAt + ids.units * (ids.wide ? 2 : 1) > data.byteLength || ids.endsAt + ids.count * 4 > ids.unitsAt)
      throw new Error('the stored order ids do not fit the snapshot');
    if (ids.count > 0 && new Int32Array(data, ids.endsAt, ids.count)[ids.count - 1] !== ids.units) throw new Error('the stored order ids are cut short');
    // Order ids (a million at 1M orders) are read only when the snapshot is updated: unpacked then.
    lazyField(snap, 'orderIds', () => unpackOrderIds(data, ids));
    mark('loadColumns');
    return { snap, names, builtAt: r.builtAt, token: r.token };
  } catch {
    await dropAnalysisSnapshot(db, shopId);
    return null;
  }
}


/** The shop's persisted 高潜 models of data token `token`, by as-of day (empty for another token). */
export async function loadAnalysisModels(db: SellerLensDb, shopId: string, token: string): Promise<Map<number, PersistedModel>> {
  const s = await readSetting(db, analysisModelsSetting, shopId);
  const out = new Map<number, PersistedModel>();
  if (s && s.token === token) for (const m of s.models) out.set(m.asOfDay, m);
  return out;
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
