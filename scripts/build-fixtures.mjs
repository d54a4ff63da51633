#!/usr/bin/env node
/**
 * Builds every fixture console page (tests/fixtures/pages/*) into ONE self-contained HTML file
 * each — React app, component-library CSS and the seeded dataset inlined — plus a truth file of
 * what a correct capture yields:
 *   tests/fixtures/dist/<name>.html, tests/fixtures/dist/<name>.truth.json, tests/fixtures/dist/index.json
 * Offline, a few seconds. `--only-e2e` skips the demo datasets; `--out <dir>` writes elsewhere.
 */
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const outArg = process.argv.indexOf('--out');
const dist = outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'tests/fixtures/dist');
const onlyE2e = process.argv.includes('--only-e2e');
const started = Date.now();

await mkdir(dist, { recursive: true });

// 1. The registry (TS: generator, views, truth) → one ESM file for Node, then import it.
const registryOut = path.join(dist, `.registry-${process.pid}.mjs`);
await build({
  entryPoints: [path.join(root, 'tests/fixtures/pages/registry.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: registryOut,
  logLevel: 'warning',
});
let fixturePages;
try {
  ({ fixturePages } = await import(pathToFileURL(registryOut).href));
} finally {
  await rm(registryOut, { force: true });
}

/** JSON safe inside <script>: no "</script>", no HTML comment openers. */
const jsonForScript = (value) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
const jsForScript = (code) => code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const manifest = [];
for (const page of fixturePages) {
  // 2. The page app, bundled once for the browser (JS + CSS in memory).
  const result = await build({
    entryPoints: [path.join(root, page.entry)],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110'],
    jsx: 'automatic',
    outdir: path.join(dist, '.page'),
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.png': 'dataurl', '.svg': 'dataurl' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const js = result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.text).join('\n');
  const css = result.outputFiles.filter((f) => f.path.endsWith('.css')).map((f) => f.text).join('\n');
  // 3. One HTML + one truth per dataset.
  for (const out of page.outputs) {
    if (onlyE2e && out.demo) continue;
    const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<div id="root"></div>
<script type="application/json" id="fixture-data">${jsonForScript(out.data())}</script>
<script>${jsForScript(js)}</script>
</body>
</html>
`;
    const htmlPath = path.join(dist, `${out.name}.html`);
    const truthPath = path.join(dist, `${out.name}.truth.json`);
    await writeFile(htmlPath, html);
    // The dataset on its own too, for pages that answer their own fetch/XHR (the e2e route and the demo serve it).
    if (page.api) await writeFile(path.join(dist, `${out.name}.data.json`), JSON.stringify(out.data()));
    await writeFile(truthPath, `${JSON.stringify(out.truth(), null, 2)}\n`);
    manifest.push({
      name: out.name,
      adapter: page.adapter,
      dir: page.dir,
      api: Boolean(page.api),
      consoleUrl: page.consoleUrl,
      demo: Boolean(out.demo),
      html: path.relative(root, htmlPath),
      truth: path.relative(root, truthPath),
    });
  }
}
await writeFile(path.join(dist, 'index.json'), `${JSON.stringify(manifest, null, 2)}\n`);
for (const m of manifest) console.log(`fixture ${m.html}  truth ${m.truth}`);
console.log(`built ${manifest.length} fixture page(s) in ${Date.now() - started} ms`);
