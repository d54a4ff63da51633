// @vitest-environment happy-dom
/**
 * Issue 13 items 1–2 in the panel: the strip words the worker's completeness answer (range, pages,
 * missing with the console link, the count of figures marked), a tier's 数据不足 mark opens its reason,
 * and the console figure stands beside the local one (a range as 1万–2.5万; another period named).
 */
import { afterEach, expect, test, vi } from 'vitest';
import type { EngineClient } from '@/components/engine/client';
import type { CompletenessResult } from '@/components/engine/protocol';
import { CompletenessStrip } from '@/components/panel/CompletenessStrip';
import { FigureNotes, publishCompleteness } from '@/components/panel/ConsoleFigure';
import { t as translate, type MessageKey } from '@/lib/i18n/messages';
import { clickIn, renderApp, settle, unmountApp } from '../capture/render-taobao';

afterEach(() => {
  unmountApp();
  publishCompleteness(null);
});
const t = (k: MessageKey) => translate(k, 'zh');
const W = { start: '2026-10-22', end: '2026-11-20' };

const answer: CompletenessResult = {
  platform: 'douyin',
  window: W,
  firstDay: '2026-11-07',
  lastDay: '2026-11-20',
  windowBeforeData: true,
  pages: [{ page: 'douyin-orders', adapter: 'douyin-orders', captures: 2, rows: 45, lastAt: '2026-11-21T09:00:00+08:00' }],
  lastCaptureAt: '2026-11-21T09:00:00+08:00',
  missing: [
    { input: 'visits', page: null },
    { input: 'consoleFigures', page: 'compass-user-asset' },
  ],
  marks: [{ figure: 'users', reason: 'ordersOnly' }],
  figures: [
    { figure: 'highPotential', source: 'compass-user-asset', low: 10000, high: 25000, seenOn: '2026-11-21', window: W, exact: true },
    { figure: 'purchasers', source: 'compass-user-asset', value: 7702, seenOn: '2026-11-21', window: W, exact: true },
    { figure: 'firstOrder', source: 'compass-user-asset', value: 5869, seenOn: '2026-11-21', window: { start: '2026-11-14', end: '2026-11-20' }, exact: false },
  ],
};

test('the strip asks for the window shown and words the answer', async () => {
  const completeness = vi.fn(async () => answer);
  const engine = { completeness } as unknown as EngineClient;
  await renderApp(<CompletenessStrip engine={engine} shopId="S1" token="c1" window={W} t={t} lang="zh" />);
  await settle();
  expect(completeness).toHaveBeenCalledWith({ kind: 'completeness', shopId: 'S1', token: 'c1', window: { from: W.start, to: W.end } });
  const strip = document.querySelector('[data-testid="completeness-strip"]')!;
  expect(strip.textContent).toContain('数据 2026-11-07 至 2026-11-20 · 已采集 1 类页面（上次 ');
  expect(strip.textContent).toContain('缺少：访客数据（后台没有可采集的页面）、罗盘口径数据（去 罗盘 用户资产 采集）');
  expect(strip.textContent).toContain('1 个数字数据不足');
  const link = strip.querySelector('a')!;
  expect([link.textContent, link.getAttribute('href'), link.getAttribute('target')]).toEqual(['罗盘 用户资产', 'https://compass.jinritemai.com/shop/chance/user-asset', '_blank']);
  await clickIn(document.querySelector('[data-testid="completeness-toggle"]'));
  const details = document.querySelector('[data-testid="completeness-details"]')!.textContent;
  expect(details).toContain('所选时段从 2026-10-22 开始，但 2026-11-07 之前没有数据');
  expect(details).toContain('用户：只有订单、没有访客数据：只算到下过单的人');
});

test('beside a tier: the mark opens its reason; the console figure with the share, a range without, another period named', async () => {
  publishCompleteness(answer);
  await renderApp(
    <div>
      <FigureNotes figure="users" local={10} t={t} />
      <FigureNotes figure="purchasers" local={16} t={t} />
      <FigureNotes figure="highPotential" local={3} t={t} />
      <FigureNotes figure="firstOrder" local={9} t={t} />
      <FigureNotes figure="repeat" local={1} t={t} />
    </div>,
  );
  const mark = document.querySelector('[data-testid="short-users"]')!;
  expect(mark.textContent).toBe('数据不足');
  expect(mark.querySelector('button')!.getAttribute('title')).toBe('只有订单、没有访客数据：只算到下过单的人');
  await clickIn(mark.querySelector('button'));
  expect(mark.textContent).toBe('数据不足只有订单、没有访客数据：只算到下过单的人');
  const text = (id: string) => document.querySelector(`[data-testid="console-${id}"]`)?.textContent;
  expect(text('purchasers')).toBe('罗盘口径 7,702 · 本地已采集 16（0.2%）');
  expect(text('highPotential')).toBe('罗盘口径 1万–2.5万 · 本店模型预测 3');
  expect(text('firstOrder')).toBe('罗盘口径 5,869（2026-11-14 至 2026-11-20） · 本地已采集 9');
  expect(text('repeat')).toBeUndefined();
});
