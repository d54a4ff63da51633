/**
 * `--profile-cpu` (bench:browser --snapshot-only): a Chromium trace of one cold open — every
 * thread's tasks and the V8 sampling profiler of the panel page and the engine worker — from
 * before the page's navigation to the fresh 概览, summed into what competes for the two cores:
 * each thread's busy time per 100 ms and the top self-time functions of the page and the worker.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  parent?: number;
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'IndexedDB'];

/** A trace being recorded on a page's DevTools session (Tracing is browser-wide: every process and thread). */
export interface CpuTrace {
  /** Stops the trace and writes its summary (and the raw trace beside it) under `name`; returns the summary. */
  stop(name: string, markMs?: Record<string, number>): Promise<string>;
}

/** Starts tracing before `page` navigates. */
export async function startCpuTrace(page: Page): Promise<CpuTrace> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  const t0 = performance.now();
  return {
    async stop(name, markMs = {}) {
      const stopAt = performance.now() - t0;
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach().catch(() => undefined);
      const file = path.join('test-results', `bench-cpu-profile-${name}`);
      writeFileSync(`${file}.trace.json`, JSON.stringify({ traceEvents: events }));
      const text = summarise(events, stopAt, markMs);
      writeFileSync(`${file}.txt`, text);
      return text;
    },
  };
}

/** `thread name` of each pid:tid from the trace's metadata. */
function threadNames(events: TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  const procs = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String((e.args as { name?: string })?.name ?? ''));
    if (e.name === 'process_labels' || e.name === 'process_name') procs.set(e.pid, String((e.args as { name?: string; labels?: string })?.labels ?? (e.args as { name?: string })?.name ?? ''));
  }
  for (const [k, v] of names) names.set(k, `${procs.get(Number(k.split(':')[0])) ?? '?'}/${v}`);
  return names;
}

/** The summary: threads' busy ms per 100 ms from the page's navigation, and the sampled functions' self time. */
function summarise(events: TraceEvent[], stopAt: number, markMs: Record<string, number>): string {
  const names = threadNames(events);
  // Time zero: the panel page's navigation start (blink.user_timing `navigationStart` of the extension page).
  const nav = events.filter((e) => e.name === 'navigationStart' && String((e.args as { data?: { documentLoaderURL?: string } })?.data?.documentLoaderURL ?? '').includes('sidepanel'));
  const zero = nav[0]?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const lines: string[] = [`time zero = the side panel page's navigationStart${nav.length ? '' : ' (not found: first event)'}; trace stopped ${Math.round(stopAt)} ms after it started`];
  if (Object.keys(markMs).length) lines.push(`page marks (ms since the page's time origin): ${Object.entries(markMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  // Busy time per thread per 100 ms bucket: top-level tasks (RunTask / ThreadControllerImpl::RunTask).
  const buckets = new Map<string, number[]>();
  // Tasks nest (RunTask > ThreadControllerImpl::RunTask > …): only the outermost counts.
  const outerEnd = new Map<string, number>();
  const tasks = events.filter((e) => e.ph === 'X' && e.dur && /RunTask$/.test(e.name)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  for (const e of tasks) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ts < (outerEnd.get(key) ?? -Infinity)) continue;
    outerEnd.set(key, e.ts + e.dur!);
    const arr = buckets.get(key) ?? new Array<number>(30).fill(0);
    buckets.set(key, arr);
    const to = (e.ts + e.dur! - zero) / 1000;
    let from = (e.ts - zero) / 1000;
    if (to <= 0) continue;
    from = Math.max(0, from);
    while (from < to) {
      const b = Math.floor(from / 100);
      const end = Math.min(to, (b + 1) * 100);
      if (b < arr.length) arr[b]! += end - from;
      from = end;
    }
  }
  lines.push('', 'busy ms per 100 ms (top-level tasks), from time zero; threads with ≥ 20 ms in the first 2 s:');
  for (const [key, arr] of [...buckets].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    if (sum(arr.slice(0, 20)) < 20) continue;
    lines.push(`  ${(names.get(key) ?? key).padEnd(44)} ${Math.round(sum(arr.slice(0, 20))).toString().padStart(5)} | ${arr.slice(0, 20).map((x) => Math.round(x).toString().padStart(3)).join(' ')}`);
  }
  lines.push(...profiles(events, names, zero));
  return lines.join('\n');
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The V8 sampling profiles (Profile + ProfileChunk events): per thread, self ms of the top functions and ms per 100 ms bucket. */
function profiles(events: TraceEvent[], names: Map<string, string>, zero: number): string[] {
  const byId = new Map<string, { key: string; start: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }>();
  for (const e of events) {
    if (e.name === 'Profile') byId.set(`${e.pid}:${e.id}`, { key: `${e.pid}:${e.tid}`, start: Number((e.args as { data: { startTime: number } }).data.startTime), nodes: new Map(), samples: [], deltas: [] });
    if (e.name !== 'ProfileChunk') continue;
    const p = byId.get(`${e.pid}:${e.id}`);
    const data = (e.args as { data: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } }).data;
    if (!p) continue;
    for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(data.cpuProfile?.samples ?? []));
    p.deltas.push(...(data.timeDeltas ?? []));
  }
  const out: string[] = [];
  for (const p of byId.values()) {
    const self = new Map<string, number>();
    const perBucket = new Array<number>(20).fill(0);
    let t = p.start, total = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const dt = (p.deltas[i + 1] ?? 0) / 1000;
      t += p.deltas[i] ?? 0;
      const ms = (t - zero) / 1000;
      const n = p.nodes.get(p.samples[i]!);
      const fn = n ? n.callFrame.functionName || '(anonymous)' : '?';
      if (fn === '(idle)' || ms < 0 || ms > 2000) continue;
      const where = n?.callFrame.url ? `${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}` : '';
      const label = `${fn} ${where}`.trim();
      self.set(label, (self.get(label) ?? 0) + Math.max(dt, 0));
      total += Math.max(dt, 0);
      const b = Math.floor(ms / 100);
      if (b < perBucket.length) perBucket[b]! += Math.max(dt, 0);
    }
    if (total < 20) continue;
    out.push('', `sampled CPU of ${names.get(p.key) ?? p.key}: ${Math.round(total)} ms in the first 2 s | per 100 ms: ${perBucket.map((x) => Math.round(x)).join(' ')}`);
    for (const [label, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) out.push(`  ${ms.toFixed(1).padStart(7)} ms  ${label}`);
  }
  return out;
}
