// `npm run report`: the CLI (scripts/report.ts) started from an esbuild bundle of it cached in
// node_modules/.cache — under tsx its start took ~0.5 s (every lib module transformed through
// tsx's loader thread), from the bundle ~0.2 s (the summary's table writers load only for --summary). Built again when any input changed (mtime or
// size); tsx when esbuild cannot build it. Plain JavaScript, so plain Node starts it.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'seller-lens-report');
const outDir = path.join(cacheDir, 'report-cli');
const bundle = path.join(outDir, 'report.js');
const inputsFile = path.join(cacheDir, 'report-cli.inputs.json');

const stamp = (file) => {
  const s = statSync(path.resolve(root, file));
  return `${s.mtimeMs}:${s.size}`;
};

/** Whether the bundle on disk was built from the sources as they are now. */
function fresh() {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    statSync(bundle);
    return Object.entries(inputs).every(([f, s]) => stamp(f) === s);
  } catch {
    return false;
  }
}

/** Writes `text` to `file` whole or not at all (another process may be reading or writing it). */
function writeWhole(file, text) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

// Each module's import.meta.url stays its source file's (worker-bundle.ts and summary-pool.ts find
// their neighbours by it; report.ts's run-as-script check is not met, so main runs from here).
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]scripts[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** The bundle's URL (built now if stale), or null when esbuild cannot build it. */
async function cliBundle() {
  try {
    if (!fresh()) {
      const { build } = await import('esbuild');
      const r = await build({
        entryPoints: [path.join(root, 'scripts', 'report.ts')],
        absWorkingDir: root,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external', // loaded by Node from node_modules as under tsx (CommonJS ones need their own require)
        // What only some runs need (the summary's table writers) in chunks loaded on first use.
        splitting: true,
        outdir: outDir,
        outExtension: { '.js': '.js' },
        write: false,
        metafile: true,
        logLevel: 'silent',
        plugins: [ownUrls],
      });
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}\n');
      // Chunks first, the entry last: a process reading the entry finds every chunk it names.
      for (const f of r.outputFiles.filter((o) => o.path !== bundle)) writeWhole(f.path, f.text);
      writeWhole(bundle, r.outputFiles.find((o) => o.path === bundle).text);
      const keep = new Set([...r.outputFiles.map((o) => path.basename(o.path)), 'package.json']);
      for (const f of readdirSync(outDir)) if (!keep.has(f) && !f.endsWith('.tmp')) rmSync(path.join(outDir, f), { force: true });
      writeWhole(inputsFile, JSON.stringify(Object.fromEntries(Object.keys(r.metafile.inputs).map((f) => [f, stamp(f)]))));
    }
    return pathToFileURL(bundle).href;
  } catch (e) {
    if (process.env.SELLER_LENS_REPORT_TRACE) process.stderr.write(`report CLI under tsx: ${e.message}\n`);
    return null;
  }
}

let entry = await cliBundle();
if (entry === null) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('./report.ts', import.meta.url).href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
if (process.env.SELLER_LENS_REPORT_TRACE) process.stderr.write(`report written ${performance.now().toFixed(0)} ms after start\n`);
