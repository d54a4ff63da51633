/** The overlay's small observable state outside the capture session (mapping dialog, pick mode, shop prompt, language). */
import type { Lang } from '@/lib/i18n/messages';
import type { Platform, Shop } from '@/lib/model';
import type { DialogTable } from './MappingDialog';

/** State of the generic parts of the overlay (mapping dialog, pick mode), the language and the side panel's opening, outside the capture session. */
export interface Extras {
  generic: boolean;
  tables: DialogTable[];
  review: number;
  dialogOpen: boolean;
  picking: boolean;
  pickBox: { left: number; top: number; width: number; height: number } | null;
  picked: boolean;
  /** The overlay's language (the side panel's, registry uiLangSetting): a change redraws the overlay. */
  lang: Lang;
  /** Why 打开侧边栏 did not open the side panel, if it did not. */
  panelStatus: string | null;
  /** The shop prompt, while the page shows no shop (SPEC §10 shop-prompt). */
  shopPrompt: { platform: Platform; known: Shop[] } | null;
  /** The page's own JSON: what was mapped and ignored (one line). */
  observedText: string | null;
}

/** A value with listeners: `set` merges a patch and tells every listener. */
export class Store<T> {
  private listeners = new Set<(v: T) => void>();
  constructor(public value: T) {}
  set(patch: Partial<T>) {
    this.value = { ...this.value, ...patch };
    for (const fn of this.listeners) fn(this.value);
  }
  subscribe(fn: (v: T) => void): () => void {
    this.listeners.add(fn);
    fn(this.value);
    return () => this.listeners.delete(fn);
  }
}
