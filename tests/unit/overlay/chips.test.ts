// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { findChipAnchors } from '@/components/overlay/chips';
import { drawChips, isChipMutation } from '@/components/overlay/tier-chips';
import { cellText } from '@/lib/capture/table/text';
import { tierLabels } from '@/components/engine/tier-cache';
import { analyzeWindow, buildSnapshot } from '@/lib/engine';
import type { ShopData } from '@/lib/model';

describe('chip anchors', () => {
  test('a nickname as a whole text node or after "买家：", only for customers with tiers, once per buyer per row', () => {
    document.body.innerHTML = `<table id="t"><tr id="r1"><td><span class="nick">小明🌟</span></td><td>买家：t**9</td><td>阿花</td><td>小明🌟🌟</td><td>小明🌟</td></tr><tr id="r2"><td>小明🌟</td></tr></table><p>小明🌟</p>`;
    const table = document.getElementById('t')!;
    const nicks = new Map([
      ['k1', '小明🌟'],
      ['k2', 't**9'],
      ['k3', '阿花'],
    ]);
    const anchors = findChipAnchors([table], nicks, { k1: ['firstOrder'], k2: ['repeat', 'rfm:importantValue'] });
    // k1 twice in row 1 → one anchor there; once more in row 2; the <p> outside the captured table gets none.
    expect(anchors.map((a) => [a.customerKey, a.row.id, a.after.textContent, a.ids])).toEqual([
      ['k1', 'r1', '小明🌟', ['firstOrder']],
      ['k2', 'r1', '买家：t**9', ['repeat', 'rfm:importantValue']],
      ['k1', 'r2', '小明🌟', ['firstOrder']],
    ]);
    // The chips go after the element that holds just the name (the span), not inside it (an ellipsis box would clip them).
    expect((anchors[0]!.after as Element).className).toBe('nick');
    expect(anchors[1]!.after.nodeType).toBe(3);
  });
});

describe('chips drawn inline', () => {
  test('after the name, the cell text unchanged, redrawn only when something changed, in the overlay language', () => {
    document.body.innerHTML = `<table id="t"><tr><td id="c1"><span class="nick">小明</span> 138****0000</td><td id="c2">买家：阿花</td></tr></table>`;
    const table = document.getElementById('t')!;
    const nicks = new Map([['k1', '小明'], ['k2', '阿花']]);
    const hosts = new Set<HTMLElement>();
    const anchors = () => findChipAnchors([table], nicks, { k1: ['firstOrder'], k2: ['repeat', 'highPotential'] });
    drawChips(anchors(), hosts, 'zh');
    const c1 = document.getElementById('c1')!;
    expect(c1.childNodes[1]!.nodeName).toBe('SELLER-LENS-CHIP');
    // The host holds nothing in the light DOM: the console's text (what the adapters read) is the same.
    expect(c1.textContent).toBe('小明 138****0000');
    expect(cellText(c1)).toBe('小明 138****0000');
    const chips = () => [...hosts].map((h) => h.shadowRoot!.querySelector('[data-testid="tier-chip"]')!).map((g) => [g.getAttribute('data-customer'), g.getAttribute('data-labels')]);
    expect(chips()).toEqual([['k1', '首单'], ['k2', '复购,高潜']]);
    const first = [...hosts][0];
    drawChips(anchors(), hosts, 'zh');
    expect([...hosts][0]).toBe(first); // unchanged: kept, not redrawn
    expect(table.querySelectorAll('seller-lens-chip')).toHaveLength(2);
    drawChips(anchors(), hosts, 'en');
    expect(chips()).toEqual([['k1', 'First order'], ['k2', 'Repeat,High potential']]);
    expect(table.querySelectorAll('seller-lens-chip')).toHaveLength(2);
    // A buyer no longer shown loses the chip.
    drawChips([], hosts, 'en');
    expect(table.querySelectorAll('seller-lens-chip')).toHaveLength(0);
    expect(hosts.size).toBe(0);
  });

  test('the chips being drawn are not page changes', () => {
    const host = document.createElement('seller-lens-chip');
    const other = document.createElement('span');
    const rec = (added: Node[], removed: Node[] = []) => ({ type: 'childList', addedNodes: added, removedNodes: removed }) as unknown as MutationRecord;
    expect(isChipMutation(rec([host]))).toBe(true);
    expect(isChipMutation(rec([], [host]))).toBe(true);
    expect(isChipMutation(rec([host, other]))).toBe(false);
    expect(isChipMutation(rec([]))).toBe(false);
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
