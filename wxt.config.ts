import { defineConfig } from 'wxt';
import { CONSOLE_MATCHES } from './lib/capture/consoles';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Parallel builds (several engineers, one checkout) can each use their own output folder.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // ES-module workers keep dynamic imports (exceljs) in their own chunks: the default (iife) inlines
  // them, and the engine worker then loads ~1.3 MB of script before it can read a snapshot.
  vite: () => ({ worker: { format: 'es' } }),
  manifest: ({ browser }) => ({
    name: 'seller-lens 客户资产透镜',
    description: '在商家后台之上看清客户资产：采集、分层、通路、导出，数据只留在本机。',
    // Firefox has sidebar_action (WXT maps the side panel to it) and no sidePanel permission.
    // activeTab + scripting: 采集此页表格 injects the generic capture into the tab the merchant is on (no broad host permission).
    permissions:
      browser === 'firefox'
        ? ['storage', 'unlimitedStorage', 'activeTab', 'scripting']
        : ['storage', 'unlimitedStorage', 'sidePanel', 'activeTab', 'scripting'],
    // SELLER_LENS_E2E_GRANT_HOSTS (e2e builds only): hosts granted up front, standing in for the activeTab
    // grant a real toolbar click gives, which Playwright cannot click. Production builds never set it.
    host_permissions: [...CONSOLE_MATCHES, ...(process.env.SELLER_LENS_E2E_GRANT_HOSTS ?? '').split(',').filter(Boolean)],
    // No eval; WebAssembly (hash-wasm for DMP hashing) is allowed to compile.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    action: { default_title: 'seller-lens' },
  }),
});
