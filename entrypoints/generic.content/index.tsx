import { runConsoleCapture } from '@/components/overlay/mount';

// The generic table capture on any site, injected from the popup's 采集此页表格 button through
// chrome.scripting with the activeTab grant (registered at runtime only: no host permission).
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  main: async (ctx) => {
    // A second click on the button must not mount a second overlay.
    const flag = '__sellerLensGeneric';
    const w = window as unknown as Record<string, boolean>;
    if (w[flag]) return;
    w[flag] = true;
    await runConsoleCapture(ctx, 'generic');
  },
});
