/** `npm run bench:browser`'s measuring helpers: seconds, polling the page, the browser's memory from /proc. */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';

/** Seconds, two decimals. */
export const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The 1, 5 and 15 minute load averages, one decimal each. */
export const loadAverage = () => loadavg().map((x) => x.toFixed(1)).join(' ');

/**
 * Resident memory (MB) of this process's descendants (the browser's processes), from /proc:
 * summed, and the largest process with its kind (`browser`, `renderer`, `gpu-process`, …).
 */
export function browserMemoryMb(): { total: number; largest: number; kind: string; cpuSeconds: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb);
      // utime + stime (fields 14, 15 of /proc/PID/stat, after the parenthesised name), in 1/100 s.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(Number(name), (Number(f[11]) + Number(f[12])) / 100);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0, largest = 0, kind = '', cpuSeconds = 0;
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      const kb = rss.get(c) ?? 0;
      total += kb;
      cpuSeconds += cpu.get(c) ?? 0;
      if (kb > largest) {
        largest = kb;
        try {
          const cmd = readFileSync(`/proc/${c}/cmdline`, 'utf8');
          kind = /--type=([\w-]+)/.exec(cmd)?.[1] ?? (cmd.includes('chrom') ? 'browser' : 'other');
        } catch {
          kind = '?';
        }
      }
      walk(c);
    }
  };
  walk(process.pid);
  return { total: total / 1024, largest: largest / 1024, kind, cpuSeconds };
}

/** CPU seconds of this process (every thread: a GC of the generated shop's heap counts) and of its descendants (the browser's processes). */
const treeCpuSeconds = () => {
  const own = process.cpuUsage();
  return browserMemoryMb().cpuSeconds + (own.user + own.system) / 1e6;
};

/**
 * Waits until the browser's own start-up work is done — its processes and the bench's own (this process and its
 * descendants) used at most 30 ms of CPU in the last 0.5 s, at most `capMs` — as a merchant's browser is by the time
 * they can click the side panel's icon (Chromium 156 spends ~1–1.5 s of a core right after launch preloading its
 * omnibox popup WebUI). Returns the wait and the CPU used meanwhile (ms).
 */
export async function browserSettled(capMs = 15_000): Promise<{ waitedMs: number; cpuMs: number }> {
  const t0 = performance.now();
  const cpu0 = treeCpuSeconds();
  const samples: { t: number; cpu: number }[] = [];
  for (;;) {
    const t = performance.now() - t0;
    const cpu = treeCpuSeconds();
    samples.push({ t, cpu });
    const back = samples.find((x) => x.t >= t - 500);
    if (t >= capMs || (back && t >= 500 && back.t <= t - 400 && (cpu - back.cpu) * 1000 <= 30)) {
      return { waitedMs: Math.round(t), cpuMs: Math.round((cpu - cpu0) * 1000) };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** ms from `t0` until the app shows a fresh (not the saved, stale) analysis of the shop. */
export async function untilFresh(page: Page, t0: number, timeout: number): Promise<number> {
  await until(page, `document.querySelector('.app')?.getAttribute('data-state') === 'ready' && !document.querySelector('[data-testid="stale-result"]')`, timeout);
  return performance.now() - t0;
}

/** Polls an expression every 20 ms (the extension's CSP forbids waitForFunction's in-page eval). */
export async function until(page: Page, expression: string, timeout: number): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
