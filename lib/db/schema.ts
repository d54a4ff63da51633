/** Dexie database `seller-lens`: one database for all shops, every record scoped by shopId. */
import { Dexie, type Table } from 'dexie';
import type {
  Audience,
  Capture,
  Contact,
  Customer,
  ExportRecord,
  Order,
  PlatformSnapshot,
  Shop,
} from '../model';
import { dayOf } from '../model';

export const DB_NAME = 'seller-lens';

/** An order as stored: the §2 record plus `day`, the UTC+8 day it happens (paidAt, else placedAt). */
export type StoredOrder = Order & { day: string };
/** A contact as stored: `contactId` is its natural key as one string (idempotent re-capture). */
export type StoredContact = Contact & { contactId: string; day: string };
/** A capture as stored: `fingerprint` of what was seen, so the same page captured twice is kept once. */
export type StoredCapture = Capture & { fingerprint: string };

/**
 * What the 数据 tab lists of a capture (schema v4): everything but its raw rows, so the list
 * never loads them. Written with the capture by the one writer; `rawRowsPruned` once retention
 * removed the capture's raw rows (the records read from them stay); `refreshedAt` /
 * `refreshCount` when the same rows were seen again with a few cells changed (a countdown).
 */
export interface CaptureSummary {
  captureId: string;
  shopId: string;
  url: string;
  adapter: string;
  capturedAt: string;
  headers: string[];
  rowCount: number;
  rejected: Capture['rejected'];
  rawRowsPruned?: boolean;
  refreshedAt?: string;
  refreshCount?: number;
}

/** A persisted columnar snapshot of one shop for the engine (filled in by the engine later). */
export interface AnalysisSnapshot {
  shopId: string;
  builtAt: string;
  version: number;
  /** The columns (a Blob since analysis-snapshot layout 2; older records held an ArrayBuffer and are discarded). */
  data: ArrayBuffer | Blob;
  [extra: string]: unknown;
}

/** The record kinds kept in base blocks. */
export type BlockKind = 'customers' | 'orders' | 'contacts';

/**
 * One immutable block of a shop's base layer: `count` §2 records of one kind as ONE JSON array
 * text (exactly as a backup writes them, no derived fields). `seq` runs 0.. per shop and kind.
 */
export interface RecordBlock {
  shopId: string;
  kind: BlockKind;
  seq: number;
  count: number;
  text: string;
}

/**
 * Where a base record lives: `hashes` (sorted ascending) are `keyHash` of each base record's
 * natural key (customerKey, orderId, contactIdOf), `blocks[i]` the seq of the block holding the
 * record of `hashes[i]`. Equal hashes are possible (then every candidate block is checked).
 */
export interface BlockDirectory {
  shopId: string;
  kind: BlockKind;
  count: number;
  hashes: Float64Array;
  blocks: Int32Array;
}

/**
 * What one stored capture batch changed, by natural key (customerKey, orderId, contactId):
 * `added` = the shop had no record of that key (neither row nor base), `updated` = it had one
 * and the stored (merged) record differs. `seq` is the shop's change counter after the batch.
 */
export interface ChangeLogEntry {
  shopId: string;
  seq: number;
  customers: { added: string[]; updated: string[] };
  orders: { added: string[]; updated: string[] };
  contacts: { added: string[]; updated: string[] };
}

/** One app setting (column mappings per URL pattern, thresholds …). */
export interface Setting {
  key: string;
  value: unknown;
  /** The registry version of `value` (lib/db/settings); absent = 1. */
  version?: number;
}

/** Version 1: the initial schema. Exported so the migration test can write a true v1 database. */
export const SCHEMA_V1 = {
  shops: '&shopId',
  // Keyed by shop too: a hand-made key such as "c1" in two shops must never collide.
  customers: '[shopId+customerKey], shopId, customerKey',
  orders: '[shopId+orderId], shopId, customerKey',
  contacts: '&contactId, shopId',
  captures: '&captureId, shopId, [shopId+fingerprint]',
  platformSnapshots: '[shopId+source+seenOn], shopId',
  audiences: '&audienceId, shopId',
  exports: '&exportId, shopId',
  analysisSnapshots: '&shopId',
  settings: '&key',
} as const;

/**
 * Version 2: orders and contacts get a derived `day` (UTC+8) and `[shopId+day]` indexes, so
 * window queries and "latest day with data" read a key range instead of scanning the shop;
 * `[shopId+customerKey]` finds one customer's orders / contacts within a shop.
 */
export const SCHEMA_V2 = {
  orders: '[shopId+orderId], shopId, customerKey, [shopId+customerKey], [shopId+day]',
  contacts: '&contactId, shopId, [shopId+customerKey], [shopId+day]',
} as const;

/**
 * Version 3: the *base layer* of bulk records. A restore writes a shop's customers / orders /
 * contacts as immutable blocks (JSON arrays of §2 records, one IndexedDB row per block), because
 * this machine's Chromium writes ~5,000 rows/s but ~300,000 records/s in blocks: row-per-record,
 * a 1M-order backup (4.8M records) would take a quarter of an hour to restore. Captures keep
 * writing rows; a row masks the base record of the same natural key (rows hold the full merged
 * record, see lib/db/blocks.ts). `blockDirectories` finds the base block of a key by its hash;
 * `changeLog` lists what each stored capture batch added or updated (incremental snapshots).
 */
export const SCHEMA_V3 = {
  recordBlocks: '[shopId+kind+seq]',
  blockDirectories: '[shopId+kind]',
  changeLog: '[shopId+seq]',
} as const;

/**
 * Version 4: `captureSummaries` (a capture without its raw rows, for the 数据 tab) and a
 * `[shopId+capturedAt]` index on captures (retention prunes the raw rows of old ones). The
 * upgrade writes a summary of every stored capture.
 */
export const SCHEMA_V4 = {
  captures: '&captureId, shopId, [shopId+fingerprint], [shopId+capturedAt]',
  captureSummaries: '&captureId, shopId, [shopId+capturedAt]',
} as const;

/** The summary of a stored capture (its raw rows left out). */
export function captureSummaryOf(c: Capture, extra: Pick<CaptureSummary, 'rawRowsPruned' | 'refreshedAt' | 'refreshCount'> = {}): CaptureSummary {
  const out: CaptureSummary = {
    captureId: c.captureId,
    shopId: c.shopId,
    url: c.url,
    adapter: c.adapter,
    capturedAt: c.capturedAt,
    headers: c.headers,
    rowCount: c.rowCount,
    rejected: c.rejected,
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

export const DB_VERSION = 4;

/** The UTC+8 day an order happens: at paidAt, else at placedAt (SPEC §2). */
export function orderDayOf(order: Pick<Order, 'paidAt' | 'placedAt'>): string {
  return dayOf(order.paidAt ?? order.placedAt);
}

/** The seller-lens Dexie database (pass another name for tests or a scratch profile). */
export class SellerLensDb extends Dexie {
  shops!: Table<Shop, string>;
  customers!: Table<Customer, [string, string]>;
  orders!: Table<StoredOrder, [string, string]>;
  contacts!: Table<StoredContact, string>;
  captures!: Table<StoredCapture, string>;
  platformSnapshots!: Table<PlatformSnapshot, [string, string, string]>;
  audiences!: Table<Audience, string>;
  exports!: Table<ExportRecord, string>;
  analysisSnapshots!: Table<AnalysisSnapshot, string>;
  settings!: Table<Setting, string>;
  recordBlocks!: Table<RecordBlock, [string, BlockKind, number]>;
  blockDirectories!: Table<BlockDirectory, [string, BlockKind]>;
  changeLog!: Table<ChangeLogEntry, [string, number]>;
  captureSummaries!: Table<CaptureSummary, string>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        await tx
          .table('orders')
          .toCollection()
          .modify((o: StoredOrder) => {
            o.day = orderDayOf(o);
          });
        await tx
          .table('contacts')
          .toCollection()
          .modify((c: StoredContact) => {
            c.day = dayOf(c.at);
          });
      });
    this.version(3).stores(SCHEMA_V3);
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade(async (tx) => {
        const summaries: CaptureSummary[] = [];
        await tx
          .table('captures')
          .toCollection()
          .each((c: StoredCapture) => {
            summaries.push(captureSummaryOf(c));
          });
        if (summaries.length > 0) await tx.table('captureSummaries').bulkPut(summaries);
      });
  }
}

let shared: SellerLensDb | undefined;

/** The extension's shared database instance (one per JS context, opened lazily by Dexie). */
export function getDb(): SellerLensDb {
  shared ??= new SellerLensDb();
  return shared;
}

/** Every table that holds records of one shop (for shop-wide transactions). */
export function shopTables(db: SellerLensDb) {
  return [
    db.shops,
    db.customers,
    db.orders,
    db.contacts,
    db.captures,
    db.captureSummaries,
    db.platformSnapshots,
    db.audiences,
    db.exports,
    db.analysisSnapshots,
    db.recordBlocks,
    db.blockDirectories,
    db.changeLog,
  ] as const;
}
