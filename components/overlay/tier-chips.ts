/** Tier chips beside buyer names: labels from the background (the side panel's tier cache), placed over the page's table, redrawn on scroll and resize. */
import type { GenericTableRead } from '@/lib/capture/generic';
import type { Adapter } from '@/lib/capture/adapters';
import { sendMessage } from '@/lib/messaging';
import { settingKey, tierStampSetting } from '@/lib/db/settings/registry';
import { findChipAnchors, placeChips, type ChipAnchor } from './chips';
import { debounce } from './dom';
import type { CaptureSession } from './session';
import type { Extras, Store } from './store';


export interface TierChipDeps {
  session: CaptureSession;
  extras: Store<Extras>;
  specific: () => Adapter | null;
  lastGeneric: () => GenericTableRead[];
  signal: AbortSignal;
}

/** The chips of one tab; listeners and the poll end when `signal` aborts. */
export function createTierChips(d: TierChipDeps) {
  const { session, extras, signal } = d;
  let tiers: Record<string, string[]> = {};
  let anchors: ChipAnchor[] = [];
  let tierSig = '';

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
    anchors = findChipAnchors(chipRoots(), session.customers, tiers);
    schedulePlace();
  }
  let placing = false;
  function schedulePlace() {
    if (placing || signal.aborted) return;
    placing = true;
    requestAnimationFrame(() => {
      placing = false;
      const chips = placeChips(
        anchors.filter((a) => a.range.startContainer.isConnected),
        { width: window.innerWidth, height: window.innerHeight },
      );
      extras.set({ chips });
    });
  }
  const relocateSoon = debounce(relocate, 150, signal);

  /** Starts following the viewport and the labels (pushed: the panel stamps tierStamp:<shopId> when they change), until `signal` aborts. */
  function start() {
    const onViewport = () => schedulePlace();
    window.addEventListener('scroll', onViewport, { capture: true, passive: true, signal });
    window.addEventListener('resize', onViewport, { passive: true, signal });
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      const shopId = session.view.shopId;
      if (area === 'local' && shopId && Object.hasOwn(changes, settingKey(tierStampSetting, shopId))) void refreshTiers();
    };
    browser.storage.onChanged.addListener(onStorage);
    signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage), { once: true });
  }

  return { refreshTiers, relocateSoon, start };
}
