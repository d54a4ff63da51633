/**
 * `npx tsx scripts/bench-restore.ts [--customers 30000] [--days 600] [--runs 3] [--seed 7] [--write]`
 *
 * The validation of the streaming restore (lib/backup/restore.ts: every line, key maps,
 * hashes, and the streaming snapshot build) over a generated backup held as a Node Blob, as the
 * side panel reads a File; no block is written. Prints, as medians: validation alone,
 * with the snapshot builder, µs per record and CPU time, and the memory held at the end (heap +
 * array buffers, after a GC: what the end of a restore starts with). `--write` also runs one whole restore into
 * fake-indexeddb and prints its peak (sampled at every progress report) and where it happened.
 * For a CPU profile: `node --cpu-prof --import tsx scripts/bench-restore.ts --runs 1`.
 */
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import { restoreShop, serializeBackupChunks, validateBackupSource, type Backup, type RestoreProgress } from '../lib/backup';
import { SellerLensDb } from '../lib/db';
import { generateShop } from '../tests/fixtures/generate';
import { collect, mb, median, ms } from './bench-util';

function parseOpts(argv: string[]) {
  const o = { customers: 30_000, days: 600, runs: 3, seed: 7, write: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--write') o.write = true;
    else if (a === '--customers' || a === '--days' || a === '--runs' || a === '--seed') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a non-negative integer`);
      o[a.slice(2) as 'customers'] = n;
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** The generated backup as a Blob of ~1 MB parts (the records themselves are not kept). */
function makeBackup(o: ReturnType<typeof parseOpts>): { blob: Blob; records: number } {
  const t = performance.now();
  const data = generateShop({ seed: o.seed, platform: 'douyin', shopId: 'bench-shop', shopName: '基准测试店', customers: o.customers, endDay: '2026-11-20', days: o.days });
  const backup: Backup = { format: 'seller-lens-backup', version: 1, exportedAt: '2026-11-21T09:00:00+08:00', ...data, captures: [], platformSnapshots: [], audiences: [], exports: [] };
  // Parts of ~1 MB (a Blob of millions of tiny parts is slow to slice).
  const parts: string[] = [];
  let pending = '';
  for (const part of serializeBackupChunks(backup)) {
    pending += part;
    if (pending.length >= 1 << 20) {
      parts.push(pending);
      pending = '';
    }
  }
  parts.push(pending);
  const blob = new Blob(parts);
  const records = data.customers.length + data.orders.length + data.contacts.length;
  console.log(
    `backup: ${data.customers.length.toLocaleString('en')} customers, ${data.orders.length.toLocaleString('en')} orders, ` +
      `${data.contacts.length.toLocaleString('en')} contacts; ${(blob.size / 1e6).toFixed(0)} MB (made in ${ms(performance.now() - t)})`,
  );
  return { blob, records };
}

async function main() {
  const o = parseOpts(process.argv.slice(2));
  console.log(`seller-lens restore bench (validation); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const { blob, records } = makeBackup(o);
  collect();
  collect();
  const base = held();
  let t: number;

  for (const snapshot of [false, true]) {
    const wall: number[] = [], cpu: number[] = [];
    let after = 0;
    for (let i = 0; i < o.runs; i++) {
      collect();
      const c0 = process.cpuUsage();
      t = performance.now();
      const r = await validateBackupSource(blob, { snapshot });
      wall.push(performance.now() - t);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (!r.ok) throw new Error(r.reason);
      collect();
      after = held() - base;
      if (snapshot && !r.snapshot) throw new Error('no snapshot');
    }
    const w = median(wall);
    console.log(
      `${snapshot ? 'with snapshot   ' : 'validation alone'}: ${ms(w)} wall (${(w * 1000 / records).toFixed(2)} µs/record), ` +
        `${ms(median(cpu))} CPU (fastest run ${ms(Math.min(...wall))}, ${(Math.min(...wall) * 1000 / records).toFixed(2)} µs/record); runs ${wall.map(ms).join(', ')}; held after it ${mb(after)}`,
    );
  }

  if (o.write) {
    collect();
    const db = new SellerLensDb(`bench-restore-${Date.now()}`);
    let peak = 0, where = '', last: RestoreProgress['phase'] | '' = '';
    const sample = (p: RestoreProgress) => {
      const h = held() - base;
      if (h > peak) {
        peak = h;
        where = `${p.phase} ${p.total ? ((100 * p.done) / p.total).toFixed(0) : 0}%`;
      }
      if (p.phase !== last) last = p.phase;
    };
    t = performance.now();
    const r = await restoreShop(db, blob, { onProgress: sample });
    if (!r.ok) throw new Error(r.reason);
    console.log(`whole restore into fake-indexeddb: ${ms(performance.now() - t)}; peak held ${mb(peak)} at ${where} (above the backup Blob)`);
    db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
