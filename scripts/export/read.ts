/**
 * Reading a backup for the export: the restore's own streaming pass shape — LineReader slices,
 * the line layout, BackupChecker (the one validator: the same refusals as a restore) — handing
 * each accepted customer, order and contact to a sink as it is read, and building the shop's
 * snapshot (for the 高潜 scores) on the way. After the first refused record nothing more goes to
 * the sink; validation goes on to give every reason.
 */
import type { BackupCounts } from '../../lib/backup';
import { BACKUP_ARRAYS } from '../../lib/backup';
import { LineLayout, LineReader, NotLineLayout, type BackupSource } from '../../lib/backup/line-reader';
import { refused } from '../../lib/backup/refusals';
import { BackupChecker, StopReading } from '../../lib/backup/validate-record';
import { createSnapshotBuilder, type Snapshot, type SnapshotBuilder } from '../../lib/engine';
import type { Contact, Customer, Order, Shop } from '../../lib/model';

/** Receives the accepted base records in file order. */
export interface RecordSink {
  customer(c: Customer): void;
  order(o: Order): void;
  contact(c: Contact): void;
}

/** A read backup (the shape of scripts/report/load.ts's LoadedBackup), or why it was refused. */
export type ReadBackup =
  | { ok: true; shop: Shop; exportedAt?: string; snapshot: Snapshot; counts: BackupCounts }
  | { ok: false; reason: string };

/** One streaming pass over `src`; throws NotLineLayout / LineTooLong when it is not one record per line. */
export async function readBackupInto(src: BackupSource, sink: RecordSink): Promise<ReadBackup> {
  const reader = new LineReader(src);
  const st: { builder: SnapshotBuilder | null } = { builder: null };
  const checker: BackupChecker = new BackupChecker({
    onShop: (shop) => {
      if (!checker.refused) st.builder = createSnapshotBuilder(shop);
    },
  });
  const counts = Object.fromEntries(BACKUP_ARRAYS.map((n) => [n, 0])) as unknown as BackupCounts;
  const layout: LineLayout = new LineLayout({
    field: (key, value) => checker.field(key, value),
    record(name, index, text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new NotLineLayout(layout.line, `${name}[${index}] is not one JSON value on its line`);
      }
      counts[name] = index + 1;
      const data = checker.record(name, index, value);
      if (checker.refused) st.builder = null;
      const b = st.builder;
      if (data === undefined || b === null) return;
      if (name === 'customers') {
        b.addCustomer(data as Customer);
        sink.customer(data as Customer);
      } else if (name === 'orders') {
        b.addOrder(data as Order);
        sink.order(data as Order);
      } else if (name === 'contacts') {
        b.addContact(data as Contact);
        sink.contact(data as Contact);
      }
    },
  });
  try {
    while (await reader.fill()) {
      for (let lines = reader.piece(); lines !== null; lines = reader.piece()) for (const line of lines) layout.feed(line);
    }
    layout.end();
  } catch (e) {
    if (e instanceof StopReading) return refused(e.refusal);
    throw e;
  }
  const verdict = checker.finish();
  if (!verdict.ok) return refused(verdict.refusal);
  const builder = st.builder ?? createSnapshotBuilder(verdict.shop);
  return {
    ok: true,
    shop: verdict.shop,
    ...(verdict.exportedAt !== undefined ? { exportedAt: verdict.exportedAt } : {}),
    snapshot: builder.finish().snap,
    counts,
  };
}
