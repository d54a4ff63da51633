/** What each phase process of `npm run bench` prints (one JSON line), read by the printing. */
import type { Report } from '../../lib/engine';
import type { PropensityParams } from '../../lib/engine/propensity/model';
import type { CoreFigures } from '../bench-arquero';

export interface BuildResult {
  counts: { customers: number; orders: number; contacts: number; snapshotCustomers: number; snapshotContacts: number };
  generateMs: number;
  firstBuildMs: number;
  buildMs: number[];
  toBuffersMs: number;
  fromBuffersMs: number;
  bufferBytes: number;
  fitMs: number[];
  model: { kind: string; rows: number; positives: number; params?: PropensityParams; asOfDay: number };
  window: { start: string; end: string };
  peakRss: number;
  heapAfterGenerate: number;
}
/** The streaming builder (what a restore does): records go straight from the generator into it. */
export interface StreamResult {
  generateOnlyMs: number;
  streamBuildMs: number;
  finishMs: number;
  orders: number;
  contacts: number;
  peakRss: number;
  /** applySnapshotChanges of one capture-sized batch to the streamed snapshot. */
  applyMs: number[];
  applyCpuMs: number[];
  applyBatch: string;
  applyPeakRss: number;
}
export interface EngineResult {
  loadMs: number;
  reportMs: number[];
  reportPairMs: number[];
  /** The worker's 概览 pair: analyzeWindow(W) + previousFigures(previous W) with shared window scans. */
  panelPairMs: number[];
  report: Report;
  previousReport: Report;
  peakRss: number;
  peakHeap: number;
}
export interface ArqueroResult {
  tablesMs: number;
  runMs: number[];
  figures: CoreFigures;
  peakRss: number;
  peakHeap: number;
}
