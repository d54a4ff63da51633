/** Making a backup (SPEC §9): everything of one shop, records in a stable order, read in one transaction. */
import { Instant, toShanghaiIso } from '../model';
import { readShopRecords, toCapture } from '../db/queries';
import { withoutUndefined } from '../db/merge';
import { shopTables, type SellerLensDb } from '../db/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from './format';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Everything of one shop as a backup object, in a stable record order. */
export async function buildBackup(
  db: SellerLensDb,
  shopId: string,
  exportedAt: string | number = Date.now(),
): Promise<Backup> {
  const at = typeof exportedAt === 'number' ? toShanghaiIso(exportedAt) : Instant.parse(exportedAt);
  return db.transaction('r', [...shopTables(db)], async () => {
    const shop = await db.shops.get(shopId);
    if (!shop) throw new Error(`no shop with id "${shopId}" in this profile`);
    // Base records not masked by a row, plus the rows (contacts already in compareContacts order).
    const [{ customers, orders, contacts }, captures, platformSnapshots, audiences, exports] = await Promise.all([
      readShopRecords(db, shopId),
      db.captures.where('shopId').equals(shopId).toArray(),
      db.platformSnapshots.where('shopId').equals(shopId).toArray(),
      db.audiences.where('shopId').equals(shopId).toArray(),
      db.exports.where('shopId').equals(shopId).toArray(),
    ]);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: at,
      shop: withoutUndefined(shop),
      customers: customers.sort((a, b) => byText(a.customerKey, b.customerKey)).map((r) => withoutUndefined(r)),
      orders: orders
        .sort((a, b) => byText(a.placedAt, b.placedAt) || byText(a.orderId, b.orderId))
        .map((o) => withoutUndefined(o)),
      contacts: contacts.map((c) => withoutUndefined(c)),
      captures: captures
        .sort((a, b) => byText(a.capturedAt, b.capturedAt) || byText(a.captureId, b.captureId))
        .map((c) => withoutUndefined(toCapture(c))),
      platformSnapshots: platformSnapshots
        .sort((a, b) => byText(a.source, b.source) || byText(a.seenOn, b.seenOn))
        .map((r) => withoutUndefined(r)),
      audiences: audiences.sort((a, b) => byText(a.audienceId, b.audienceId)).map((r) => withoutUndefined(r)),
      exports: exports
        .sort((a, b) => byText(a.exportedAt, b.exportedAt) || byText(a.exportId, b.exportId))
        .map((r) => withoutUndefined(r)),
    };
  });
}
