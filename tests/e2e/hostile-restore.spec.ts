/**
 * Hostile restore inputs (issue 11 items 5, 9, 1), one test per input, in ONE browser: a backup
 * with empty phone / city restores; a restore cancelled at the confirmation changes nothing; a
 * file of another shop is refused unless the merchant picks 恢复为另一家店; a 2 GB one-line file
 * (made in the page from one 1 MB Blob repeated — never written to disk) is refused before memory
 * runs out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, launchWithExtension, ROOT, SHOTS_DIR, test } from './extension';

const golden = (name: string) => readFileSync(path.join(ROOT, 'tests/fixtures/backups', name));

/** Every store of the extension's database, each row as JSON, sorted (a "nothing changed" comparison). */
async function dumpDb(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string[]>>((resolve, reject) => {
        const open = indexedDB.open('seller-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, string[]> = {};
          for (const n of names) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => {
              out[n] = (req.result as unknown[]).map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? `bytes:${(v as ArrayBuffer).byteLength}` : v))).sort();
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test.describe.serial('hostile restore inputs', () => {
  let context: BrowserContext;
  let panel: Page;

  test.beforeAll(async () => {
    const launched = await launchWithExtension();
    context = launched.context;
    panel = await context.newPage();
    await panel.setViewportSize({ width: 520, height: 1000 });
    await panel.goto(`chrome-extension://${launched.extensionId}/sidepanel.html`);
  });
  test.afterAll(async () => {
    await context?.close();
  });

  const status = () => panel.getByTestId('restore-status');
  const choose = (name: string) =>
    panel.getByTestId('restore-backup').setInputFiles({ name, mimeType: 'application/json', buffer: golden(name) });

  test('a backup with "phone": "", "city": " " and "-" restores (empty optional texts read as absent)', async () => {
    await choose('v1-empty-values.jsonl');
    await expect(panel.getByTestId('restore-confirm-shop')).toHaveText('空值店 (E1, douyin)');
    await expect(panel.getByTestId('restore-confirm-counts')).toContainText('客户 2, 订单 1, 互动 1');
    await panel.getByTestId('restore-confirm-button').click();
    await expect(status()).toHaveAttribute('data-state', 'done');
    await expect(status()).toContainText('空值店 (E1)');
    await expect(panel.getByTestId('shop-picker')).toHaveValue('E1');
    const shops = (await dumpDb(panel)).shops!;
    expect(shops).toEqual([JSON.stringify({ shopId: 'E1', platform: 'douyin', name: '空值店' })]);
    // The customer's blank phone, province and city were not stored as text.
    const blocks = (await dumpDb(panel)).recordBlocks!.join('\n');
    expect(blocks).toContain('阿花');
    expect(blocks).not.toMatch(/\\"phone\\":\\"\\"|\\"city\\":\\" \\"|\\"province\\":\\"-\\"/);
  });

  test('a restore cancelled at the confirmation changes nothing', async () => {
    const before = await dumpDb(panel);
    await choose('v1-empty-values.jsonl');
    await expect(panel.getByTestId('restore-confirm-replaced')).toContainText('空值店');
    // 先备份当前数据: the data about to be replaced downloads first.
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('restore-backup-first').click()]);
    expect(download.suggestedFilename()).toMatch(/^seller-lens-backup-E1-\d{8}\.json$/);
    expect(readFileSync((await download.path())!, 'utf8')).toContain('"nickname":"阿花"');
    await panel.getByTestId('restore-cancel').click();
    await expect(status()).toHaveAttribute('data-state', 'cancelled');
    await expect(panel.getByTestId('restore-confirm')).toHaveCount(0);
    expect(await dumpDb(panel)).toEqual(before);
  });

  test('a file of another shop than the selected one is refused unless 恢复为另一家店 is picked', async () => {
    const before = await dumpDb(panel);
    await choose('v1-full.jsonl');
    const confirm = panel.getByTestId('restore-confirm');
    await expect(confirm).toHaveAttribute('data-other-shop', 'true');
    await expect(panel.getByTestId('restore-other-shop')).toContainText('文件属于店铺 "77001"，不是所选店铺 "E1"');
    await expect(panel.getByTestId('restore-confirm-button')).toHaveCount(0);
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'restore-confirm-other-shop.png'), fullPage: true });
    expect(await dumpDb(panel)).toEqual(before);
    await panel.getByTestId('restore-as-other').click();
    await expect(status()).toHaveAttribute('data-state', 'done');
    const shops = (await dumpDb(panel)).shops!.map((s) => (JSON.parse(s) as { shopId: string }).shopId).sort();
    expect(shops).toEqual(['77001', 'E1']);
  });

  test('a 2 GB one-line file is refused (line longer than 1 MB) before memory runs out; nothing changed', async () => {
    const before = await dumpDb(panel);
    const size = await panel.evaluate(() => {
      // One 1 MB Blob repeated: the 2 GB File references it 2048 times (no 2 GB in memory or on disk).
      const head = '{"format": "seller-lens-backup", "version": 1, "shop": {"name": "';
      const mb = new Blob([head, 'a'.repeat((1 << 20) - head.length)]);
      const filler = new Blob(['a'.repeat(1 << 20)]);
      const file = new File([mb, ...Array.from({ length: 2047 }, () => filler)], 'huge.json', { type: 'application/json' });
      const dt = new DataTransfer();
      dt.items.add(file);
      const input = document.querySelector('[data-testid="restore-backup"]') as HTMLInputElement;
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return file.size;
    });
    expect(size).toBe(2 * 1024 ** 3);
    await expect(status()).toHaveAttribute('data-state', 'error');
    await expect(status()).toHaveText('备份被拒绝，未做任何更改：第 1 行超过 1 MB（seller-lens 写出的备份每行一条记录，远短于此）');
    await expect(panel.getByTestId('restore-confirm')).toHaveCount(0);
    expect(await dumpDb(panel)).toEqual(before);
  });
});
