import { describe, expect, it, vi } from 'vitest';
import { restoreProgressText, storageFreeBytes } from '@/components/engine/restore-job';

describe('restore progress text', () => {
  it('shows the one pass in percent of the file, then the last steps, then done', () => {
    expect(restoreProgressText({ phase: 'validating', done: 0, total: 0 })).toBe('校验并写入备份…');
    expect(restoreProgressText({ phase: 'validating', done: 437, total: 1000 })).toBe('校验并写入备份… 43%');
    expect(restoreProgressText({ phase: 'validating', done: 1000, total: 1000 })).toBe('校验并写入备份… 100%');
    expect(restoreProgressText({ phase: 'writing', done: 4_844_420, total: 4_844_420 })).toBe('写入索引与分析快照… 4844420/4844420');
    expect(restoreProgressText({ phase: 'done', done: 5, total: 5 })).toBe('完成');
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
