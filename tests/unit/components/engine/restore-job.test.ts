import { describe, expect, it, vi } from 'vitest';
import { restoreProgressLine, storageFreeBytes } from '@/components/engine/restore-job';
import { textOf } from '@/lib/i18n/text';

/** The line as the panel words it (zh-CN and English). */
const worded = (p: Parameters<typeof restoreProgressLine>[0]) => {
  const line = restoreProgressLine(p);
  return textOf(line.key, line.vars);
};

describe('restore progress lines', () => {
  it('shows the one pass in percent of the file, then the last steps, then done (zh-CN as before)', () => {
    expect(worded({ phase: 'validating', done: 0, total: 0 }).zh).toBe('校验并写入备份…');
    expect(worded({ phase: 'validating', done: 437, total: 1000 }).zh).toBe('校验并写入备份… 43%');
    expect(worded({ phase: 'validating', done: 1000, total: 1000 }).zh).toBe('校验并写入备份… 100%');
    expect(worded({ phase: 'writing', done: 4_844_420, total: 4_844_420 }).zh).toBe('写入索引与分析快照… 4844420/4844420');
    expect(worded({ phase: 'done', done: 5, total: 5 }).zh).toBe('完成');
  });

  it('are sent as catalogue keys with their values, so the English panel says them in English', () => {
    expect(restoreProgressLine({ phase: 'validating', done: 437, total: 1000 })).toEqual({ key: 'backup.progressValidatingPct', vars: { pct: 43 } });
    expect(worded({ phase: 'validating', done: 437, total: 1000 }).en).toBe('Checking and writing the backup… 43%');
    expect(worded({ phase: 'writing', done: 3, total: 9 }).en).toBe('Writing the indexes and the analysis snapshot… 3/9');
  });
});

describe('storage left for a restore', () => {
  it('is quota − usage from navigator.storage.estimate, or undefined when the browser does not say', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ quota: 10_000_000, usage: 2_500_000 }) } });
    expect(await storageFreeBytes()).toBe(7_500_000);
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({}) } });
    expect(await storageFreeBytes()).toBeUndefined();
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.reject(new Error('denied')) } });
    expect(await storageFreeBytes()).toBeUndefined();
    vi.stubGlobal('navigator', {});
    expect(await storageFreeBytes()).toBeUndefined();
    vi.unstubAllGlobals();
  });
});
