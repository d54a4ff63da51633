// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { findChipAnchors, placeChips, type ChipAnchor } from '@/components/overlay/chips';
import { tierLabels } from '@/components/engine/tier-cache';
import { analyzeWindow, buildSnapshot } from '@/lib/engine';
import type { ShopData } from '@/lib/model';

describe('chip anchors', () => {
  test('a nickname as a whole text node or after "买家：", only for customers with labels', () => {
    document.body.innerHTML = `<table id="t"><tr><td><span class="nick">小明🌟</span></td><td>买家：t**9</td><td>阿花</td><td>小明🌟🌟</td></tr></table><p>小明🌟</p>`;
    const table = document.getElementById('t')!;
    const nicks = new Map([
      ['k1', '小明🌟'],
      ['k2', 't**9'],
      ['k3', '阿花'],
    ]);
    const anchors = findChipAnchors([table], nicks, { k1: ['首单'], k2: ['复购', '重要价值'] });
    expect(anchors.map((a) => [a.customerKey, a.range.toString(), a.labels])).toEqual([
      ['k1', '小明🌟', ['首单']],
      ['k2', 't**9', ['复购', '重要价值']],
    ]);
    expect(anchors.every((a) => a.clip === table)).toBe(true); // the <p> outside the captured table gets none
  });

  test('placed right of the name, hidden when scrolled out of its table or the viewport', () => {
    const rect = (left: number, top: number, width: number, height: number) => ({ left, top, width, height, right: left + width, bottom: top + height }) as DOMRect;
    const clip = { getBoundingClientRect: () => rect(0, 100, 800, 400) } as Element;
    const anchor = (r: DOMRect): ChipAnchor => ({ customerKey: 'k', labels: ['首单'], range: { getBoundingClientRect: () => r } as Range, clip });
    const placed = placeChips([anchor(rect(100, 200, 40, 16)), anchor(rect(100, 40, 40, 16)), anchor(rect(0, 0, 0, 0))], { width: 1280, height: 860 });
    expect(placed).toEqual([{ id: '0', customerKey: 'k', labels: ['首单'], left: 144, top: 200, height: 16 }]);
  });
});

describe('tier labels for the chips cache', () => {
  test('首单 / 复购 by the window, an RFM class for every recent purchaser', () => {
    const shop = { shopId: 's', platform: 'douyin' as const, name: 'S' };
    const order = (orderId: string, customerKey: string, day: string, fen: number) => ({
      orderId, shopId: 's', customerKey, placedAt: `${day}T10:00:00+08:00`, paidAt: `${day}T10:01:00+08:00`, amountFen: fen, quantity: 1, items: [], channel: 'other' as const, traffic: 'unknown' as const, status: 'completed' as const,
    });
    const data: ShopData = {
      shop,
      customers: [],
      orders: [order('o1', 'a', '2026-10-01', 1000), order('o2', 'a', '2026-11-20', 5000), order('o3', 'b', '2026-11-19', 800)],
      contacts: [],
    };
    const snap = buildSnapshot(data);
    const labels = tierLabels(snap, analyzeWindow(snap, { start: '2026-10-22', end: '2026-11-20' }));
    expect(labels.a).toContain('复购');
    expect(labels.b).toContain('首单');
    expect(labels.a!.filter((l) => /^(重要|一般)/.test(l))).toHaveLength(1);
    expect(labels.b!.filter((l) => /^(重要|一般)/.test(l))).toHaveLength(1);
    expect(labels.a).not.toContain('首单');
  });
});
