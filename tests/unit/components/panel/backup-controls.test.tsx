// @vitest-environment happy-dom
/**
 * BackupControls (issue 11 items 5 and the small ones): a restore asks first (file's shop, counts,
 * what it replaces), cancel changes nothing, a file of another shop restores only by
 * 恢复为另一家店, refusals are worded in the panel's language, a stopped worker or a failed backup
 * is said — never a status left `running`.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineStoppedError, type EngineClient, type OnProgress } from '@/components/engine/client';
import type { RestorePreviewResult, RestoreResult } from '@/components/engine/protocol';
import { BackupControls } from '@/components/panel/BackupControls';
import { t as translate, type Lang, type MessageKey } from '@/lib/i18n/messages';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const preview: RestorePreviewResult = {
  ok: true,
  shop: { shopId: '77001', platform: 'taobao', name: '小鱼🐟的店' },
  exportedAt: '2026-11-21T10:00:00+08:00',
  counts: { customers: 2, orders: 2, contacts: 1, captures: 1, platformSnapshots: 1, audiences: 1, exports: 1 },
  replaced: { exists: true, shopName: '小鱼🐟的店', audiences: 3, exports: 4, captures: 9, newerCaptures: 5 },
};
const done: RestoreResult = { ok: true, shopId: '77001', shopName: '小鱼🐟的店', counts: { customers: 2 } };

let root: Root | null = null;
afterEach(() => {
  if (root) act(() => root!.unmount());
  root = null;
});

/** Renders the controls over a fake engine; returns the engine's spies. */
async function mount(opts: { shopId: string | null; lang?: Lang; restorePreview?: () => Promise<RestorePreviewResult>; restore?: (onProgress?: OnProgress) => Promise<RestoreResult>; backup?: () => Promise<unknown> }) {
  const engine = {
    restorePreview: vi.fn((_body: unknown) => (opts.restorePreview ?? (async () => preview))()),
    restore: vi.fn((_body: unknown, onProgress?: OnProgress) => (opts.restore ?? (async () => done))(onProgress)),
    backup: vi.fn((_body: unknown) => (opts.backup ?? (async () => ({ parts: ['{}'], filename: 'b.json' })))()),
  };
  const lang = opts.lang ?? 'zh';
  document.body.innerHTML = '<div id="root"></div>';
  root = createRoot(document.getElementById('root')!);
  const onRestored = vi.fn();
  await act(async () =>
    root!.render(<BackupControls engine={engine as unknown as EngineClient} shopId={opts.shopId} t={(k: MessageKey) => translate(k, lang)} onRestored={onRestored} />),
  );
  return { engine, onRestored };
}

const $ = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
async function choose() {
  const input = $('restore-backup') as HTMLInputElement;
  const file = new File(['{}'], 'backup.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await act(async () => {});
}
async function click(id: string) {
  await act(async () => $(id)!.click());
  await act(async () => {});
}

describe('BackupControls', () => {
  it('asks first: the file’s shop, counts and what it replaces; cancel restores nothing', async () => {
    const { engine } = await mount({ shopId: '77001' });
    await choose();
    expect(engine.restore).not.toHaveBeenCalled();
    expect($('restore-confirm-shop')!.textContent).toBe('小鱼🐟的店 (77001, taobao)');
    expect($('restore-confirm-counts')!.textContent).toBe('客户 2, 订单 2, 互动 1, 采集 1, 平台数据 1, 人群 1, 导出记录 1');
    expect($('restore-confirm-replaced')!.textContent).toBe('小鱼🐟的店: 人群 3, 导出记录 4, 晚于备份时间的采集 5');
    expect($('restore-as-other')).toBeNull();
    await click('restore-cancel');
    expect($('restore-confirm')).toBeNull();
    expect($('restore-status')!.dataset.state).toBe('cancelled');
    expect(engine.restore).not.toHaveBeenCalled();
  });

  it('confirmed, it restores the selected shop (expectShopId) and says so', async () => {
    const { engine, onRestored } = await mount({ shopId: '77001' });
    await choose();
    await click('restore-confirm-button');
    expect(engine.restore).toHaveBeenCalledTimes(1);
    expect(engine.restore.mock.calls[0]![0]).toMatchObject({ kind: 'restore', expectShopId: '77001' });
    expect($('restore-status')!.dataset.state).toBe('done');
    expect(onRestored).toHaveBeenCalledTimes(1);
  });

  it('已恢复 stays with its state until closed (×); a running restore cannot be closed (issue 13 item 9)', async () => {
    await mount({ shopId: '77001' });
    await choose();
    await click('restore-confirm-button');
    expect($('restore-status')!.dataset.state).toBe('done');
    expect($('restore-status')!.textContent).toBe('已恢复: 小鱼🐟的店 (77001) — 客户 2');
    await click('restore-status-dismiss');
    expect($('restore-status')).toBeNull();
    expect($('restore-status-dismiss')).toBeNull();

    await mount({ shopId: '77001', restore: () => new Promise<RestoreResult>(() => undefined) });
    await choose();
    await click('restore-confirm-button');
    expect($('restore-status')!.dataset.state).toBe('running');
    expect($('restore-status-dismiss')).toBeNull();
  });

  it('a file of another shop: no plain restore; only 恢复为另一家店 restores it, as its own shop', async () => {
    const { engine } = await mount({ shopId: '10001' });
    await choose();
    expect($('restore-confirm')!.dataset.otherShop).toBe('true');
    expect($('restore-confirm-button')).toBeNull();
    expect($('restore-other-shop')!.textContent).toContain('文件属于店铺 "77001"，不是所选店铺 "10001"');
    await click('restore-as-other');
    expect(engine.restore.mock.calls[0]![0]).toMatchObject({ expectShopId: '77001' });
  });

  it('a refusal is worded in the panel’s language (no English in the zh panel)', async () => {
    const refusal = { code: 'backup.lineTooLong' as const, params: { line: 1 } };
    await mount({ shopId: null, restorePreview: async () => ({ ok: false, refusal }) });
    await choose();
    expect($('restore-status')!.dataset.state).toBe('error');
    expect($('restore-status')!.textContent).toBe('备份被拒绝，未做任何更改：第 1 行超过 1 MB（seller-lens 写出的备份每行一条记录，远短于此）');
    await mount({ shopId: null, lang: 'en', restorePreview: async () => ({ ok: false, refusal }) });
    await choose();
    expect($('restore-status')!.textContent).toBe('backup refused, nothing was changed: line 1 is longer than 1 MB (seller-lens writes one record per line, each far shorter)');
  });

  it('the worker’s progress lines (catalogue keys with values) are worded in the panel’s language', async () => {
    for (const [lang, want] of [['zh', '校验并写入备份… 43%'], ['en', 'Checking and writing the backup… 43%']] as const) {
      await mount({ shopId: '77001', lang, restore: (onProgress) => (onProgress?.('backup.progressValidatingPct', { pct: 43 }), new Promise<RestoreResult>(() => undefined)) });
      await choose();
      await click('restore-confirm-button');
      expect($('restore-status')!.dataset.state).toBe('running');
      expect($('restore-status')!.textContent).toBe(want);
    }
  });

  it('a worker that stops during the restore leaves an error, not `running`', async () => {
    await mount({ shopId: '77001', restore: async () => Promise.reject(new EngineStoppedError('worker error')) });
    await choose();
    await click('restore-confirm-button');
    expect($('restore-status')!.dataset.state).toBe('error');
    expect($('restore-status')!.textContent).toBe('后台计算已中断，恢复未完成，未做任何更改');
  });

  it('a backup that fails says why (not swallowed)', async () => {
    await mount({ shopId: '77001', backup: async () => Promise.reject(new Error('no shop with id "77001" in this profile')) });
    await click('export-backup');
    expect($('backup-status')!.textContent).toBe('备份失败: no shop with id "77001" in this profile');
  });
});
