/**
 * Issue 13 item 10: the panel's text colours (muted, up, down, rise, fall, link …) keep WCAG
 * contrast ≥ 4.5:1 on white cards and on the page background, read from panel.css's palette.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.join(__dirname, '../../../components/panel/panel.css'), 'utf8');

/** The :root custom properties of panel.css. */
function palette(): Record<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return Object.fromEntries([...root.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('palette contrast', () => {
  it('the ratio is the WCAG one (known pairs)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // The old muted grey (#86909c) was 3.24:1 on white: below the bar this test sets.
    expect(contrast('#86909c', '#ffffff')).toBeCloseTo(3.24, 2);
  });

  const vars = palette();
  const TEXT = ['text', 'label', 'muted', 'up', 'down', 'rise', 'fall', 'link', 'warn'] as const;
  it.each(TEXT)('--%s is ≥ 4.5:1 on white and on --bg', (name) => {
    const colour = vars[name];
    expect(colour, `--${name} in panel.css`).toMatch(/^#[0-9a-f]{6}$/i);
    expect(vars.bg).toMatch(/^#[0-9a-f]{6}$/i);
    expect(contrast(colour!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour!, vars.bg!)).toBeGreaterThanOrEqual(4.5);
  });

  it('a rise and a fall look different (red up, green down, as the consoles)', () => {
    const [r, , b] = [1, 3, 5].map((i) => parseInt(vars.rise!.slice(i, i + 2), 16));
    const [, g2] = [1, 3, 5].map((i) => parseInt(vars.fall!.slice(i, i + 2), 16));
    const g1 = parseInt(vars.rise!.slice(3, 5), 16);
    expect(r!).toBeGreaterThan(g1);
    expect(r!).toBeGreaterThan(b!);
    expect(g2!).toBeGreaterThan(parseInt(vars.fall!.slice(1, 3), 16));
  });
});
