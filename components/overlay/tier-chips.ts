/**
 * Tier chips beside buyer names: tier ids from the background (the side panel's tier cache), worded
 * in the overlay's language, drawn inline right after the name (chips.ts) in a host element whose
 * open shadow root holds the chips — never over the console's text, once per buyer per row.
 */
import type { GenericTableRead } from '@/lib/capture/generic';
import type { Adapter } from '@/lib/capture/adapters';
import { sendMessage } from '@/lib/messaging';
import { settingKey, tierLabel, tierStampSetting, TIER_IDS, type TierId } from '@/lib/db/settings/registry';
import { findChipAnchors, type ChipAnchor } from './chips';
import { debounce } from './dom';
import type { CaptureSession } from './session';
import { overlayLang } from './text';

/** The chips' host element (a custom element name: page styles rarely reach it; no definition needed for a shadow root). */
const CHIP_TAG = 'SELLER-LENS-CHIP';

const CHIP_CSS = `
:host { all: initial; display: inline-flex; vertical-align: middle; margin-left: 4px; }
.sl-chip-group { display: inline-flex; align-items: center; gap: 2px; white-space: nowrap; font: 11px/1 -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
.sl-chip { display: inline-block; padding: 2px 4px; border-radius: 3px; border: 1px solid; }
.sl-chip-first { color: #0a7a2f; border-color: #7be188; background: #e8ffea; }
.sl-chip-repeat { color: #0e42d2; border-color: #94bfff; background: #e8f3ff; }
.sl-chip-potential { color: #a34a00; border-color: #ffcf8b; background: #fff7e8; }
.sl-chip-rfm { color: #5b1fa8; border-color: #c396ed; background: #f5e8ff; }
`;

/** The chip's colour by tier id. */
function chipTone(id: string): string {
  if (id === 'firstOrder') return 'first';
  if (id === 'repeat') return 'repeat';
  if (id === 'highPotential') return 'potential';
  return 'rfm';
}

const isTierId = (id: string): id is TierId => (TIER_IDS as readonly string[]).includes(id);

/** True for the chips' host elements (not part of the console's page). */
const isChipHost = (n: Node): boolean => n.nodeName === CHIP_TAG;

/** True when a mutation is only the chips being drawn or removed (not a change of the console's page). */
export function isChipMutation(r: MutationRecord): boolean {
  if (r.type !== 'childList') return false;
  const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
  return nodes.length > 0 && nodes.every(isChipHost);
}

/** A host with the chips of one buyer, in `lang`. */
function chipHost(doc: Document, a: ChipAnchor, lang: 'zh' | 'en'): HTMLElement {
  const host = doc.createElement(CHIP_TAG.toLowerCase());
  const labels = a.ids.filter(isTierId).map((id) => tierLabel(id, lang));
  host.dataset.key = `${a.customerKey}|${a.ids.join(',')}|${lang}`;
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CHIP_CSS;
  const group = doc.createElement('span');
  group.className = 'sl-chip-group';
  group.dataset.testid = 'tier-chip';
  group.dataset.customer = a.customerKey;
  group.dataset.labels = labels.join(',');
  a.ids.filter(isTierId).forEach((id, i) => {
    const chip = doc.createElement('span');
    chip.className = `sl-chip sl-chip-${chipTone(id)}`;
    chip.textContent = labels[i]!;
    group.append(chip);
  });
  root.append(style, group);
  return host;
}

/** Draws the chips of `anchors` (each right after its name), keeping hosts that are already right and removing every other host of ours. */
export function drawChips(anchors: readonly ChipAnchor[], hosts: Set<HTMLElement>, lang: 'zh' | 'en'): void {
  const keep = new Set<HTMLElement>();
  for (const a of anchors) {
    const want = `${a.customerKey}|${a.ids.join(',')}|${lang}`;
    const next = a.after.nextSibling;
    if (next instanceof HTMLElement && hosts.has(next) && next.dataset.key === want && !keep.has(next)) {
      keep.add(next);
      continue;
    }
    const parent = a.after.parentNode;
    if (!parent) continue;
    const host = chipHost(a.after.ownerDocument ?? document, a, lang);
    parent.insertBefore(host, a.after.nextSibling);
    hosts.add(host);
    keep.add(host);
  }
  for (const h of hosts) {
    if (keep.has(h)) continue;
    h.remove();
    hosts.delete(h);
  }
}

export interface TierChipDeps {
  session: CaptureSession;
  specific: () => Adapter | null;
  lastGeneric: () => GenericTableRead[];
  signal: AbortSignal;
}

/** The chips of one tab; listeners end, and the chips are removed, when `signal` aborts. */
export function createTierChips(d: TierChipDeps) {
  const { session, signal } = d;
  let tiers: Record<string, string[]> = {};
  let tierSig = '';
  const hosts = new Set<HTMLElement>();

  async function refreshTiers() {
    const shopId = session.view.shopId;
    if (!shopId || session.customers.size === 0 || signal.aborted) return;
    try {
      tiers = await sendMessage('customerTiers', { shopId, keys: [...session.customers.keys()] });
    } catch {
      return; // the background restarted; the next stamp or capture asks again
    }
    const sig = JSON.stringify(tiers);
    if (sig !== tierSig) {
      tierSig = sig;
      relocate();
    }
  }
  function chipRoots(): Element[] {
    const adapter = d.specific();
    if (adapter) {
      const el = adapter.findTable(document);
      return el ? [el] : [];
    }
    return d.lastGeneric().map((g) => g.table.el).filter((el) => el.isConnected);
  }
  function relocate() {
    if (signal.aborted) return;
    drawChips(findChipAnchors(chipRoots(), session.customers, tiers), hosts, overlayLang());
  }
  const relocateSoon = debounce(relocate, 150, signal);

  /** Follows the labels (pushed: the panel stamps tierStamp:<shopId> when they change) until `signal` aborts. */
  function start() {
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      const shopId = session.view.shopId;
      if (area === 'local' && shopId && Object.hasOwn(changes, settingKey(tierStampSetting, shopId))) void refreshTiers();
    };
    browser.storage.onChanged.addListener(onStorage);
    signal.addEventListener(
      'abort',
      () => {
        browser.storage.onChanged.removeListener(onStorage);
        for (const h of hosts) h.remove();
        hosts.clear();
      },
      { once: true },
    );
  }

  return { refreshTiers, relocateSoon, relocate, start };
}
