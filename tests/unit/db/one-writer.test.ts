import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SellerLensDb } from '@/lib/db';

/**
 * The one-writer rule (issue 12 item 1): only lib/db/writer.ts and its bodies (lib/db/writer/*)
 * write IndexedDB tables — plus the restore's transaction (lib/backup/transaction.ts, a whole
 * shop at once) and the schema's upgrade functions. A new table is covered by enumerating the
 * schema.
 */
const ROOT = path.resolve(__dirname, '../../..');
const ALLOWED = [/^lib\/db\/writer\.ts$/, /^lib\/db\/writer\//, /^lib\/db\/schema\.ts$/, /^lib\/backup\/transaction\.ts$/];
const TABLES = new SellerLensDb('one-writer-probe').tables.map((t) => t.name);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The table writes in a source text: `.<table>.put(` and friends, collection deletes / modifies, raw object stores. */
export function tableWrites(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const table = new RegExp(`\\.(?:${TABLES.join('|')})\\s*\\.\\s*(?:put|add|delete|bulkPut|bulkAdd|bulkDelete|bulkUpdate|clear|update)\\s*\\(`, 'g');
  const collection = /\.(?:where|filter|toCollection|offset|limit)\s*\([^;]*?\)\s*\.\s*(?:delete|modify)\s*\(/g;
  const raw = /\.(?:table|objectStore)\s*\([^)]*\)\s*\.\s*(?:put|add|delete|bulkPut|bulkAdd|bulkDelete|clear|update)\s*\(/g;
  return [...code.matchAll(table), ...code.matchAll(collection), ...code.matchAll(raw)].map((m) => m[0].replace(/\s+/g, ' ').slice(0, 80));
}

describe('one writer', () => {
  it('finds the writes it must find (and not a Map or Set)', () => {
    expect(tableWrites('await db.settings.put({ key, value });')).toHaveLength(1);
    expect(tableWrites('getDb().captureSummaries.bulkPut(x)')).toHaveLength(1);
    expect(tableWrites("db.orders.where('shopId').equals(id).delete()")).toHaveLength(1);
    expect(tableWrites("tx.table('orders').toCollection().modify((o) => {})")).toHaveLength(1);
    expect(tableWrites("tx.objectStore('shops').put(x)")).toHaveLength(1);
    expect(tableWrites('seen.add(k); cache.delete(id); map.set(a, b);')).toHaveLength(0);
  });

  it('no module but lib/db/writer (and the restore transaction, the schema upgrade) writes a table', () => {
    const offenders: string[] = [];
    for (const dir of ['lib', 'components', 'entrypoints']) {
      for (const file of sources(path.join(ROOT, dir))) {
        const rel = path.relative(ROOT, file).split(path.sep).join('/');
        if (ALLOWED.some((re) => re.test(rel))) continue;
        for (const w of tableWrites(readFileSync(file, 'utf8'))) offenders.push(`${rel}: ${w}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the writer’s building blocks (lib/db/writer/*) are reached only through its commands, outside lib/db and the restore transaction', () => {
    const reaching: string[] = [];
    for (const dir of ['lib', 'components', 'entrypoints']) {
      for (const file of sources(path.join(ROOT, dir))) {
        const rel = path.relative(ROOT, file).split(path.sep).join('/');
        if (rel.startsWith('lib/db/') || rel === 'lib/backup/transaction.ts') continue;
        if (/from\s+'[^']*\/db\/writer\/[^']*'/.test(readFileSync(file, 'utf8'))) reaching.push(rel);
      }
    }
    expect(reaching).toEqual([]);
  });
});
