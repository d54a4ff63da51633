import { defineConfig } from 'wxt';

// Console domains only (least privilege); the generic adapter on other sites uses activeTab.
export const CONSOLE_MATCHES = [
  'https://*.jinritemai.com/*',
  'https://*.taobao.com/*',
  'https://*.tmall.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Parallel builds (several engineers, one checkout) can each use their own output folder.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: 'seller-lens 客户资产透镜',
    description: '在商家后台之上看清客户资产：采集、分层、通路、导出，数据只留在本机。',
    // Firefox has sidebar_action (WXT maps the side panel to it) and no sidePanel permission.
    permissions: browser === 'firefox' ? ['storage', 'unlimitedStorage'] : ['storage', 'unlimitedStorage', 'sidePanel'],
    host_permissions: CONSOLE_MATCHES,
    // No eval; WebAssembly (hash-wasm for DMP hashing) is allowed to compile.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    action: { default_title: 'seller-lens' },
  }),
});
