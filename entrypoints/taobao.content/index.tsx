import { runConsoleCapture } from '@/components/overlay/mount';
import { TAOBAO_CONSOLES } from '@/lib/capture/consoles';

// Taobao/Tmall consoles: 千牛 (myseller / qn), 生意参谋 (sycm), 客户运营平台 (crm), 已卖出的宝贝 (trade).
export default defineContentScript({
  matches: TAOBAO_CONSOLES,
  allFrames: true, // 千牛 shows 客户运营平台 inside a frame
  runAt: 'document_idle',
  main: (ctx) => runConsoleCapture(ctx),
});
