// @vitest-environment happy-dom
/** The 人群 export buttons iterate the export-format registry (issue 12 item 4). */
import { afterEach, expect, test, vi } from 'vitest';
import { ExportPanel } from '@/components/panel/audience/ExportPanel';
import { EXPORT_FORMATS } from '@/lib/export/formats';
import { t as translate, type MessageKey } from '@/lib/i18n/messages';
import { clickIn, renderApp, unmountApp } from '../capture/render-taobao';

afterEach(() => unmountApp());
const t = (k: MessageKey) => translate(k, 'zh');
const label = (x: { zh: string }) => x.zh;

test('one button per registered format, labelled from the catalogue', async () => {
  await renderApp(<ExportPanel t={t} label={label} canExport run={async () => null} />);
  for (const f of EXPORT_FORMATS) expect(document.querySelector(`[data-testid="export-audience-${f.id}"]`)?.textContent).toBe(t(f.labelKey));
  expect(document.querySelectorAll('[data-testid^="export-audience-"]').length).toBe(EXPORT_FORMATS.length);
});

test('a click sends the format\'s options and the control share (none until ticked); CRM waits for its reason and day', async () => {
  const run = vi.fn(async () => null);
  await renderApp(<ExportPanel t={t} label={label} canExport run={run} />);
  await clickIn(document.querySelector('[data-testid="export-audience-csv"]'));
  await clickIn(document.querySelector('[data-testid="export-audience-dmp"]'));
  expect(run.mock.calls).toEqual([
    [{ kind: 'csv' }, 0],
    [{ kind: 'dmp', preset: 'qianchuan', identifier: 'phone-sha256', minAudience: 10_000 }, 0],
  ]);
  // The control group is off until ticked (issue 13 item 6); ticked, it holds out its share (10% unless changed).
  await clickIn(document.querySelector('[data-testid="audience-control"]'));
  await clickIn(document.querySelector('[data-testid="export-audience-csv"]'));
  expect(run.mock.calls.at(-1)).toEqual([{ kind: 'csv' }, 0.1]);
  expect((document.querySelector('[data-testid="export-audience-crm"]') as HTMLButtonElement).disabled).toBe(true);
});
