import { runConsoleCapture } from '@/components/overlay/mount';

// Douyin consoles: 抖店 (fxg.jinritemai.com) and 抖音电商罗盘 (compass.jinritemai.com).
export default defineContentScript({
  matches: ['https://*.jinritemai.com/*'],
  runAt: 'document_idle',
  main: (ctx) => runConsoleCapture(ctx),
});
