/**
 * `npm run bench [-- --customers 200000 --days 600 --runs 5 --build-runs 3 --seed 7]`
 *
 * Generates a seeded shop with `generateShopStream` (default 200,000 customers over 600 days:
 * ≈ 1.0M orders, ≈ 3.6M explicit contacts), builds the engine snapshot, then times, as medians:
 *   - snapshot build, snapshotToBuffers / snapshotFromBuffers, propensity fit;
 *   - the streaming build (createSnapshotBuilder fed record by record, no records kept: what a
 *     restore does) and applySnapshotChanges of one capture batch to that snapshot as persisted;
 *   - (a) the full §9 report from the in-memory snapshot (fitted 高潜 model, as the extension);
 *   - (b) the report's core group-bys and joins written with arquero 7 (scripts/bench-arquero.ts),
 *         checked to give the same numbers as the engine;
 *   - (c) the ratio (b) / (a);
 * with peak memory of each phase; then the unit figures (scripts/bench-units.ts: generator, DMP
 * hashing, card search, tag index, expressions; `--no-units` skips them) and the capture figures.
 * Peak memory is per phase. Phases run in separate processes so each peak is its own: the
 * report and arquero phases start from the snapshot as persisted (like the extension's worker).
 *
 * The parts live in scripts/bench/: options, one module per phase, the printing, the orchestration.
 */
import { fileURLToPath } from 'node:url';
import { runBench } from './bench/main';

// Each phase runs this script again in its own process (`--phase build|stream|engine|arquero`).
runBench(fileURLToPath(import.meta.url));
