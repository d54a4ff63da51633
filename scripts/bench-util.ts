/** Helpers of the benchmarks: timing, memory sampling, snapshot files on disk, a text table. */
import { readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { snapshotFromBuffers, snapshotToBuffers, type Snapshot, type SnapshotHeader } from '../lib/engine';

/** Median of numbers (mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

let gcFn: (() => void) | null | undefined;
/** Runs a full garbage collection when the runtime allows it (flag set at run time otherwise). */
export function collect(): void {
  if (gcFn === undefined) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) gcFn = g;
    else {
      try {
        setFlagsFromString('--expose-gc');
        gcFn = runInNewContext('gc') as () => void;
      } catch {
        gcFn = null;
      }
    }
  }
  gcFn?.();
}

/** Peak memory seen by `sample()`: heapUsed and rss in bytes, plus the OS's max RSS. */
export class MemoryPeak {
  heapUsed = 0;
  rss = 0;
  /** Takes one reading (call right after the work, before any GC). */
  sample(): void {
    const m = process.memoryUsage();
    if (m.heapUsed > this.heapUsed) this.heapUsed = m.heapUsed;
    if (m.rss > this.rss) this.rss = m.rss;
  }
  /** Peak resident set size of the whole process so far, from the OS (bytes). */
  static maxRss(): number {
    return process.resourceUsage().maxRSS * 1024;
  }
}

/** Times `fn` `runs` times; returns the median and every run in ms, sampling memory after each. */
export function timeRuns<T>(runs: number, fn: () => T, mem?: MemoryPeak): { ms: number; all: number[]; last: T } {
  const all: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = fn();
    all.push(performance.now() - t);
    mem?.sample();
  }
  return { ms: median(all), all, last };
}

/** Writes a snapshot as `<dir>/snapshot.json` (header) + `<dir>/snapshot.bin` (columns, back to back). */
export function writeSnapshotFiles(dir: string, snap: Snapshot): void {
  const { header, buffers } = snapshotToBuffers(snap);
  writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(header));
  const fd = openSync(path.join(dir, 'snapshot.bin'), 'w');
  try {
    for (const b of buffers) writeSync(fd, new Uint8Array(b));
  } finally {
    closeSync(fd);
  }
}

const BYTES = { u8: 1, i32: 4, f64: 8 } as const;

/** Reads back what `writeSnapshotFiles` wrote. */
export function readSnapshotFiles(dir: string): Snapshot {
  const header = JSON.parse(readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as SnapshotHeader;
  const bin = readFileSync(path.join(dir, 'snapshot.bin'));
  const buffers: ArrayBuffer[] = [];
  let at = bin.byteOffset;
  for (const col of header.columns) {
    const len = col.length * BYTES[col.type];
    buffers.push(bin.buffer.slice(at, at + len) as ArrayBuffer);
    at += len;
  }
  return snapshotFromBuffers(header, buffers);
}

/** Megabytes, one decimal. */
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** Milliseconds, readable. */
export const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);

/** A plain text table with a header row; columns padded (CJK counted double width). */
export function textTable(rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const cols = Math.max(...rows.map((r) => r.length));
  const w = Array.from({ length: cols }, (_, j) => Math.max(...rows.map((r) => width(r[j] ?? ''))));
  const line = (r: string[]) => r.map((c, j) => c + ' '.repeat(w[j]! - width(c))).join('  ').trimEnd();
  return [line(rows[0]!), w.map((x) => '-'.repeat(x)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
