import { isObservedUrl } from '@/lib/capture/observe/allow-list';
import { bufferedPoster, installTap } from '@/lib/capture/observe/tap';
import { CONSOLE_MATCHES } from '@/lib/capture/consoles';

/** Bodies above this are counted, not copied (a console list page is a few hundred KB). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

// The network tap (SPEC §8 "observed"): in the page's main world, before the page's own scripts,
// in every console frame. Firefox's MV2 build has no main-world content scripts: it is left out
// there and capture reads the DOM alone.
export default defineContentScript({
  matches: CONSOLE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  exclude: ['firefox'],
  main() {
    try {
      installTap(window, { allow: (url) => isObservedUrl(url), post: bufferedPoster(window), maxBytes: MAX_BODY_BYTES });
    } catch {
      /* the page must keep working whatever happens here */
    }
  },
});
