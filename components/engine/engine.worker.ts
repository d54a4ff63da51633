/**
 * The engine's Web Worker (started by the side panel and popup, never the MV3 service
 * worker, which Chrome may stop at any time). It reads one shop from IndexedDB, keeps its
 * columnar snapshot while the data token is unchanged, and answers report and export requests.
 */
import { getDb, listShops, loadShopData } from '@/lib/db';
import { parseDataToken, pruneChangeLog } from '@/lib/db/changes';
import { snapshotOfToken } from '@/lib/db/snapshot-source';
import { analyzeWindow, customerIndexOf, latestDataDay, newWindowScans, previousFigures, previousWindow, resolveWindow, toRange, type DayWindow, type PropensityScorer, type Snapshot, type WindowScans } from '@/lib/engine';
import type { PropensityModel } from '@/lib/engine/propensity/model';
import {
  loadAnalysisModels,
  loadAnalysisSnapshot,
  prefetchAnalysisSnapshot,
  propensityModelAt,
  saveAnalysisModel,
  saveAnalysisSnapshot,
  hasPropensityModel,
  takeLoadSteps,
  type ModelMemo,
} from '@/lib/db/analysis-snapshot';
import { buildBackup, serializeBackupParts } from '@/lib/export/backup';
import { runRestore } from './restore-job';
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
  /** The shop's records: loaded only for the requests that read them (not for report / analysis). */
  data: ShopData | null;
  snap: Snapshot;
  /** Display name of each snapshot customer ('' unknown), for the 高潜 list without the records. */
  names: string[];
  /** Propensity models by as-of day: fitted once per data token (as `npm run report` fits them), persisted. */
  models: ModelMemo;
  customers?: Map<string, Customer>;
  audience?: AudienceContext;
};
let cache: Cache | null = null;
/** ms from this worker's creation until its code was loaded and evaluated (reported in timings). */
const bootMs = Math.round(performance.now());

/** 高潜 model as of a day, fitted on the shop's history up to it (the CLI's scorer, so the numbers agree). */
function modelAt(c: Cache, day: number): PropensityModel {
  return propensityModelAt(c.models, c.snap, day, (p) => void saveAnalysisModel(getDb(), c.shopId, c.token, p).catch(() => undefined));
}

/** Rows of the 高潜 list kept in the saved analysis (the full list comes with the recompute). */
const SAVED_LIST_ROWS = 300;

/** The report of a window and the figures of its previous one, both scored with the fitted 高潜 model. */
function reportPair(c: Cache, window: DayWindow, mark: (step: string) => void = () => undefined, scans: WindowScans = newWindowScans()) {
  const prevWindow = previousWindow(window);
  const model = modelAt(c, toRange(window).end);
  mark('model');
  // The previous window's classes and sales are computed once, for W's report and for its own figures.
  const analysis = analyzeWindow(c.snap, window, { scorer: model.score, scans });
  mark('report');
  const prevModel = modelAt(c, toRange(prevWindow).end);
  mark('previousModel');
  const previous = previousFigures(c.snap, prevWindow, { scorer: prevModel.score, scans });
  mark('previous');
  return { analysis, previous };
}

/** Quiet time before a changed snapshot is written to IndexedDB (a newer token cancels it). */
const PERSIST_AFTER_MS = 2_000;

/**
 * Persists the cached snapshot once the data has settled (not on every batch of a running
 * capture), after the answer; then the change log up to it is no longer needed.
 */
function persistLater(db: ReturnType<typeof getDb>, shopId: string, snap: Snapshot, names: string[], token: string) {
  setTimeout(() => {
    if (cache?.snap !== snap) return;
    void saveAnalysisSnapshot(db, snap, token, { names })
      .then(() => {
        const t = parseDataToken(token);
        return t ? pruneChangeLog(db, shopId, t.change) : undefined;
      })
      .catch(() => undefined);
  }, PERSIST_AFTER_MS);
}

/**
 * The shop's snapshot for data token `token`: kept in memory; else the in-memory or persisted
 * snapshot of an older token brought forward with the captures logged since (incremental: only
 * the changed records are read); else the persisted one of that token (no records read); else
 * built from the records. Changed snapshots are persisted after the request.
 * `withData` also loads the records (CSV / audience jobs need them).
 */
async function snapshotFor(shopId: string, token: string, progress: (text: string) => void, withData = true): Promise<Cache> {
  let c = cache;
  if (!c || c.shopId !== shopId || c.token !== token) {
    // Requests arriving while the snapshot is being made (a running capture) share that work.
    const key = `${shopId}\u0000${token}`;
    let making = inFlight.get(key);
    if (!making) {
      making = makeSnapshot(shopId, token, progress, withData).finally(() => inFlight.delete(key));
      inFlight.set(key, making);
    }
    c = await making;
  }
  if (withData && !c.data) {
    progress('读取数据…');
    c.data = await loadShopData(getDb(), shopId);
  }
  return c;
}

const inFlight = new Map<string, Promise<Cache>>();

async function makeSnapshot(shopId: string, token: string, progress: (text: string) => void, keepData: boolean): Promise<Cache> {
  const db = getDb();
  const previous = cache?.shopId === shopId ? cache : null;
  cache = null; // let a big old snapshot go as soon as the next one is made
  const steps = { forward: '更新快照…', read: '读取数据…', build: '构建快照…' } as const;
  const made = await snapshotOfToken(db, shopId, token, { previous, progress: (step) => progress(steps[step]) });
  const persisted = await loadAnalysisModels(db, shopId, token);
  // Records are dropped unless this request reads them: a million orders is ~1 GB of objects.
  const c: Cache = { shopId, token, data: keepData ? made.data : null, snap: made.snap, names: made.names, models: { models: new Map(), persisted } };
  cache = c;
  if (made.origin !== 'persisted') persistLater(db, shopId, made.snap, made.names, token);
  return c;
}

function post(msg: EngineResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(msg, transfer);
}

self.onmessage = async (e: MessageEvent<EngineRequest>) => {
  const req = e.data;
  const progress = (text: string) => post({ id: req.id, progress: text });
  try {
    if (req.kind === 'prefetch') {
      const db = getDb();
      const shopId = req.shopId ?? (await listShops(db))[0]?.shopId;
      if (shopId !== undefined && cache?.shopId !== shopId) prefetchAnalysisSnapshot(db, shopId);
      return;
    }
    if (req.kind === 'backup') {
      const backup = await buildBackup(getDb(), req.shopId);
      post({ id: req.id, ok: true, kind: 'backup', result: { parts: serializeBackupParts(backup), filename: backupFileName(req.shopId, backup.exportedAt) } });
      return;
    }
    if (req.kind === 'restore') {
      progress('校验并写入备份…');
      cache = null; // a held snapshot (maybe of the shop being replaced) is freed before the restore needs the memory
      const result = await runRestore(req.file, progress);
      cache = null;
      post({ id: req.id, ok: true, kind: 'restore', result });
      return;
    }
    const t0 = performance.now();
    const timings: Record<string, number> = { workerBoot: bootMs, requestAt: Math.round(t0) };
    let tMark = t0;
    const mark = (step: string) => {
      const now = performance.now();
      timings[step] = Math.round(now - tMark);
      tMark = now;
    };
    const c = await snapshotFor(req.shopId, req.token, progress, req.kind !== 'report' && req.kind !== 'analysis');
    const { snap } = c;
    const data = c.data as ShopData; // loaded for every request but report / analysis, which do not read it
    mark('snapshot');
    Object.assign(timings, takeLoadSteps());
    const latestDay = latestDataDay(snap, today());
    const window = resolveWindow(req.window, latestDay);
    if (req.kind === 'report') {
      progress('计算指标…');
      const { analysis, previous } = reportPair(c, window);
      post({ id: req.id, ok: true, kind: 'report', result: { report: analysis.report, previous, latestDay, ms: performance.now() - t0 } });
      await writeTierCache(window, snap, analysis); // tier chips on the console pages
    } else if (req.kind === 'analysis') {
      progress('计算指标…');
      const scans = newWindowScans();
      const mustFit = ![toRange(window).end, toRange(previousWindow(window)).end].every((day) => hasPropensityModel(c.models, day));
      if (mustFit) {
        // First opening of the day: fitting the two 高潜 models takes longer than the rest, so
        // everything else of the 概览 is shown first, 高潜 pending (the window passes are kept).
        const unscored: PropensityScorer = (_s, _d, candidates) => new Float64Array(candidates.length);
        const early = analyzeWindow(snap, window, { scorer: unscored, scans });
        const earlyPrevious = previousFigures(snap, previousWindow(window), { scorer: unscored, scans });
        post({ id: req.id, partial: { report: early.report, previous: earlyPrevious, latestDay, ms: performance.now() - t0, timings: { ...timings }, highPotentialPending: true } });
        mark('postUnscored');
        progress('拟合高潜模型…');
      }
      const { analysis, previous } = reportPair(c, window, mark, scans);
      // The first screen (概览) needs only the two reports: shown while the lists are made.
      post({ id: req.id, partial: { report: analysis.report, previous, latestDay, ms: performance.now() - t0, timings: { ...timings } } });
      mark('postReport');
      progress('整理榜单…');
      const names = c.names, shopId = c.shopId;
      const byName = (k: string): Customer | undefined => {
        const name = names[customerIndexOf(snap, k)];
        return name ? { customerKey: k, shopId, nickname: name, tags: [] } : undefined;
      };
      const extras = viewExtras(snap, window, analysis, modelAt(c, toRange(window).end), byName);
      mark('extras');
      const result: AnalysisResult = { report: analysis.report, previous, latestDay, ms: performance.now() - t0, extras, timings };
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
