/**
 * Conventions of the export-format registry (issue 12 item 4): every format has a byte-level test
 * here, a label in both languages, an options schema its example passes, and ids are unique.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, ExportFormatOptions, exportFormatOf } from '@/lib/export/formats';
import { messages } from '@/lib/i18n/messages';

describe.each(EXPORT_FORMATS.map((f) => [f.id, f] as const))('export format %s', (id, f) => {
  it('has a byte-level test in tests/unit/export/formats/<id>.test.ts', () => {
    const path = join(__dirname, `${id}.test.ts`);
    expect(existsSync(path), path).toBe(true);
    // It looks at bytes: a file signature, the BOM or decoded file text.
    expect(readFileSync(path, 'utf8')).toMatch(/bytes/);
  });

  it('has a label in zh-CN and English', () => {
    expect(Object.hasOwn(messages, f.labelKey)).toBe(true);
    const m = messages[f.labelKey];
    expect(m.zh.trim()).not.toBe('');
    expect(m.en.trim()).not.toBe('');
  });

  it('has an options schema its example passes and another format\'s example fails', () => {
    expect(f.options.safeParse(f.example).success).toBe(true);
    expect(f.example.kind).toBe(id);
    for (const other of EXPORT_FORMATS) if (other.id !== id) expect(f.options.safeParse(other.example).success).toBe(false);
    expect(ExportFormatOptions.safeParse(f.example).success).toBe(true);
    expect(typeof f.recordFormat(f.example as never)).toBe('string');
  });
});

it('ids are unique and looked up as own keys only', () => {
  const ids = EXPORT_FORMATS.map((f) => f.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(exportFormatOf(k)).toBeUndefined();
});
