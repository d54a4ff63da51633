/**
 * Issue 12 "every user-facing string in the one catalogue": no CJK text in components/ and
 * entrypoints/ outside lib/i18n, except the allow-listed places (each with its reason); every
 * catalogue entry has zh-CN and English; the catalogue's parts do not shadow each other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import { audienceMessages } from '@/lib/i18n/messages-audience';
import { backupMessages } from '@/lib/i18n/messages-backup';
import { captureMessages } from '@/lib/i18n/messages-capture';
import { glanceMessages } from '@/lib/i18n/messages-glance';
import { overlayMessages } from '@/lib/i18n/messages-overlay';
import { panelMessages } from '@/lib/i18n/messages-panel';
import { reportMessages } from '@/lib/i18n/messages-report';

const ROOT = join(__dirname, '../../..');
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Files that may still hold CJK text, with the most lines allowed and why. `null`: any number,
 * while another helper rewrites the file (then its texts move here and the entry goes).
 */
const ALLOWED: Record<string, { max: number | null; reason: string }> = {
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** Lines holding CJK outside comments (block and line comments removed first). */
function cjkLines(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return code.split('\n').filter((l) => CJK.test(l));
}

describe('user-facing text lives in the catalogue', () => {
  const files = ['components', 'entrypoints'].flatMap((d) => sourceFiles(join(ROOT, d)));

  it('no CJK text in components/ and entrypoints/ outside the allow-list', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const rel = relative(ROOT, f).replaceAll('\\', '/');
      const lines = cjkLines(readFileSync(f, 'utf8'));
      if (lines.length === 0) continue;
      const allowed = ALLOWED[rel];
      if (allowed && (allowed.max === null || lines.length <= allowed.max)) continue;
      offenders.push(`${rel} (${lines.length}${allowed ? ` > ${allowed.max}` : ''}): ${lines[0]!.trim().slice(0, 100)}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the scan finds CJK in code, not in comments', () => {
    expect(cjkLines("const a = '店铺'; // 注释\n/* 块注释 */ const b = 1;\n<p>{t('x')}</p>\n<p>中文</p>")).toEqual(["const a = '店铺'; ", '<p>中文</p>']);
  });

  it('every allow-listed file still exists and gives a reason', () => {
    for (const [file, a] of Object.entries(ALLOWED)) {
      expect(statSync(join(ROOT, file)).isFile(), file).toBe(true);
      expect(a.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('the catalogue', () => {
  it('every entry has zh-CN and English text', () => {
    for (const [key, m] of Object.entries(messages)) {
      expect(m.zh.trim(), key).not.toBe('');
      expect(m.en.trim(), key).not.toBe('');
    }
  });

  const parts = { panelMessages, audienceMessages, overlayMessages, backupMessages, reportMessages, captureMessages, glanceMessages };

  it('no part is shadowed by a key of the same name elsewhere', () => {
    for (const [name, part] of Object.entries(parts)) {
      for (const [key, m] of Object.entries(part)) expect(messages[key as keyof typeof messages], `${name}: ${key}`).toBe(m);
    }
  });

  it('no two parts hold the same key', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, part] of Object.entries(parts)) {
      for (const key of Object.keys(part)) {
        if (seen.has(key)) clashes.push(`${key}: ${seen.get(key)} and ${name}`);
        seen.set(key, name);
      }
    }
    expect(clashes).toEqual([]);
  });
});
