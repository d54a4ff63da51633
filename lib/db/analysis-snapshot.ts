/**
 * The engine's snapshot of one shop kept in Dexie `analysisSnapshots` (keyed by shopId), so that
 * opening the side panel on a big shop reads ~200 MB of columns instead of a million records and
 * rebuilding. A record is valid only for the data token it was built from (the caller's change
 * token of the shop's data); the fitted 高潜 models of that same data are kept beside it.
 *
 * Layout of a record (version ANALYSIS_SNAPSHOT_VERSION):
 *   token        the data token the snapshot was built from
 *   header       counts, shop, latest day and `packed`: the stored columns' layout (packSnapshotColumns)
 *   strings      the small string tables (provinces, cities, member levels, products) packed as
 *                ONE string plus the end offset of each entry: IndexedDB clones one big string far
 *                faster than many small ones
 *   data         a Blob: the packed columns (narrowed, without what they derive; the hot ones —
 *                what the 概览 reads — first, `packed.hotBytes` long, then the cold ones up to
 *                `packed.bytes`), then the customer keys, the display names and the order ids (each:
 *                end offsets as i32, then their UTF-16 code units, one byte each when all fit)
 *   keys, names, orderIds   where those lists are in `data` (count, offsets, units, wide)
 * The keys and names (15 MB of string at 200,000 customers) are read with the cold columns: a
 * record that held them took 150–270 ms to read at a cold open, for nothing the 概览 shows.
 * Why a Blob: Chromium reads a 200 MB Blob from IndexedDB (`blob.arrayBuffer()`) ~3× faster than
 * the same bytes stored as an ArrayBuffer value, which it wraps in a blob of its own and then
 * deserialises (measured in the engine worker: ~0.2 s vs ~0.65 s). A cold open reads only the
 * hot columns' range of it (`slice`); the cold columns when a list, a tag or a capture needs them
 * (readColdColumns); the order ids (a million at 1M orders) are read and turned into strings only
 * when a capture's changes are applied (readOrderIds).
 * Deleting a shop's data (deleteShopRecords, restore) deletes the record too; saving is the one
 * writer's (lib/db/writer/analysis.ts). The fitted models
 * live in `settings` (`analysisModels:<shopId>`, with their token): adding one must not rewrite
 * a 200 MB record.
 */
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot, type SnapshotHeader } from '../engine/snapshot';
import { lazyField, packSnapshotColumns, supplyColdColumns, unpackSnapshotColumns, type PackedLayout } from '../engine/snapshot/packed';
import {
  fallbackPropensityModel,
  fitPropensity,
  propensityModelFromParams,
  type PropensityModel,
  type PropensityParams,
} from '../engine/propensity/model';
import { FEATURE_COUNT } from '../engine/propensity/features';
import { withSelection } from '../engine/propensity/selected';
import type { BaselineCalibration, PropensitySelection } from '../engine/propensity/backtest';
import type { AnalysisSnapshot, SellerLensDb } from './schema';
import { packedListEnd, packedListFits, packOrderIds, packStrings, unpackPackedList, unpackStrings, type OrderIdsLayout } from './analysis-pack';
import { dropAnalysisSnapshot } from './writer/primitives';
import { orderIdsInBlob, setColdRead, startRead } from './analysis-read';

export { offerEarlyRecordRead, readColdColumns, readOrderIds } from './analysis-read';
import { analysisModelsSetting, analysisTokenSetting, readSetting, settingKey } from './settings/registry';

/**
 * Layout version of the persisted record (bump when the layout or the snapshot format changes). 6: orderCustomer,
 * orderAmountFen, paidOrdersByDay and paidOrderDays moved out of the hot range (a v5 record is rebuilt, not read).
 * 7: custPaidChannel / custPaidTraffic hot, custPaidOrder / orderChannel / orderTraffic cold (a v6 record is rebuilt).
 */
export const ANALYSIS_SNAPSHOT_VERSION = 7;

/** The string tables kept in the record's `strings` (the customer keys and order ids are in the data Blob). */
const PACKED_TABLES = ['provinces', 'cities', 'memberLevels', 'productKeys', 'productNames'] as const;
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
  /** The self-backtest's verdict (which scorer `score` uses) and the chosen baseline's calibration. */
  selection?: PropensitySelection;
  calibration?: BaselineCalibration;
}

/** The record's header: the snapshot's counts and scalars, and where its packed columns are. */
type StoredHeader = Pick<SnapshotHeader, 'format' | 'version' | 'shopId' | 'platform' | 'latestDay' | 'customerCount' | 'orderCount' | 'contactCount'> & {
  packed: PackedLayout;
};

interface StoredRecord extends AnalysisSnapshot {
  token: string;
  header: StoredHeader;
  strings: { text: string; ends: Int32Array; tables: Record<PackedTable, number> };
  data: Blob;
  keys: OrderIdsLayout;
  names: OrderIdsLayout;
  orderIds: OrderIdsLayout;
}

/** Settings key holding the data token of the shop's persisted snapshot (read before the big record). */
export const analysisTokenKey = (shopId: string) => settingKey(analysisTokenSetting, shopId);

/** A loaded snapshot with what was kept beside it. */
export interface LoadedAnalysis {
  snap: Snapshot;
  /** Display name of customer i (nickname, else buyer id), '' when unknown; filled when the cold columns are read (readColdColumns). */
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
    ...(m.selection ? { selection: m.selection } : {}),
    ...(m.calibration ? { calibration: m.calibration } : {}),
  };
}

/**
 * The model of persisted data: same scores and explanations as the one it was taken from; null
 * when it cannot be the current model (fitted on another feature set): the caller refits.
 */
export function modelFromPersisted(p: PersistedModel): PropensityModel | null {
  if (p.kind === 'logistic' && p.params) {
    const d = FEATURE_COUNT, q = p.params;
    if (q.weights.length !== d || q.mean.length !== d || q.sd.length !== d) return null;
    const m = propensityModelFromParams(q, { asOfDay: p.asOfDay, trainingDays: p.trainingDays, rows: p.rows, positives: p.positives });
    return p.selection ? withSelection(m, p.selection, p.calibration) : m;
  }
  return fallbackPropensityModel(p.asOfDay, p.fallbackReason ?? 'too little history');
}

/** The stored record of `snap` for data token `token` (what saveAnalysisSnapshot writes). */
export function analysisSnapshotRecord(snap: Snapshot, token: string, opts: { names?: string[]; builtAt?: string } = {}): AnalysisSnapshot {
  // The packed columns go straight into the Blob (it copies each part once; no 100 MB buffer is made here).
  const { layout, parts } = packSnapshotColumns(snap);
  const names = opts.names ?? [];
  if (names.length !== 0 && names.length !== snap.customerCount)
    throw new Error(`names has ${names.length} entries, the snapshot ${snap.customerCount} customers`);
  const keys = packOrderIds(snap.customerKeys, layout.bytes);
  const named = packOrderIds(names, layout.bytes + keys.size);
  const ids = packOrderIds(snap.orderIds, layout.bytes + keys.size + named.size);
  const data = new Blob([...parts, ...keys.parts, ...named.parts, ...ids.parts] as BlobPart[]);
  const header: StoredHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    shopId: snap.shopId,
    platform: snap.platform,
    latestDay: snap.latestDay,
    customerCount: snap.customerCount,
    orderCount: snap.orderCount,
    contactCount: snap.contactCount,
    packed: layout,
  };
  const packed = packStrings(PACKED_TABLES.map((k) => snap[k]));
  const tables = {} as Record<PackedTable, number>;
  PACKED_TABLES.forEach((k, i) => (tables[k] = packed.counts[i]!));
  const record: StoredRecord = {
    shopId: snap.shopId,
    builtAt: opts.builtAt ?? new Date().toISOString(),
    version: ANALYSIS_SNAPSHOT_VERSION,
    data,
    token,
    header,
    strings: { text: packed.text, ends: packed.ends, tables },
    keys: keys.layout,
    names: named.layout,
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
    typeof s.orderIds?.count === 'number' &&
    typeof s.keys?.count === 'number' &&
    typeof s.names?.count === 'number' &&
    typeof s.header.packed?.bytes === 'number' &&
    typeof s.header.packed.hotBytes === 'number'
  );
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
    const { text, ends, tables } = r.strings;
    const strings = {} as Record<PackedTable, string[]>;
    let from = 0;
    for (const k of PACKED_TABLES) {
      strings[k] = unpackStrings(text, ends, from, tables[k]);
      from += tables[k];
    }
    mark('loadStrings');
    const data = await bytes;
    mark('loadBlob');
    const blob = r.data as Blob;
    const packed = r.header.packed;
    const snap = unpackSnapshotColumns(packed, data, { ...r.header, ...strings, customerKeys: [], orderIds: [] });
    if (snap.shopId !== shopId) throw new Error(`snapshot of shop ${snap.shopId}, expected ${shopId}`);
    const { keys, names: named, orderIds: ids } = r;
    const namesEnd = packedListEnd(named);
    if (
      !packedListFits(keys, snap.customerCount, packed.bytes, blob.size) ||
      (named.count !== 0 && !packedListFits(named, snap.customerCount, packedListEnd(keys), blob.size)) ||
      !packedListFits(ids, snap.orderCount, Math.max(packedListEnd(keys), namesEnd), blob.size)
    )
      throw new Error('the stored strings do not fit the snapshot');
    // The customer keys and names are read with the cold columns (the lists read them, the 概览 does not).
    const names: string[] = [];
    lazyField(snap, 'customerKeys', () => {
      throw new Error('the customer keys of a stored snapshot are read with the cold columns first');
    });
    setColdRead(snap, async () => {
      const end = Math.max(packedListEnd(keys), named.count ? namesEnd : 0);
      const cold = await blob.slice(packed.hotBytes, end).arrayBuffer();
      const customerKeys = unpackPackedList(cold, keys, packed.hotBytes);
      const got = named.count ? unpackPackedList(cold, named, packed.hotBytes) : [];
      supplyColdColumns(snap, cold);
      snap.customerKeys = customerKeys;
      for (const name of got) names.push(name);
    });
    // The ids' range only.
    orderIdsInBlob(snap, async () => unpackPackedList(await blob.slice(ids.endsAt, packedListEnd(ids)).arrayBuffer(), ids, ids.endsAt));
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
  if (p) m = modelFromPersisted(p) ?? undefined;
  if (!m) {
    m = fit(snap, day);
    const plain = persistedModelOf(m);
    memo.persisted.set(day, plain);
    onFitted?.(plain);
  }
  memo.models.set(day, m);
  return m;
}
