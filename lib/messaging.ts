/** Typed messages between content scripts, popup, side panel and the background. */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CaptureBatch } from './capture/ingest';
import type { Platform, Shop } from './model';

export interface StoreReply {
  ok: boolean;
  /** Human-readable reason when ok is false. */
  reason?: string;
  /** False when sending the same batch again cannot help (refused: invalid, or not from the shop's console); else worth a retry. */
  retryable?: boolean;
  shopId?: string;
  /** Natural keys of the records this batch stored (for the tab's distinct count). */
  keys: string[];
  rejected: { row: number; reason: string }[];
  /** Of the badge's records (the batch's primary kind): how many were new to the store, how many changed (overlay summary). */
  added?: number;
  updated?: number;
  /** First and last day (UTC+8) of the badge's records in this batch, when they carry one. */
  days?: { from: string; to: string } | null;
}

/** State of capture in one tab, for the popup. */
export interface TabCaptureState {
  adapter: string | null;
  shopId: string | null;
  count: number;
  rejected: number;
  state: 'idle' | 'running' | 'done' | 'stopped' | 'error' | 'capped';
}

/** Tier labels, or ids in the customerTiers answer, per customerKey (首单 / 复购 / 高潜 / RFM class), from the side panel's latest report. */
export type CustomerTiers = Record<string, string[]>;


interface ProtocolMap {
  captureBatch(batch: CaptureBatch): StoreReply;
  tabCaptureState(): TabCaptureState;
  /** Tier ids (TierId of the settings registry) of the given customers of one shop (only those that have any); the overlay words them in its language. */
  customerTiers(req: { shopId: string; keys: string[] }): CustomerTiers;
  /** Opens the side panel for the sender's tab (the overlay's 打开侧边栏; the click's user gesture carries through the message, Chrome ≥ 116). */
  openSidePanel(): { ok: boolean; reason?: string };
  /** The shops already stored for a platform (the overlay's shop prompt offers them). */
  knownShops(req: { platform: Platform }): Shop[];
  /** Injects the generic table capture into a tab (popup button; activeTab grants the access). */
  injectGenericCapture(req: { tabId: number }): { ok: boolean; reason?: string };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
