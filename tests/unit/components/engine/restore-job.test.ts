import { describe, expect, it } from 'vitest';
import { restoreProgressText } from '@/components/engine/restore-job';

describe('restore progress text', () => {
  it('shows the one pass in percent of the file, then the last steps, then done', () => {
    expect(restoreProgressText({ phase: 'validating', done: 0, total: 0 })).toBe('校验并写入备份…');
    expect(restoreProgressText({ phase: 'validating', done: 437, total: 1000 })).toBe('校验并写入备份… 43%');
    expect(restoreProgressText({ phase: 'validating', done: 1000, total: 1000 })).toBe('校验并写入备份… 100%');
    expect(restoreProgressText({ phase: 'writing', done: 4_844_420, total: 4_844_420 })).toBe('写入索引与分析快照… 4844420/4844420');
    expect(restoreProgressText({ phase: 'done', done: 5, total: 5 })).toBe('完成');
  });
});
