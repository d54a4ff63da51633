#!/usr/bin/env node
// Makes sure a Chromium exists for the e2e tests and the demo. Playwright never downloads
// browsers here: we use Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasCjkFont = () => {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

if (existsSync(path) && hasCjkFont()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log(`[seller-lens] installing Debian's chromium and a CJK font (apt) …`);
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null', {
    stdio: 'inherit',
    shell: '/bin/bash',
  });
  if (existsSync(path)) process.exit(0);
}
if (existsSync(path)) {
  console.warn('[seller-lens] no CJK font: Chinese will render as boxes in screenshots. Install: sudo apt-get install -y fonts-wqy-microhei');
  process.exit(0);
}
console.error(
  `[seller-lens] Chromium not found at ${path}.\n` +
    `  Install it with:  sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-microhei\n` +
    `  or point CHROMIUM_PATH at a Chromium/Chrome binary (Playwright's own browser download is not used).`,
);
process.exit(1);
