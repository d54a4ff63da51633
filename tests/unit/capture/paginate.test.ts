import { describe, expect, it } from 'vitest';
import { captureAllPages, progressText, type CaptureAllDeps, type CaptureAllProgress } from '@/lib/capture/paginate';

/** A fake paged table: pages[i] is the signature shown on page i. */
function fakeTable(pages: string[], opts: { failOn?: number; stuckOn?: number } = {}) {
  let i = 0;
  const captured: number[] = [];
  const deps: CaptureAllDeps = {
    capturePage: async () => {
      if (opts.failOn === i) throw new Error('保存失败');
      captured.push(i);
    },
    signature: () => pages[i] ?? null,
    clickNext: () => {
      if (i >= pages.length - 1) return false;
      if (opts.stuckOn !== i) i++;
      return true;
    },
    waitFor: async (changed) => {
      if (!changed()) throw new Error('翻页后表格没有变化');
    },
    sleep: async () => {},
    pageInfo: () => ({ current: i + 1, total: pages.length }),
    random: () => 0.5,
  };
  return { deps, captured };
}

describe('captureAllPages', () => {
  it('captures every page once, in order, and ends done after the last page is stored', async () => {
    const t = fakeTable(['a', 'b', 'c']);
    const seen: CaptureAllProgress[] = [];
    const end = await captureAllPages(t.deps, () => false, (p) => seen.push(p));
    expect(t.captured).toEqual([0, 1, 2]);
    expect(end.state).toBe('done');
    expect(seen.map((p) => p.state)).toEqual(['running', 'running', 'running', 'done']);
    expect(progressText(seen[1]!)).toBe('第 2/3 页');
  });

  it('stops when asked, between pages', async () => {
    const t = fakeTable(['a', 'b', 'c', 'd']);
    let stop = false;
    const end = await captureAllPages(t.deps, () => stop, (p) => {
      if (p.page === 2 && p.state === 'running') stop = true;
    });
    expect(end.state).toBe('stopped');
    expect(t.captured).toEqual([0, 1]);
  });

  it('never loops when a pager cycles back to a page already seen', async () => {
    const t = fakeTable(['a', 'b', 'a', 'b']);
    const end = await captureAllPages(t.deps, () => false, () => {});
    expect(t.captured).toEqual([0, 1]);
    expect(end.state).toBe('done');
  });

  it('reports an error with its message when a page fails to store or does not change', async () => {
    const failing = await captureAllPages(fakeTable(['a', 'b'], { failOn: 1 }).deps, () => false, () => {});
    expect(failing).toMatchObject({ state: 'error', message: '保存失败' });
    const stuck = await captureAllPages(fakeTable(['a', 'b', 'c'], { stuckOn: 0 }).deps, () => false, () => {});
    expect(stuck).toMatchObject({ state: 'error', message: '翻页后表格没有变化' });
  });

  it('stops at its page cap and says capped with the cap, not done', async () => {
    const pages = Array.from({ length: 600 }, (_, i) => `p${i}`);
    const t = fakeTable(pages);
    const end = await captureAllPages(t.deps, () => false, () => {}, { maxPages: 500 });
    expect(t.captured).toHaveLength(500);
    expect(end).toMatchObject({ state: 'capped', page: 500, total: 600, cap: 500 });
    expect(progressText(end)).toBe('已达到 500 页上限，停在第 500/600 页（其余页未采集）');
  });

  it('a walk whose last page is exactly the cap is done, not capped', async () => {
    const t = fakeTable(['a', 'b', 'c']);
    const end = await captureAllPages(t.deps, () => false, () => {}, { maxPages: 3 });
    expect(end.state).toBe('done');
  });

  it('waits the delay with a jitter of a third of it (1500 ± 500 by default; a short delay is not stretched)', async () => {
    const waits: number[] = [];
    const run = async (random: number, opts: { delayMs?: number }) => {
      const t = fakeTable(['a', 'b']);
      await captureAllPages({ ...t.deps, random: () => random, sleep: async (ms) => void waits.push(ms) }, () => false, () => {}, opts);
    };
    await run(1, {});
    await run(0, {});
    await run(1, { delayMs: 0 });
    await run(1, { delayMs: 90 });
    // Two pages each: a wait after each page, the last included (before next is found missing).
    expect(waits).toEqual([2000, 2000, 1000, 1000, 0, 0, 120, 120]);
  });

  it('errors clearly when there is no table', async () => {
    const end = await captureAllPages(fakeTable([]).deps, () => false, () => {});
    expect(end.state).toBe('error');
    expect(progressText(end)).toContain('没有找到数据表格');
  });
});
