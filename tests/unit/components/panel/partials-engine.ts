import type { PartialResult } from '@/components/engine/protocol';

/**
 * A stand-in for components/engine/client (for `vi.mock`): the panel's `analysis` gets `given()`'s partial
 * answers and never a final one, so a test sees exactly what the partial answers draw.
 */
export function partialsEngine(given: () => PartialResult[]) {
  return {
    EngineClient: class {
      analysis(_body: unknown, _progress: unknown, onPartial: (r: PartialResult) => void) {
        for (const p of given()) onPartial(p);
        return new Promise(() => undefined);
      }
      completeness() {
        return new Promise(() => undefined);
      }
    },
  };
}
