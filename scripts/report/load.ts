/**
 * Loading a backup file for the report CLI (and the multi-shop summary): the file's shop and its
 * analysis snapshot, or the refusal worded as the restore words it — never a throw.
 *
 * The fast path reads the file in 4 MB slices of whole lines (never one string, never one
 * JSON.parse); each record line is parsed once and validated once by the restore's fast readers,
 * on worker threads when the file is large (parse-worker.ts), and the snapshot is built while
 * reading (assemble.ts). A file that is not plainly a valid backup in the line layout — another
 * layout, a refused record, a duplicate key — is read again the restore's exact way
 * (lib/backup/restore.ts: streamPass, parseBackup for another layout), which gives the snapshot or
 * the refusal in the restore's words.
 */
import { closeSync, openAsBlob, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BackupCounts } from '../../lib/backup';
import { overAnyLayout, streamPass } from '../../lib/backup/restore';
import type { Snapshot } from '../../lib/engine';
import type { Shop } from '../../lib/model';
import { Assembler, GiveUp } from './assemble';
import { ChunkParser, fromPosting, type ChunkResult, type PostedChunk } from './parse-chunk';
import { parseWorkerEntry } from './worker-bundle';

/** A loaded backup: its shop, exportedAt, snapshot and record counts — or why it was refused. */
export type LoadedBackup =
  | { ok: true; shop: Shop; exportedAt?: string; snapshot: Snapshot; counts: BackupCounts }
  | { ok: false; reason: string };

/** Options of a load. */
interface LoadOptions {
  /** Parse threads (default: one per core above WORKERS_FROM_BYTES, else none; 0 = parse inline). */
  workers?: number;
  /** Called as the file is read. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  /** Bytes per slice (default SLICE_BYTES; tests cut a small file into many slices). */
  sliceBytes?: number;
}

/** Bytes per slice handed to a parser. */
const SLICE_BYTES = 4 << 20;
/** Files from this size are parsed on worker threads (below it, starting them costs more than they save). */
const WORKERS_FROM_BYTES = 32 << 20;
/** The longest text V8 holds: another layout is read whole (parseBackup) up to it. */
const MAX_STRING_CHARS = 0x1fffffe8;

/** Reads, validates and builds the snapshot of one backup file. */
export async function loadBackupFile(file: string, opts: LoadOptions = {}): Promise<LoadedBackup> {
  let size: number, fd: number;
  try {
    size = statSync(file).size;
    fd = openSync(file, 'r');
  } catch (e) {
    return { ok: false, reason: `cannot read ${file}: ${(e as Error).message}` };
  }
  try {
    const workers = opts.workers ?? (size >= WORKERS_FROM_BYTES ? availableParallelism() : 0);
    const fast = size === 0 ? null : await fastLoad(fd, size, workers, opts.sliceBytes ?? SLICE_BYTES, opts.onProgress);
    if (fast !== null) return fast;
  } finally {
    closeSync(fd);
  }
  return exactLoad(file);
}

/** The restore's own pass (streamPass; parseBackup for another layout): the exact refusals. */
async function exactLoad(file: string): Promise<LoadedBackup> {
  try {
    const blob = await openAsBlob(file);
    const r = await overAnyLayout(blob, { wholeTextMaxBytes: MAX_STRING_CHARS }, (src) => streamPass(src, {}, null));
    if (!r.ok) return { ok: false, reason: r.reason };
    const { shop, exportedAt, kinds, small, builder } = r.v;
    return {
      ok: true,
      shop,
      ...(exportedAt !== undefined ? { exportedAt } : {}),
      snapshot: builder!.finish().snap,
      counts: {
        customers: kinds.customers.count,
        orders: kinds.orders.count,
        contacts: kinds.contacts.count,
        captures: small.captures.length,
        platformSnapshots: small.platformSnapshots.length,
        audiences: small.audiences.length,
        exports: small.exports.length,
      },
    };
  } catch (e) {
    return { ok: false, reason: `cannot read ${file}: ${(e as Error).message}` };
  }
}

/**
 * Slices of whole lines of an open file, in order. Each slice's buffer comes from `pool` when one
 * there is big enough (the caller gives a buffer back once its slice is parsed): reading into a
 * fresh 4 MB buffer each time costs as much again as the read (the pages are zeroed and faulted in).
 */
function* slices(fd: number, size: number, sliceBytes: number, pool: ArrayBuffer[]): Generator<{ buffer: ArrayBuffer; length: number; end: number }> {
  let pos = 0;
  let carry = new Uint8Array(0);
  while (pos < size || carry.length > 0) {
    const want = Math.min(sliceBytes, size - pos);
    let ab = pool.pop();
    if (ab === undefined || ab.byteLength < carry.length + want) ab = new ArrayBuffer(Math.max(carry.length + want, sliceBytes + (sliceBytes >> 4)));
    const buf = new Uint8Array(ab);
    buf.set(carry);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buf, carry.length + got, want - got, pos + got);
      if (n === 0) break;
      got += n;
    }
    pos += got;
    const filled = carry.length + got;
    const atEnd = pos >= size || got === 0;
    const nl = atEnd ? filled - 1 : buf.lastIndexOf(10, filled - 1);
    if (nl < 0) {
      // No line end in this slice: the line goes on (refused by the parser past the line budget).
      carry = buf.slice(0, filled);
      pool.push(ab);
      if (carry.length > 4 * Math.max(sliceBytes, SLICE_BYTES)) throw new GiveUp('a very long line');
      continue;
    }
    carry = buf.slice(nl + 1, filled);
    yield { buffer: ab, length: nl + 1, end: pos - carry.length };
    if (atEnd) break;
  }
}

/** The fast path: null when the file must be read the exact way. */
async function fastLoad(fd: number, size: number, workers: number, sliceBytes: number, onProgress?: (done: number, total: number) => void): Promise<LoadedBackup | null> {
  const parsers = Math.max(1, workers);
  // Columns sized up front from the file's size (as if it were all contacts of ~150 bytes a line, or
  // all orders of ~600: more than a usual backup holds; past it they grow): no doubling and copying
  // as they fill, and pages never written cost no memory.
  // With threads, the main thread parses the first slice itself while they start (its own parser, the last).
  const asm = new Assembler(workers > 0 ? workers + 1 : parsers, { contacts: Math.ceil(size / 150), orders: Math.ceil(size / 600) });
  try {
    if (workers <= 0) {
      const parser = new ChunkParser();
      const pool: ArrayBuffer[] = [];
      let first = true;
      for (const s of slices(fd, size, sliceBytes, pool)) {
        const r = parser.parse(new Uint8Array(s.buffer, 0, s.length), first);
        pool.push(s.buffer); // the result holds no view of it
        asm.add(r, 0);
        first = false;
        onProgress?.(s.end, size);
      }
    } else {
      const pool: ArrayBuffer[] = [];
      await onWorkers(slices(fd, size, sliceBytes, pool), pool, size, workers, asm, onProgress);
    }
    return { ok: true, ...asm.finish() };
  } catch (e) {
    if (e instanceof GiveUp) {
      if (process.env.SELLER_LENS_REPORT_TRACE) process.stderr.write(`fast path gave up: ${e.message}\n`);
      return null;
    }
    throw e;
  }
}

/** Starts a parse thread from the cached bundle of parse-worker.ts (worker-bundle.ts). */
function startWorker(entry: URL): Worker {
  return new Worker(entry);
}

/** Slices go round-robin to `n` parse threads (each keeps its own key tables); results are assembled in file order. */
async function onWorkers(it: Generator<{ buffer: ArrayBuffer; length: number; end: number }>, bufferPool: ArrayBuffer[], size: number, n: number, asm: Assembler, onProgress?: (done: number, total: number) => void): Promise<void> {
  const entry = parseWorkerEntry();
  const pool = Array.from({ length: n }, () => startWorker(entry));
  const pending = new Map<number, ChunkResult>();
  const ends: number[] = [];
  /** The parser of each slice: a thread, or `n` for the main thread's. */
  const owner: number[] = [];
  let own: { buffer: ArrayBuffer; length: number } | null = null;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  for (const w of pool) {
    w.on('message', (m: { seq: number; r: PostedChunk; buffer: ArrayBuffer }) => {
      pending.set(m.seq, fromPosting(m.r));
      bufferPool.push(m.buffer);
      poke();
    });
    w.on('error', (e) => {
      failure = e;
      poke();
    });
  }
  const waitForMessage = () => new Promise<void>((res) => (wake = res));
  let busy = 0;
  const started = performance.now();
  try {
    let sent = 0, next = 0, done = false;
    const inFlight = 2 * n;
    for (;;) {
      while (!done && sent - next < inFlight) {
        const s = it.next();
        if (s.done) {
          done = true;
          break;
        }
        ends.push(s.value.end);
        if (sent === 0) {
          // The first slice is parsed here, after the threads have their first slices: a thread
          // needs ~0.2–0.3 s to start, which the main thread would otherwise spend waiting.
          own = s.value;
          owner.push(n);
        } else {
          owner.push((sent - 1) % n);
          pool[(sent - 1) % n]!.postMessage({ seq: sent, buffer: s.value.buffer, length: s.value.length, first: false }, [s.value.buffer]);
        }
        sent++;
      }
      if (own !== null) {
        const t = performance.now();
        pending.set(0, new ChunkParser().parse(new Uint8Array(own.buffer, 0, own.length), true));
        bufferPool.push(own.buffer);
        own = null;
        busy += performance.now() - t;
      }
      if (done && next === sent) break;
      const r = pending.get(next);
      if (r === undefined) {
        if (failure) throw new GiveUp(`a parse thread failed: ${(failure as Error).message}`);
        await waitForMessage();
        continue;
      }
      pending.delete(next);
      const t = performance.now();
      asm.add(r, owner[next]!);
      busy += performance.now() - t;
      onProgress?.(ends[next]!, size);
      next++;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
    if (process.env.SELLER_LENS_REPORT_TRACE)
      process.stderr.write(`parse threads: ${n}; main thread assembling ${busy.toFixed(0)} ms of ${(performance.now() - started).toFixed(0)} ms\n`);
  }
}
