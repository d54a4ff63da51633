// @vitest-environment happy-dom
/** Issue 13 item 4: the member drawer reads a long list page by page, searches in the worker, saves the tag as an audience. */
import { act } from 'react';
import { afterEach, expect, test, vi } from 'vitest';
import type { EngineClient } from '@/components/engine/client';
import type { MembersPage } from '@/components/engine/protocol';
import { MemberDrawer } from '@/components/panel/members/MemberDrawer';
import type { MemberRow } from '@/lib/audience/member-list';
import { t as translate, type MessageKey } from '@/lib/i18n/messages';
import { clickIn, renderApp, settle, unmountApp } from '../capture/render-taobao';

afterEach(() => unmountApp());
const t = (k: MessageKey) => translate(k, 'zh');
const W = { start: '2026-11-01', end: '2026-11-30' };

/** A list of 1,000 members, buyer-0 … buyer-999, and a worker answering pages of it. */
const ROWS: MemberRow[] = Array.from({ length: 1000 }, (_, i) => ({ customerKey: `k${i}`, nickname: `buyer-${i}`, lastPaidDay: null, paidOrders: i % 3, paidFen: 100 * i }));
function fakeEngine() {
  const members = vi.fn(async (b: { query: string; offset: number; limit: number }): Promise<MembersPage> => {
    const found = ROWS.filter((r) => r.nickname!.includes(b.query.trim()));
    return { size: ROWS.length, total: found.length, offset: b.offset, rows: found.slice(b.offset, b.offset + b.limit) };
  });
  const saveAudience = vi.fn(async (b: { name: string; expression: string }) => ({ audienceId: 'a1', shopId: 'S1', name: b.name, expression: b.expression, createdAt: '' }));
  return { members, saveAudience, engine: { members, saveAudience } as unknown as EngineClient };
}

const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const shownKeys = () => [...document.querySelectorAll('[data-testid="member-row"]')].map((r) => r.getAttribute('data-key'));

async function open(engine: EngineClient, tagId = 'tier:firstOrder', label = '首单用户') {
  await renderApp(<MemberDrawer engine={engine} shopId="S1" token="tok" window={W} member={{ tagId, label }} t={t} lang="zh" onClose={() => undefined} />);
  await settle();
}

test('a long list: the first page only, the rows in view only, further pages as the list scrolls', async () => {
  const f = fakeEngine();
  await open(f.engine);
  expect(f.members).toHaveBeenCalledTimes(1);
  expect(f.members.mock.calls[0]![0]).toMatchObject({ kind: 'members', shopId: 'S1', token: 'tok', window: { from: '2026-11-01', to: '2026-11-30' }, tagId: 'tier:firstOrder', query: '', offset: 0, limit: 200 });
  expect(q('members-count')!.textContent).toBe('1,000 人');
  expect(q('members-list')!.getAttribute('data-rows')).toBe('1000');
  expect(shownKeys()[0]).toBe('k0');
  expect(shownKeys().length).toBeGreaterThan(5);
  expect(shownKeys().length).toBeLessThan(40);

  const list = q('members-list') as HTMLElement;
  await act(async () => {
    list.scrollTop = 44 * 500;
    list.dispatchEvent(new Event('scroll'));
  });
  await settle();
  expect(f.members.mock.calls.map((c) => c[0].offset)).toEqual([0, 400]);
  expect(shownKeys()).toContain('k500');
  expect(shownKeys()).not.toContain('k0');
});

test('search goes to the worker once typing pauses; the count says found of all', async () => {
  const f = fakeEngine();
  await open(f.engine);
  const input = q('members-search') as HTMLInputElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'buyer-99');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  expect(f.members).toHaveBeenCalledTimes(1); // not yet: typing has not paused
  await act(async () => new Promise((r) => setTimeout(r, 260)));
  await settle();
  expect(f.members.mock.calls.at(-1)![0]).toMatchObject({ query: 'buyer-99', offset: 0 });
  expect(q('members-count')!.textContent).toBe('找到 11 人（共 1,000 人）');
  expect(shownKeys()).toEqual(['k99', ...Array.from({ length: 10 }, (_, i) => `k${990 + i}`)]);
});

test('存为人群 saves the tag as the expression, named after the number and its period', async () => {
  const f = fakeEngine();
  await open(f.engine, 'product:防晒霜 SPF50', '防晒霜 SPF50');
  expect((q('members-name') as HTMLInputElement).value).toBe('防晒霜 SPF50 2026-11-01~2026-11-30');
  await clickIn(q('members-save'));
  await settle();
  expect(f.saveAudience).toHaveBeenCalledWith({ kind: 'saveAudience', shopId: 'S1', name: '防晒霜 SPF50 2026-11-01~2026-11-30', expression: '"product:防晒霜 SPF50"' });
  expect(q('members-status')!.textContent).toBe('已存为人群「防晒霜 SPF50 2026-11-01~2026-11-30」，在「人群」中查看');
});

test('an empty list says so instead of showing an empty table', async () => {
  const f = fakeEngine();
  f.members.mockImplementation(async () => ({ size: 0, total: 0, offset: 0, rows: [] }));
  await open(f.engine);
  expect(q('members-count')!.textContent).toBe('0 人');
  expect(q('members-empty')!.textContent).toBe('这个数字背后没有客户');
});
