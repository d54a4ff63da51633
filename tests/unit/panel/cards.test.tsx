// @vitest-environment happy-dom
/**
 * Issue 13 item 3 and the member drill's contract: a tier card says its period and comparison, its
 * change with arrow and colour class, keeps `tier-<name>` as the bare integer (SPEC §10), and with
 * `onOpen` makes the number a "查看名单" button; the ⓘ opens the definition.
 */
import { afterEach, expect, test, vi } from 'vitest';
import { Funnel } from '@/components/panel/Funnel';
import { TierCard } from '@/components/panel/TierCard';
import { t as translate, type MessageKey } from '@/lib/i18n/messages';
import { clickIn, renderApp, unmountApp } from '../capture/render-taobao';

afterEach(() => unmountApp());
const zh = (k: MessageKey) => translate(k, 'zh');
const en = (k: MessageKey) => translate(k, 'en');
const q = (sel: string) => document.querySelector(sel);

test('a tier card on a small base: period, 较上周期 2 → 5, ▲ +3 人 in the rise colour, the bare integer', async () => {
  await renderApp(<TierCard name="highPotential" label="预测高潜" metric="highPotential" value={5} previous={2} period="近30天" t={zh} lang="zh" />);
  expect(q('.period')?.textContent).toBe('近30天 · 较上周期 2 → 5');
  expect(q('.change')?.textContent).toBe('▲ +3 人');
  expect(q('.change')?.className).toContain('rise');
  expect(q('[data-testid="tier-highPotential"]')?.textContent).toBe('5');
  expect(q('button.open-members')).toBeNull();
});

test('a fall is ▼ in the fall colour; en words', async () => {
  await renderApp(<TierCard name="users" label="Users" metric="users" value={103} previous={113} period="Last 30 days" t={en} lang="en" />);
  expect(q('.change')?.textContent).toBe('▼ -8.8%');
  expect(q('.change')?.className).toContain('fall');
  expect(q('.period')?.textContent).toBe('Last 30 days · vs previous 113 → 103');
});

test('onOpen makes the number a 查看名单 button; the hook element stays inside, bare', async () => {
  const onOpen = vi.fn();
  await renderApp(<TierCard name="repeat" label="复购用户" metric="repeat" value={43} previous={39} period="近30天" t={zh} lang="zh" onOpen={onOpen} />);
  const button = q('button.open-members');
  expect(button?.getAttribute('aria-label')).toBe('查看名单');
  expect(button?.querySelector('[data-testid="tier-repeat"]')?.textContent).toBe('43');
  await clickIn(button);
  expect(onOpen).toHaveBeenCalledTimes(1);
});

test('the ⓘ shows the definition in words', async () => {
  await renderApp(<TierCard name="users" label="用户" metric="users" value={1} previous={1} period="近30天" t={zh} lang="zh" />);
  expect(q('.change')?.textContent).toBe('持平');
  expect(q('[role="note"]')).toBeNull();
  await clickIn(q('[data-testid="def-users"]'));
  expect(q('[role="note"]')?.textContent).toContain('所选时间内与店铺有过任何互动');
});

test('a pathway: its rate change in 个百分点, a step with onOpen is a button', async () => {
  const onOpen = vi.fn();
  await renderApp(
    <Funnel
      testId="f"
      title="老客复购"
      metric="pathwayRepurchase"
      rate={0.15}
      prevRate={0.12}
      period="近30天"
      t={zh}
      lang="zh"
      steps={[
        { id: 'assets', label: '已购资产', value: 100, onOpen },
        { id: 'converted', label: '复购', value: 15, rate: 0.15, rateLabel: '支付转化率' },
      ]}
    />,
  );
  expect(q('.change')?.textContent).toBe('▲ +3.0 个百分点');
  expect(q('.period')?.textContent).toBe('近30天 · 较上周期 12.0% → 15.0%');
  expect(document.body.textContent).not.toMatch(/pp\b/);
  await clickIn(q('[data-testid="f-assets"] button.open-members'));
  expect(onOpen).toHaveBeenCalledTimes(1);
  expect(q('[data-testid="f-converted"] button')).toBeNull();
});
