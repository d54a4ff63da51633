/** What every request handler of the engine worker gets: its request, a way to answer, progress, timings. */
import { latestDataDay, resolveWindow, type DayWindow } from '@/lib/engine';
import { today } from '@/lib/model';
import type { StepTimer } from '../bench-timings';
import type { EngineRequest, EngineResponse, ProgressVars, WindowRequest } from '../protocol';
import type { CachedShop } from '../snapshot-cache';

/** The request kinds the worker answers. */
export type RequestKind = EngineRequest['kind'];

/** One request of kind `K`. */
export type RequestOf<K extends RequestKind> = Extract<EngineRequest, { kind: K }>;

export interface HandlerContext {
  /** Sends a message to the page (answer, partial answer); `transfer` moves buffers instead of copying. */
  post(msg: EngineResponse, transfer?: Transferable[]): void;
  /** The status line the page shows while the request runs: a catalogue key and its values (the page words it in its language). */
  progress(key: string, vars?: ProgressVars): void;
  /** `performance.now()` when the request arrived (its `ms` is measured from there). */
  startedAt: number;
  /** Bench builds' step timings (no-op otherwise). */
  timer: StepTimer;
}

/** Answers one request kind: posts the answer (and any partial answers) itself; a throw becomes the error answer. */
export type Handler<K extends RequestKind> = (req: RequestOf<K>, ctx: HandlerContext) => Promise<void>;

/** The shop's latest data day and the window a request asks for, resolved against it. */
export function windowOf(c: CachedShop, request: WindowRequest): { latestDay: string; window: DayWindow } {
  const latestDay = latestDataDay(c.snap, today());
  return { latestDay, window: resolveWindow(request, latestDay) };
}
