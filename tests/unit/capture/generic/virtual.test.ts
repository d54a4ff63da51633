import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { collectVirtualRows, type VirtualScroller } from '@/lib/capture/virtual';

/** A fake virtual body: `total` rows of `rowH` px, `view` px tall, rendering only the rows in view (+ overscan). */
function fakeBody(total: number, rowH = 30, view = 240, overscan = 2) {
  let top = 0;
  const max = Math.max(0, total * rowH - view);
  const scroller: VirtualScroller = {
    top: () => top,
    setTop: (px) => {
      top = Math.min(max, Math.max(0, px));
    },
    viewport: () => view,
  };
  const read = () => {
    const first = Math.max(0, Math.floor(top / rowH) - overscan);
    const last = Math.min(total - 1, Math.ceil((top + view) / rowH) + overscan);
    return Array.from({ length: last - first + 1 }, (_, i) => ({ key: `r${first + i}`, cells: [`r${first + i}`] }));
  };
  return { scroller, read, setStart: (px: number) => (top = px), get top() { return top; } };
}

describe('collectVirtualRows', () => {
  test('collects every row once, in order, ends at the bottom and restores the scroll offset', async () => {
    const body = fakeBody(240);
    body.setStart(500);
    const r = await collectVirtualRows({ scroller: body.scroller, read: body.read, keyOf: (x) => x.key, settle: async () => {} });
    expect(r.rows.map((x) => x.key)).toEqual(Array.from({ length: 240 }, (_, i) => `r${i}`));
    expect(r.reachedEnd).toBe(true);
    expect(body.top).toBe(500);
  });

  test('a body that does not scroll (all rows shown) takes one read', async () => {
    const body = fakeBody(5);
    const r = await collectVirtualRows({ scroller: body.scroller, read: body.read, keyOf: (x) => x.key, settle: async () => {} });
    expect([r.rows.length, r.steps, r.reachedEnd]).toEqual([5, 1, true]);
  });

  test('caps steps and rows, and stops when asked', async () => {
    const body = fakeBody(10_000);
    const capped = await collectVirtualRows({ scroller: body.scroller, read: body.read, keyOf: (x) => x.key, settle: async () => {}, maxSteps: 3 });
    expect(capped.reachedEnd).toBe(false);
    expect(capped.steps).toBe(3);
    const rows = await collectVirtualRows({ scroller: body.scroller, read: body.read, keyOf: (x) => x.key, settle: async () => {}, maxRows: 50 });
    expect(rows.rows).toHaveLength(50);
    let n = 0;
    const stopped = await collectVirtualRows({ scroller: body.scroller, read: body.read, keyOf: (x) => x.key, settle: async () => {}, isStopped: () => ++n > 2 });
    expect(stopped.reachedEnd).toBe(false);
  });

  test('property: any size, row height and viewport → every row exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 10, max: 60 }), fc.integer({ min: 40, max: 600 }), fc.integer({ min: 0, max: 3 }), async (total, rowH, view, overscan) => {
        const body = fakeBody(total, rowH, view, overscan);
        const r = await collectVirtualRows({ scroller: body.scroller, read: body.read, keyOf: (x) => x.key, settle: async () => {} });
        expect(r.rows.map((x) => x.key)).toEqual(Array.from({ length: total }, (_, i) => `r${i}`));
      }),
      { numRuns: 60 },
    );
  });
});
