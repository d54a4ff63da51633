#!/usr/bin/env node
// Makes sure LibreOffice Calc exists for tests/unit/export/spreadsheet-roundtrip.test.ts, which opens
// every CSV and XLSX export in a real spreadsheet engine. Like ensure-chromium.mjs: Debian's package
// via apt when run as root, otherwise the exact command to run. The smallest package that converts
// headless is libreoffice-calc-nogui without recommends (no X11, no Java).
import { spawnSync, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const soffice = process.env.SOFFICE_PATH ?? 'soffice';
const works = () => {
  const r = spawnSync(soffice, ['--version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
};

if (works()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
const install = 'apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui';
if (isRoot && hasApt && !process.env.SOFFICE_PATH) {
  console.log('[seller-lens] installing LibreOffice Calc (headless, apt: libreoffice-calc-nogui) …');
  execSync(`(apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui || (apt-get update -qq && ${install})) >/dev/null`, {
    stdio: 'inherit',
    shell: '/bin/bash',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (works()) process.exit(0);
}
console.error(
  `[seller-lens] LibreOffice Calc (${soffice}) not found; the spreadsheet round-trip test needs it.\n` +
    `  Install it with:  sudo apt-get update && sudo ${install}\n` +
    '  or point SOFFICE_PATH at a soffice binary.',
);
process.exit(1);
