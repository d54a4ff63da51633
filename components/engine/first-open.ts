/**
 * The side panel's first analysis, asked as its page starts (cold open, issue 14): before React has
 * rendered and before the page's Dexie queries (the shops, then the shop's data token) know which shop
 * the panel opens on, the engine worker is asked for the analysis of the shop it would open on
 * (`openAnalysis`: the worker resolves the shop and token with the page's own functions and posts them
 * first). The answer is held here until the panel's queries arrive: adopted when they name the same shop
 * at the same token for the default window (nothing is sent again), dropped otherwise (never shown), and
 * the panel then asks as usual. The popup does not use it.
 */
import { startPanelEngine, takeBootWorker } from './boot';
import { EngineClient } from './client';
import type { AnalysisResult, OpenBasis, PartialResult, WindowRequest } from './protocol';

type Sink = { onProgress: (t: string) => void; onPartial: (r: PartialResult) => void };

/** The early answer of the panel's first analysis, held until the panel's own queries say whether it is theirs. */
export class FirstAnalysis {
  /** Page ms when the request went out (bench builds report it as pageToRequest). */
  readonly sentAt = performance.now();
  private readonly basis: Promise<OpenBasis | null>;
  private answer: Promise<AnalysisResult | null> | null;
  private sink: Sink | null = null;
  /** What came before the panel adopted it: the last progress line and the last partial answer (each supersedes the one before). */
  private held: { progress?: string; partial?: PartialResult } | null = {};
  private decided = false;

  constructor(engine: EngineClient) {
    let setBasis: (b: OpenBasis | null) => void = () => undefined;
    this.basis = new Promise((resolve) => (setBasis = resolve));
    this.answer = engine.openAnalysis(
      (b) => setBasis(b),
      (p) => (this.sink ? this.sink.onProgress(p) : this.held && (this.held.progress = p)),
      (r) => (this.sink ? this.sink.onPartial(r) : this.held && (this.held.partial = r)),
    );
    // No shop, or a request that failed before naming one: nothing to adopt (the panel's own request shows any error).
    this.answer.then(
      () => setBasis(null),
      () => setBasis(null),
    );
  }

  /**
   * The early answer as the analysis of `shopId` at data token `token` for `window`, once the worker has named its
   * shop: when it computed exactly that (the default window), what came so far is replayed to the callbacks and
   * `job` is its answer; else null, and the early answer is dropped (never shown). Decided on the first call: later
   * calls, and a call for another window, get null at once.
   */
  adopt(shopId: string, token: string, window: WindowRequest, onProgress: (t: string) => void, onPartial: (r: PartialResult) => void): Promise<{ job: Promise<AnalysisResult> } | null> | null {
    if (this.decided) return null;
    this.decided = true;
    if (window.from || window.to) return this.drop();
    return this.basis.then((basis) => {
      const answer = this.answer;
      const held = this.held ?? {};
      if (!answer || !basis || basis.shopId !== shopId || basis.token !== token) return this.drop();
      this.answer = null;
      this.held = null;
      this.sink = { onProgress, onPartial };
      if (held.progress) onProgress(held.progress);
      if (held.partial) onPartial(held.partial);
      return {
        job: answer.then((r) => {
          if (!r) throw new Error('the first analysis named a shop but answered none');
          return r;
        }),
      };
    });
  }

  /** Lets the early answer go: what comes of it is ignored. */
  private drop(): null {
    this.answer = null;
    this.held = null;
    return null;
  }
}

let started: { engine: EngineClient; first: FirstAnalysis } | undefined;

/** Starts the side panel's engine worker (./boot.ts) and sends its first analysis at once. */
export function openPanelEngine(): void {
  startPanelEngine();
  const engine = new EngineClient(takeBootWorker());
  started = { engine, first: new FirstAnalysis(engine) };
}

/** The engine and first analysis started by `openPanelEngine`, handed over once (undefined in the popup and in tests). */
export function takePanelEngine(): { engine: EngineClient; first: FirstAnalysis } | undefined {
  const s = started;
  started = undefined;
  return s;
}
