// @vitest-environment happy-dom
/**
 * 人群 · 圈选 (issue 13 items 5 and 7) over a fake engine: tags searched by label, the name following
 * the conditions until typed (and following again once cleared), the conditions 最近购买 / 购买次数 /
 * 近 N 天已导出 added in words, and no raw id on screen.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '@/components/engine/client';
import { SelectStep } from '@/components/panel/audience/SelectStep';
import { StickyBar } from '@/components/panel/audience/StickyBar';
import { useAudienceDraft } from '@/components/panel/audience/useAudienceDraft';
import type { TagInfo } from '@/lib/audience/tags';
import { t as translate, type Lang, type MessageKey } from '@/lib/i18n/messages';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const TAGS: TagInfo[] = [
  { id: 'tier:purchasers', group: 'tier', zh: '成交用户', en: 'Purchasers', size: 61 },
  { id: 'tier:repeat', group: 'tier', zh: '复购用户', en: 'Repeat', size: 43 },
  { id: 'rfm:generalRetain', group: 'rfm', zh: '一般挽留', en: 'General retain', size: 79 },
  { id: 'province:四川省', group: 'province', zh: '四川省', en: '四川省', size: 24 },
];
const scope = { shopId: 'S1', token: 'tk', window: { from: '2026-11-01', to: '2026-11-30' } };

let root: Root | null = null;
afterEach(() => {
  if (root) act(() => root!.unmount());
  root = null;
  vi.useRealTimers();
});

/** Loads a saved audience the way 已存人群 → 载入 does. */
let load: (expression: string, name: string) => void = () => {};

function Harness({ engine, lang }: { engine: EngineClient; lang: Lang }) {
  const t = (k: MessageKey) => translate(k, lang);
  const label = (x: { zh: string; en: string }) => x[lang];
  const draft = useAudienceDraft({ engine, scope, lang, t, saved: [] });
  load = draft.start;
  return (
    <>
      <StickyBar t={t} label={label} draft={draft} step="select" setStep={() => {}} />
      <SelectStep t={t} label={label} draft={draft} />
    </>
  );
}

async function mount(lang: Lang = 'zh') {
  vi.useFakeTimers();
  const engine = {
    audienceTags: vi.fn(async () => TAGS),
    audienceSize: vi.fn(async (body: { source: { expression: string } }) => ({ ok: true, size: body.source.expression.length, affinity: [] })),
  } as unknown as EngineClient;
  const host = document.createElement('div');
  document.body.replaceChildren(host);
  root = createRoot(host);
  await act(async () => root!.render(<Harness engine={engine} lang={lang} />));
  const q = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
  const click = async (el: Element) => act(async () => void (el as HTMLElement).click());
  const tag = (id: string) => host.querySelector<HTMLElement>(`[data-testid="tag-chip"][data-tag="${id}"]`)!;
  const name = () => (q('audience-name') as HTMLInputElement).value;
  // React listens to input events; set the value through the native setter so it sees the change.
  const type = async (el: HTMLElement, value: string) =>
    act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  return { host, q, click, tag, name, type, engine };
}

describe('人群 · 圈选', () => {
  it('names the audience after its conditions until a name is typed, and follows again once it is cleared', async () => {
    const { q, click, tag, name, type } = await mount();
    expect(name()).toBe('');
    await click(tag('tier:purchasers'));
    await click(q('audience-add-group'));
    await click(tag('rfm:generalRetain'));
    expect(name()).toBe('成交用户 · 一般挽留');
    expect(q('audience-name').dataset.follows).toBe('true');
    await type(q('audience-name'), '双12 召回');
    await click(q('cond-exported-add'));
    expect(name()).toBe('双12 召回');
    expect(q('audience-name').dataset.follows).toBe('false');
    await type(q('audience-name'), '');
    expect(name()).toBe('成交用户 · 一般挽留 不含 近 7 天已导出');
  });

  it('a loaded audience named by its own conditions (either language) keeps following them; a typed name stays', async () => {
    const { click, tag, name } = await mount();
    await act(async () => load('tier:purchasers', 'Purchasers'));
    expect(name()).toBe('成交用户');
    await click(tag('tier:repeat'));
    expect(name()).toBe('成交用户 或 复购用户');
    await act(async () => load('tier:purchasers', '双12 老客'));
    await click(tag('tier:repeat'));
    expect(name()).toBe('双12 老客');
  });

  it('adds 最近购买 / 购买次数 to the group being edited and 近 N 天已导出 to the exclusions, shown in words', async () => {
    const { host, q, click, type } = await mount();
    await type(q('cond-recentPaid-n'), '14');
    await click(q('cond-recentPaid-add'));
    await click(q('cond-paidCount-add'));
    await click(q('cond-exported-add'));
    expect((host.querySelector('[data-testid="audience-expression"]') as HTMLTextAreaElement).value).toBe('recentPaid:14 并 paidCount:2 差 exported:7');
    expect([...q('audience-group-0').querySelectorAll('[data-testid="audience-condition"]')].map((e) => e.textContent)).toEqual(['最近购买 14 天内×', '购买次数 ≥ 2×']);
    expect(q('audience-exclude').textContent).toContain('近 7 天已导出');
    await type(q('cond-paidCount-n'), '0');
    expect((q('cond-paidCount-add') as HTMLButtonElement).disabled).toBe(true);
  });

  it('narrows the tags to labels holding the search text, in either language, and says when none does', async () => {
    const { host, q, type } = await mount('en');
    const shown = () => [...host.querySelectorAll('[data-testid="tag-chip"]')].map((e) => e.getAttribute('data-tag'));
    expect(shown()).toEqual(TAGS.map((x) => x.id));
    await type(q('tag-search'), 'retain');
    expect(shown()).toEqual(['rfm:generalRetain']);
    await type(q('tag-search'), '复购');
    expect(shown()).toEqual(['tier:repeat']);
    await type(q('tag-search'), 'nothing like this');
    expect(shown()).toEqual([]);
    expect(q('tag-no-match').textContent).toBe('No tag matches');
  });

  it('shows no raw tag id anywhere on screen (zh and en), the expression folded away', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const { host, click, tag, q } = await mount(lang);
      await click(tag('tier:purchasers'));
      await click(q('cond-exported-add'));
      const details = host.querySelector('details')!;
      expect(details.open).toBe(false);
      const visible = [...host.querySelectorAll('*')].filter((e) => !e.closest('details') || e.tagName === 'SUMMARY' || e.tagName === 'DETAILS');
      const text = visible.map((e) => [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')).join(' ');
      expect(text).not.toMatch(/tier:|rfm:|exported:|recentPaid:|paidCount:/);
      expect(text).toContain(lang === 'zh' ? '成交用户' : 'Purchasers');
      act(() => root!.unmount());
      root = null;
    }
  });
});
