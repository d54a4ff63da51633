/** EngineClient: a worker that fails answers nothing more, so every waiting request fails (never "running" forever). */
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in Worker that never answers and can fail. */
class SilentWorker {
  static last: SilentWorker | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  posted: unknown[] = [];
  constructor() {
    SilentWorker.last = this;
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('EngineClient when its worker fails', () => {
  it('rejects every waiting request with EngineStoppedError', async () => {
    vi.stubGlobal('Worker', SilentWorker);
    const { EngineClient, EngineStoppedError } = await import('@/components/engine/client');
    const client = new EngineClient();
    const restore = client.restore({ kind: 'restore', file: new Blob(['{}']) });
    const preview = client.restorePreview({ kind: 'restorePreview', file: new Blob(['{}']) });
    expect(SilentWorker.last!.posted).toHaveLength(2);
    SilentWorker.last!.onerror!({ message: 'Uncaught RangeError: Array buffer allocation failed' } as ErrorEvent);
    await expect(restore).rejects.toBeInstanceOf(EngineStoppedError);
    await expect(preview).rejects.toThrow('Array buffer allocation failed');
  });
});
