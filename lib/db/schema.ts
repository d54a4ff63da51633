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

/** A persisted columnar snapshot of one shop for the engine (filled in by the engine later). */
export interface AnalysisSnapshot {
  shopId: string;
  builtAt: string;
  version: number;
  data: ArrayBuffer;
  [extra: string]: unknown;
}

/** One app setting (column mappings per URL pattern, thresholds …). */
export interface Setting {
  key: string;
  value: unknown;
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

export const DB_VERSION = 2;

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
    db.platformSnapshots,
    db.audiences,
    db.exports,
    db.analysisSnapshots,
  ] as const;
}
