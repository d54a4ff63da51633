import { describe, expect, it } from 'vitest';
import { backupFileName, exportFileName, reportFileName } from '@/lib/export/download-names';

describe('download names', () => {
  it('dates a backup by its UTC+8 day', () => {
    // 2026-11-20T16:30:00Z is already 2026-11-21 00:30 in Shanghai.
    expect(backupFileName('10001', Date.UTC(2026, 10, 20, 16, 30))).toBe('seller-lens-backup-10001-20261121.json');
    expect(backupFileName('10001', Date.UTC(2026, 10, 20, 15, 59))).toBe('seller-lens-backup-10001-20261120.json');
    expect(backupFileName('name-0a1b2c3d', '2026-01-05T09:00:00+08:00')).toBe('seller-lens-backup-name-0a1b2c3d-20260105.json');
  });

  it('names a report by shop and window', () => {
    expect(reportFileName('10001', '2026-10-22', '2026-11-20')).toBe('seller-lens-report-10001-2026-10-22-2026-11-20.json');
    expect(() => reportFileName('10001', '20261022', '2026-11-20')).toThrow(/YYYY-MM-DD/);
  });

  it('keeps file names safe', () => {
    expect(backupFileName('a/b:c', 0)).toBe('seller-lens-backup-a_b_c-19700101.json');
    expect(exportFileName('audience', '10001', '首单 客户', 'csv', '2026-11-20 10:00')).toBe(
      'seller-lens-audience-10001-首单_客户-20261120.csv',
    );
  });
});
