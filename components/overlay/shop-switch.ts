/**
 * Shop identity bound per tab (issue 11 item 4): a console SPA can switch shops without a reload,
 * its header first, its table a moment later. The guard remembers the rows taken under the shop
 * the tab is bound to; when a read names another shop, it is held while the table still shows any
 * of those rows — so none of the old page's rows is ever filed under the new shop.
 */
import type { CaptureBatch } from '@/lib/capture/ingest';
import { overlayText } from './text';

export type ShopCheck = { ok: true } | { ok: false; from: string; to: string; fromName: string; toName: string };

const shopIdOf = (b: CaptureBatch): string | null => {
  const s = b.shop as { shopId?: unknown } | null;
  return s && typeof s.shopId === 'string' ? s.shopId : null;
};

const nameOf = (b: CaptureBatch | undefined): string => {
  const s = b?.shop as { name?: unknown } | null | undefined;
  return s && typeof s.name === 'string' ? s.name : '';
};

const rowsOf = (batches: readonly CaptureBatch[]): Set<string> => new Set(batches.flatMap((b) => b.rawRows.map((r) => JSON.stringify(r))));

export class ShopSwitchGuard {
  private bound: string | null = null;
  private boundName = '';
  /** Rows of the last read taken under the bound shop. */
  private taken = new Set<string>();
  /** After a switch: the previous shop's rows, until a read shows none of them. */
  private stale: { from: string; fromName: string; rows: Set<string> } | null = null;

  /** The shop this tab is bound to (null before the first read that named one). */
  get shopId(): string | null {
    return this.bound;
  }

  /** Whether a read may be taken: held while it names a new shop but shows rows read under the previous one. */
  check(batches: readonly CaptureBatch[]): ShopCheck {
    const named = batches.find((b) => shopIdOf(b) !== null);
    const shopId = named ? shopIdOf(named) : null;
    if (shopId === null) return { ok: true };
    const rows = rowsOf(batches);
    if (this.bound !== null && shopId !== this.bound) {
      this.stale = { from: this.bound, fromName: this.boundName, rows: this.taken };
      this.taken = new Set();
    }
    this.bound = shopId;
    this.boundName = nameOf(named);
    if (this.stale) {
      const { from, fromName } = this.stale;
      for (const r of rows) if (this.stale.rows.has(r)) return { ok: false, from, to: shopId, fromName, toName: this.boundName };
      this.stale = null;
    }
    this.taken = rows;
    return { ok: true };
  }
}

/** What the overlay says while a switch is held. */
export const shopSwitchHeld = (c: { fromName: string; toName: string }) =>
  overlayText('overlay_shopSwitched', { from: c.fromName, to: c.toName });
