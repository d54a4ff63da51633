/**
 * `npm run new:adapter -- <id> [--host console.example.com] [--path /customer/list] [--platform taobao|douyin]
 * [--dry-run] [--root DIR]` — scaffolds a console page adapter (SPEC §8) as README "Adding a console
 * page" describes: lib/capture/adapters/<id>.ts (a customer-list table adapter with its "Test URLs"
 * comment, header synonyms and a row reader to fill in), its line in lib/capture/adapters/index.ts,
 * and tests/unit/capture/adapters/<id>.test.tsx, which fails until the fixture and its truth exist.
 * The fixture pages (tests/fixtures/pages/, registry.ts) and the manifest host (lib/capture/consoles.ts)
 * stay manual: adapters/conventions.test.ts names each piece still missing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apply, camel, editedFile, insertAfterLast, newFile, parseArgs, type PlannedFile } from './scaffold';

export interface AdapterScaffoldOptions {
  host?: string;
  path?: string;
  platform?: 'douyin' | 'taobao';
}

const regexSource = (p: string) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The files `new:adapter` writes for `id` under `root`. */
export function planAdapter(root: string, id: string, o: AdapterScaffoldOptions): PlannedFile[] {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new Error(`adapter id "${id}" must be kebab-case, e.g. shop-fans`);
  const host = o.host ?? 'console.example.com';
  const urlPath = o.path ?? `/${id}`;
  const platform = o.platform ?? 'taobao';
  const name = camel(id);
  const module = `/**
 * TODO: the console page this adapter reads, what each row is and which record it becomes
 * (SPEC §2, §8), with the public evidence of the page (../shared/CONSOLES.md §…).
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://${host}${urlPath}
 *
 * Fixtures: TODO tests/fixtures/pages/${id}/ (built with the library the evidence names) and a twin
 * built with another library; truths built by scripts/build-fixtures.mjs.
 */
import type { CustomerInput } from '../../model';
import { customerKeyOf } from '../../model/keys';
import type { Synonyms } from '../columns';
import { textOrUndefined } from '../normalize';
import { CONSOLE_SHOP, cellsOf, openTablePage, tableAdapter, type TablePage } from '../read-kit';
import type { AdapterResult } from '../types';

export const ADAPTER_ID = '${id}';

type Field = 'nickname' | 'buyerId';

/** Header synonyms of the page's table (TODO: the console's own header texts). */
export const COLUMNS: Synonyms<Field> = {
  nickname: ['客户昵称', '买家昵称', '昵称'],
  buyerId: ['客户ID', '买家ID'],
};
/** Columns that must be there for the table to be this page's. */
export const REQUIRED: readonly Field[] = ['nickname'];

const PAGE: TablePage<Field> = {
  id: ADAPTER_ID,
  platform: '${platform}',
  shop: CONSOLE_SHOP,
  columns: COLUMNS,
  required: REQUIRED,
  table: { zh: '客户列表', en: 'customer table' },
};

/** Reads the page's table into customers. Pure; never throws (see \`read\`). */
export function read${name[0]!.toUpperCase()}${name.slice(1)}(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  void capturedAt;
  const { out, open } = openTablePage(doc, PAGE);
  if (!open) return out;
  const { table, cols, shopId } = open;
  table.rows.forEach((tr, row) => {
    const get = cellsOf(cols, tr.cells);
    const nickname = textOrUndefined(get('nickname'));
    const buyerId = textOrUndefined(get('buyerId'));
    if (!nickname && !buyerId) return void out.rejected.push({ row, reason: 'missing nickname or id' });
    const customer: CustomerInput = {
      customerKey: customerKeyOf('${platform}', shopId, { buyerId, nickname: nickname ?? '' }),
      shopId,
      nickname: nickname ?? '',
      ...(buyerId ? { buyerId } : {}),
      tags: [],
    };
    out.customers.push(customer);
    out.rowOf.customers.push(row);
  });
  return out;
}

export const ${name} = tableAdapter(
  { id: ADAPTER_ID, platform: '${platform}', kind: 'customers', label: 'TODO 页面名称', urls: [{ host: '${host}', path: /^${regexSource(urlPath)}\\b/ }] },
  PAGE,
  read${name[0]!.toUpperCase()}${name.slice(1)},
);
`;
  const test = `// SPEC §8: the ${id} adapter reads its fixture pages into their truth.
import { describe, expect, it } from 'vitest';
import { fixturePages } from '../../../fixtures/pages/registry';

describe('${id}', () => {
  it('has its fixture pages (TODO: render each and compare the read with its truth, as crm-customers.test.tsx does)', () => {
    expect(fixturePages.filter((p) => p.adapter === '${id}').length).toBeGreaterThan(0);
  });
});
`;
  return [
    newFile(root, `lib/capture/adapters/${id}.ts`, module),
    editedFile(root, 'lib/capture/adapters/index.ts', (text) => {
      if (new RegExp(`\\b${name}\\b`).test(text)) throw new Error(`${name} is registered already`);
      const withImport = insertAfterLast(text, /^import \{ \w+ \} from '\.\/[\w-]+';$/, `import { ${name} } from './${id}';`, 'the import');
      const list = /export const adapters: readonly Adapter\[\] = \[([^\]]*)\];/;
      if (!list.test(withImport)) throw new Error('cannot find `export const adapters: readonly Adapter[] = [...];`');
      return withImport.replace(list, (_m, ids: string) => `export const adapters: readonly Adapter[] = [${ids.trim()}, ${name}];`);
    }),
    newFile(root, `tests/unit/capture/adapters/${id}.test.tsx`, test),
  ];
}

function main(argv: readonly string[]): number {
  const { id, opts } = parseArgs(argv);
  if (!id) {
    process.stderr.write('usage: npm run new:adapter -- <kebab-id> [--host H] [--path /p] [--platform taobao|douyin] [--dry-run] [--root DIR]\n');
    return 2;
  }
  const root = typeof opts.root === 'string' ? path.resolve(opts.root) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  const platform = str('platform');
  if (platform !== undefined && platform !== 'douyin' && platform !== 'taobao') {
    process.stderr.write('--platform is douyin or taobao\n');
    return 2;
  }
  try {
    const files = planAdapter(root, id, { host: str('host'), path: str('path'), platform });
    for (const line of apply(root, files, opts['dry-run'] === true)) process.stdout.write(`${line}\n`);
    process.stdout.write('Next: the fixture pages and truth (tests/fixtures/pages/, registry.ts), the host in lib/capture/consoles.ts, endpoints and the allow-list if the page loads JSON; npx vitest run tests/unit/capture/adapters names what is missing.\n');
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) process.exit(main(process.argv.slice(2)));
