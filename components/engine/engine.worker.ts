/**
 * The engine's Web Worker (started by the side panel and popup, never the MV3 service
 * worker, which Chrome may stop at any time). It reads one shop from IndexedDB, keeps its
 * columnar snapshot while the data token is unchanged, and answers report and export requests.
 */
import { getDb, loadShopData } from '@/lib/db';
import { buildSnapshot, computeReport, latestDataDay, previousWindow, resolveWindow, type Snapshot } from '@/lib/engine';
import { buildBackup, restoreBackup, serializeBackup } from '@/lib/export/backup';
import { backupFileName } from '@/lib/export/download-names';
import { tierAudienceCsv } from '@/lib/export/tier-csv';
import type { ShopData } from '@/lib/model';
import { today } from '@/lib/model';
import type { EngineRequest, EngineResponse } from './protocol';

let cache: { shopId: string; token: string; data: ShopData; snap: Snapshot } | null = null;

async function snapshotFor(shopId: string, token: string, progress: (text: string) => void) {
  if (cache && cache.shopId === shopId && cache.token === token) return cache;
  progress('读取数据…');
  const data = await loadShopData(getDb(), shopId);
  progress('构建快照…');
  const snap = buildSnapshot(data);
  cache = { shopId, token, data, snap };
  return cache;
}

function post(msg: EngineResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(msg, transfer);
}

self.onmessage = async (e: MessageEvent<EngineRequest>) => {
  const req = e.data;
  const progress = (text: string) => post({ id: req.id, progress: text });
  try {
    if (req.kind === 'backup') {
      const backup = await buildBackup(getDb(), req.shopId);
      post({ id: req.id, ok: true, kind: 'backup', result: { text: serializeBackup(backup), filename: backupFileName(req.shopId, backup.exportedAt) } });
      return;
    }
    if (req.kind === 'restore') {
      progress('校验备份文件…');
      const r = await restoreBackup(getDb(), await req.file.text(), (p) =>
        progress(p.phase === 'writing' ? `写入 ${p.done}/${p.total}…` : p.phase === 'validating' ? '校验备份文件…' : '完成'),
      );
      if (!r.ok) throw new Error(r.reason);
      cache = null;
      const db = getDb();
      await db.settings.put({ key: `dataVersion:${r.shopId}`, value: Date.now() });
      const shop = await db.shops.get(r.shopId);
      post({ id: req.id, ok: true, kind: 'restore', result: { shopId: r.shopId, shopName: shop?.name ?? r.shopId, counts: { ...r.counts } } });
      return;
    }
    const t0 = performance.now();
    const { data, snap } = await snapshotFor(req.shopId, req.token, progress);
    const latestDay = latestDataDay(snap, today());
    const window = resolveWindow(req.window, latestDay);
    if (req.kind === 'report') {
      progress('计算指标…');
      const report = computeReport(snap, window);
      const previous = computeReport(snap, previousWindow(window));
      post({ id: req.id, ok: true, kind: 'report', result: { report, previous, latestDay, ms: performance.now() - t0 } });
    } else {
      const file = tierAudienceCsv(data, snap, window, req.tier);
      post({ id: req.id, ok: true, kind: 'tierCsv', result: file }, [file.bytes.buffer as ArrayBuffer]);
    }
  } catch (err) {
    post({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
