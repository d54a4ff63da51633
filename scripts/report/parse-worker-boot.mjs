// The parse thread's entry (plain JavaScript, so any Node starts it — under tsx and under vitest
// alike): tsx's loader registered in this thread, then the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
