/** Typed messages between content scripts, popup, side panel and the background. */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CaptureBatch } from './capture/ingest';

export interface StoreReply {
  ok: boolean;
  /** Human-readable reason when ok is false. */
  reason?: string;
  shopId?: string;
  /** Natural keys of the records this batch stored (for the tab's distinct count). */
  keys: string[];
  rejected: { row: number; reason: string }[];
}

/** State of capture in one tab, for the popup. */
export interface TabCaptureState {
  adapter: string | null;
  shopId: string | null;
  count: number;
  rejected: number;
  state: 'idle' | 'running' | 'done' | 'stopped' | 'error';
}

interface ProtocolMap {
  captureBatch(batch: CaptureBatch): StoreReply;
  tabCaptureState(): TabCaptureState;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
