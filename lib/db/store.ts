/** The capture path's types and the shop's data token (storing a batch is the one writer's: lib/db/writer/capture.ts). */
import type { z } from 'zod';
import type { Capture, Contact, Customer, Order, PlatformSnapshot, Shop } from '../model';
import type { SellerLensDb } from './schema';
import { dataChangeSetting, settingKey } from './settings/registry';
import { dataVersionKey } from './settings-keys';

/** What an adapter hands over for one captured page (records already read; validated again here). */
export interface CaptureBatch {
  shop: z.input<typeof Shop>;
  customers?: readonly z.input<typeof Customer>[];
  orders?: readonly z.input<typeof Order>[];
  contacts?: readonly z.input<typeof Contact>[];
  platformSnapshots?: readonly z.input<typeof PlatformSnapshot>[];
  capture?: z.input<typeof Capture>;
}

/** Added / updated counts of one table; unchanged records count in neither. */
export interface UpsertCounts {
  added: number;
  updated: number;
}

/** The outcome of storing a batch, with the distinct natural keys it stored (for the capture badge). */
export interface StoreResult {
  shopId: string;
  customers: UpsertCounts;
  orders: UpsertCounts;
  contacts: UpsertCounts;
  snapshots: UpsertCounts;
  /**
   * 'duplicate' when the very same page content was captured before (kept once); 'refreshed'
   * when the same rows were seen again with a few cells changed (the latest capture of that page
   * now holds them, see lib/db/writer/captures.ts).
   */
  capture: 'added' | 'duplicate' | 'refreshed' | 'none';
  /** Rows of the capture that could not be read. */
  rejected: number;
  keys: {
    customers: string[];
    /** orderIds */
    orders: string[];
    /** contactIds */
    contacts: string[];
    /** `source|seenOn` */
    snapshots: string[];
  };
}

/** Thrown when a batch holds an invalid record or a record of another shop; nothing is stored. */
export class InvalidBatchError extends Error {
  override name = 'InvalidBatchError';
}

/** Change-log entries kept per shop at most (see changesBetween: a gap means a rebuild). */
export const CHANGE_LOG_KEEP = 1_000;

/** Settings key of a shop's change counter: +1 for every stored batch that changed something. */
export const dataChangeKey = (shopId: string) => settingKey(dataChangeSetting, shopId);

/**
 * A cheap change token of a shop's data: the change counter of captures and the restore stamp
 * (`dataVersion:<shopId>`, written by a restore). Two key reads, where counting records takes
 * seconds on a big shop. Equal tokens mean no capture or restore changed the shop in between.
 */
export async function shopDataToken(db: SellerLensDb, shopId: string): Promise<string> {
  const [change, version] = await Promise.all([db.settings.get(dataChangeKey(shopId)), db.settings.get(dataVersionKey(shopId))]);
  return `c${JSON.stringify(change?.value ?? 0)}:v${JSON.stringify(version?.value ?? null)}`;
}
