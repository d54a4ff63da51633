/**
 * The parse thread's code as one esbuild bundle, built on first use into node_modules/.cache: a
 * thread started from it is ready in ~0.2 s, against ~0.65 s under tsx (which gives each thread
 * its own loader thread and loads every lib module through it) — on a 2-core machine that start
 * is time the parse does not have. Built again when any of its inputs changed (mtime or size);
 * tsx's boot file when esbuild cannot build it.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'seller-lens-report');
const bundle = path.join(cacheDir, 'parse-worker.mjs');
const inputsFile = path.join(cacheDir, 'parse-worker.inputs.json');

type Inputs = Record<string, string>;

const stamp = (file: string): string => {
  const s = statSync(path.resolve(root, file));
  return `${s.mtimeMs}:${s.size}`;
};

/** Whether the bundle on disk was built from the sources as they are now. */
function fresh(): boolean {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as Inputs;
    statSync(bundle);
    return Object.entries(inputs).every(([f, s]) => stamp(f) === s);
  } catch {
    return false;
  }
}

/** Writes `text` to `file` whole or not at all (another process may be reading or writing it). */
function writeWhole(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** The parse thread's entry: the cached bundle (built now if stale), else the tsx boot file. */
export function parseWorkerEntry(): URL {
  try {
    if (!fresh()) {
      // esbuild loaded only to build (loading it costs the CLI's start ~0.1 s).
      const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
      const r = buildSync({
        entryPoints: [path.join(here, 'parse-worker.ts')],
        absWorkingDir: root,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      mkdirSync(cacheDir, { recursive: true });
      writeWhole(bundle, r.outputFiles[0]!.text);
      writeWhole(inputsFile, JSON.stringify(Object.fromEntries(Object.keys(r.metafile.inputs).map((f) => [f, stamp(f)]))));
    }
    return pathToFileURL(bundle);
  } catch (e) {
    if (process.env.SELLER_LENS_REPORT_TRACE) process.stderr.write(`parse threads under tsx: ${(e as Error).message}\n`);
    return new URL('./parse-worker-boot.mjs', import.meta.url);
  }
}
