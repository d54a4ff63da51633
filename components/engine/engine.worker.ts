/**
 * The engine's Web Worker (started by the side panel and popup, never the MV3 service
 * worker, which Chrome may stop at any time). It reads one shop from IndexedDB, keeps its
 * columnar snapshot while the data token is unchanged, and answers report and export requests.
 */
import { getDb, loadShopData } from '@/lib/db';
import { analyzeWindow, buildSnapshot, latestDataDay, previousWindow, resolveWindow, toRange, type DayWindow, type Snapshot } from '@/lib/engine';
import { fitPropensity, type PropensityModel } from '@/lib/engine/propensity/model';
import { buildBackup, restoreBackup, serializeBackup } from '@/lib/export/backup';
import { backupFileName } from '@/lib/export/download-names';
import { tierAudienceCsv } from '@/lib/export/tier-csv';
import type { Customer, ShopData } from '@/lib/model';
import { today } from '@/lib/model';
import { lastReportKey, requestKey, type AnalysisResult, type EngineRequest, type EngineResponse, type SavedAnalysis } from './protocol';
import { viewExtras } from './extras';
import { audienceExport, audienceSize, audienceTags, exportConversion, type AudienceContext } from './audience-jobs';
import { writeTierCache } from './tier-cache';

type Cache = {
  shopId: string;
  token: string;
  data: ShopData;
  snap: Snapshot;
  /** Propensity models by as-of day: fitted once per data version (as `npm run report` fits them). */
  models: Map<number, PropensityModel>;
  customers?: Map<string, Customer>;
  audience?: AudienceContext;
};
let cache: Cache | null = null;

/** 高潜 model as of a day, fitted on the shop's history up to it (the CLI's scorer, so the numbers agree). */
function modelAt(c: Cache, day: number): PropensityModel {
  let m = c.models.get(day);
  if (!m) c.models.set(day, (m = fitPropensity(c.snap, day)));
  return m;
}

/** Rows of the 高潜 list kept in the saved analysis (the full list comes with the recompute). */
const SAVED_LIST_ROWS = 300;

/** The report of a window and of its previous one, both scored with the fitted 高潜 model. */
function reportPair(c: Cache, window: DayWindow) {
  const prevWindow = previousWindow(window);
  const analysis = analyzeWindow(c.snap, window, { scorer: modelAt(c, toRange(window).end).score });
  const previous = analyzeWindow(c.snap, prevWindow, { scorer: modelAt(c, toRange(prevWindow).end).score }).report;
  return { analysis, previous };
}

async function snapshotFor(shopId: string, token: string, progress: (text: string) => void) {
  if (cache && cache.shopId === shopId && cache.token === token) return cache;
  progress('读取数据…');
  const data = await loadShopData(getDb(), shopId);
  progress('构建快照…');
  const snap = buildSnapshot(data);
  cache = { shopId, token, data, snap, models: new Map() };
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
    const c = await snapshotFor(req.shopId, req.token, progress);
    const { data, snap } = c;
    const latestDay = latestDataDay(snap, today());
    const window = resolveWindow(req.window, latestDay);
    if (req.kind === 'report') {
      progress('计算指标…');
      const { analysis, previous } = reportPair(c, window);
      post({ id: req.id, ok: true, kind: 'report', result: { report: analysis.report, previous, latestDay, ms: performance.now() - t0 } });
      await writeTierCache(window, snap, analysis); // tier chips on the console pages
    } else if (req.kind === 'analysis') {
      progress('计算指标…');
      const { analysis, previous } = reportPair(c, window);
      progress('整理榜单…');
      c.customers ??= new Map(data.customers.map((x) => [x.customerKey, x]));
      const customers = c.customers;
      const extras = viewExtras(snap, window, analysis, modelAt(c, toRange(window).end), (k) => customers.get(k));
      const result: AnalysisResult = { report: analysis.report, previous, latestDay, ms: performance.now() - t0, extras };
      post({ id: req.id, ok: true, kind: 'analysis', result });
      await writeTierCache(window, snap, analysis); // tier chips on the console pages
      // Kept for the next opening of the panel (shown at once while this recomputes); best effort.
      const saved: SavedAnalysis = {
        request: requestKey(req.window),
        token: req.token,
        savedAt: new Date().toISOString(),
        result: { ...result, extras: { ...extras, highPotential: extras.highPotential.slice(0, SAVED_LIST_ROWS) } },
      };
      await getDb().settings.put({ key: lastReportKey(req.shopId), value: saved }).catch(() => undefined);
    } else if (req.kind === 'audienceTags' || req.kind === 'audienceSize' || req.kind === 'audienceExport' || req.kind === 'conversion') {
      c.customers ??= new Map(data.customers.map((x) => [x.customerKey, x]));
      const analyses = new Map<string, ReturnType<typeof analyzeWindow>>();
      c.audience ??= {
        snap,
        data,
        customers: c.customers,
        analysisOf: (w) => {
          const k = `${w.start}~${w.end}`;
          let a = analyses.get(k);
          if (!a) analyses.set(k, (a = analyzeWindow(snap, w, { scorer: modelAt(c, toRange(w).end).score })));
          return a;
        },
      };
      const ctx = c.audience;
      if (req.kind === 'audienceTags') post({ id: req.id, ok: true, kind: 'audienceTags', result: audienceTags(ctx, window) });
      else if (req.kind === 'audienceSize') post({ id: req.id, ok: true, kind: 'audienceSize', result: audienceSize(ctx, window, req.source) });
      else if (req.kind === 'conversion') post({ id: req.id, ok: true, kind: 'conversion', result: await exportConversion(ctx, getDb(), req.exportId) });
      else {
        progress('导出中…');
        const result = await audienceExport(ctx, getDb(), window, req);
        post({ id: req.id, ok: true, kind: 'audienceExport', result }, [...new Set(result.files.map((f) => f.bytes.buffer as ArrayBuffer))]);
      }
    } else {
      const file = tierAudienceCsv(data, snap, window, req.tier);
      post({ id: req.id, ok: true, kind: 'tierCsv', result: file }, [file.bytes.buffer as ArrayBuffer]);
    }
  } catch (err) {
    post({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
