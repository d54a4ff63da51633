/**
 * A parse thread of the report CLI: slices of the backup file (whole lines) in, compact columns
 * out (parse-chunk.ts), in the order they came; the typed arrays are moved, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { ChunkParser, forPosting, transferables } from './parse-chunk';

const parser = new ChunkParser();
parentPort!.on('message', (m: { seq: number; buffer: ArrayBuffer; length: number; first: boolean }) => {
  const r = parser.parse(new Uint8Array(m.buffer, 0, m.length), m.first);
  // The slice's buffer goes back too, for the next slice (no fresh 4 MB buffer a slice).
  parentPort!.postMessage({ seq: m.seq, r: forPosting(r), buffer: m.buffer }, [...transferables(r), m.buffer]);
});
