/**
 * `npm run new:indicator -- <id> [--spec §5.4] [--dry-run] [--root DIR]` — scaffolds a §9 report
 * indicator as the one-folder change README "How to add an indicator" describes:
 * lib/engine/indicators/<id>.ts (schema, compute, xlsx rows; a count of nobody until filled in),
 * its line in lib/engine/indicators/index.ts, its label in lib/i18n/messages-report.ts, and
 * tests/unit/engine/indicators/<id>.test.ts, a hand-computed test that fails until written.
 * `id` is the report field's name (camelCase, e.g. `lapsedBuyers`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apply, editedFile, insertAfterLast, kebab, newFile, parseArgs, type PlannedFile } from './scaffold';

/** The catalogue part of the report's indicators, tags and workbook (its object ends with `} as const;`). */
const MESSAGES_FILE = 'lib/i18n/messages-report.ts';
const MESSAGES_END = '} as const;';

/** The files `new:indicator` writes for `id` under `root` (throws on a bad id, an existing indicator or an unexpected registry). */
export function planIndicator(root: string, id: string, spec = '§5.4'): PlannedFile[] {
  if (!/^[a-z][A-Za-z0-9]*$/.test(id)) throw new Error(`indicator id "${id}" must be camelCase, e.g. lapsedBuyers (it is the report field's name)`);
  if (!/^§\d+(\.\d+)?$/.test(spec)) throw new Error(`--spec "${spec}" must look like §5.4`);
  const file = kebab(id);
  const labelKey = `ind_${id}`;
  const module = `/** TODO: what ${id} is, in the merchant's words (SPEC ${spec}), and its report field \`${id}\`. */
import { Count } from './fields';
import { countRow, label } from './sheets';
import { defineIndicator } from './types';

export const ${id} = defineIndicator({
  id: '${id}',
  spec: '${spec}',
  label: '${labelKey}',
  schema: Count,
  compute: ({ snap }) => {
    // TODO: compute the members from the snapshot (see ../golden-window.ts for a one-pass example).
    const members = new Int32Array(0);
    void snap;
    return { field: members.length, sets: members };
  },
  tags: (_input, sets) => {
    const members = sets ?? new Int32Array(0);
    return [{ group: 'tier', id: 'tier:${id}', label: '${labelKey}', size: members.length, members: () => members }];
  },
  xlsx: (n) => [{ kv: { name: label('${labelKey}'), keyHeader: label('xlsx_item'), valueHeader: label('xlsx_persons'), rows: [countRow(label('${labelKey}'), n)] } }],
});
`;
  const test = `// SPEC ${spec}: the ${id} indicator, hand-computed.
import { describe, expect, it } from 'vitest';
import { ${id} } from '@/lib/engine/indicators/${file}';
import { BIG, run } from './input';

describe('${id} indicator (SPEC ${spec})', () => {
  it('on the hand-computed world of big-world.ts', () => {
    // TODO: work the value out by hand from big-world.ts's customers (say who and why), then write it here.
    const byHand: number | undefined = undefined;
    expect(run(${id}, BIG.snap, BIG.window).field).toBe(byHand);
  });
});
`;
  return [
    newFile(root, `lib/engine/indicators/${file}.ts`, module),
    editedFile(root, 'lib/engine/indicators/index.ts', (text) => {
      if (new RegExp(`\\b${id}\\b`).test(text)) throw new Error(`${id} is registered already`);
      const withImport = insertAfterLast(text, /^import \{ \w+ \} from '\.\/[\w-]+';$/, `import { ${id} } from './${file}';`, 'the import');
      const list = /^const indicators = \[([^\]]*)\] as const;/m;
      if (!list.test(withImport)) throw new Error('cannot find `const indicators = [...] as const;`');
      return withImport.replace(list, (_m, ids: string) => `const indicators = [${ids.trim()}, ${id}] as const;`);
    }),
    editedFile(root, MESSAGES_FILE, (text) => {
      if (text.includes(`  ${labelKey}:`)) throw new Error(`${labelKey} is in the catalogue already`);
      const end = text.lastIndexOf(MESSAGES_END);
      if (end < 0) throw new Error(`cannot find the end of the catalogue object in ${MESSAGES_FILE}`);
      return `${text.slice(0, end)}  ${labelKey}: { zh: '${id}（待命名）', en: '${id} (to name)' },\n${text.slice(end)}`;
    }),
    newFile(root, `tests/unit/engine/indicators/${file}.test.ts`, test),
  ];
}

function main(argv: readonly string[]): number {
  const { id, opts } = parseArgs(argv);
  if (!id) {
    process.stderr.write('usage: npm run new:indicator -- <camelCaseId> [--spec §5.4] [--dry-run] [--root DIR]\n');
    return 2;
  }
  const root = typeof opts.root === 'string' ? path.resolve(opts.root) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  try {
    const files = planIndicator(root, id, typeof opts.spec === 'string' ? opts.spec : undefined);
    for (const line of apply(root, files, opts['dry-run'] === true)) process.stdout.write(`${line}\n`);
    process.stdout.write(`Next: fill in the module and the hand-computed test, name it in lib/i18n/messages-report.ts, agree the new field in the shared SPEC §9 (docs/SPEC.md is its copy) and regenerate tests/unit/conventions/golden (SELLER_LENS_UPDATE_GOLDEN=1), since the report format changes, then npx vitest run tests/unit/conventions tests/unit/engine/indicators.\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) process.exit(main(process.argv.slice(2)));
