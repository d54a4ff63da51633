import { runConsoleCapture } from '@/components/overlay/mount';
import { DOUYIN_CONSOLES } from '@/lib/capture/consoles';

// Douyin consoles: 抖店 (fxg.jinritemai.com) and 抖音电商罗盘 (compass.jinritemai.com).
export default defineContentScript({
  matches: DOUYIN_CONSOLES,
  runAt: 'document_idle',
  main: (ctx) => runConsoleCapture(ctx),
});
