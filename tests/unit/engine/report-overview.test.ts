/**
 * The side panel posts the 概览's part of a report first (analyzeOverview), then the whole report
 * (completeAnalysis): the part holds exactly the 概览's fields, each as its indicator computes it
 * alone, and the whole report is the §9 report with every field in registry order.
 */
import { describe, expect, it } from 'vitest';
import { analyzeOverview, completeAnalysis, newWindowScans, ReportSchema, type PropensityScorer } from '@/lib/engine';
import { indicatorList } from '@/lib/engine/indicators';
import { BIG, run } from './indicators/input';

const HEADER = ['format', 'version', 'shopId', 'window', 'previousWindow'];
const OVERVIEW = ['douyin', 'taobao', 'assets', 'metrics'];
// A scorer that ranks by customer index, so 高潜 is not empty and its count depends on the scorer passed.
const byIndex: PropensityScorer = (_s, _d, candidates) => Float64Array.from(candidates, (i) => (i % 3 === 0 ? 0.9 : 0.1));

describe('the 概览 part of a report, then the rest', () => {
  const part = analyzeOverview(BIG.snap, BIG.window, { scorer: byIndex, scans: newWindowScans() });

  it('holds the header and the 概览 fields only', () => {
    expect(Object.keys(part.report)).toEqual([...HEADER, ...OVERVIEW]);
    expect(Object.keys(part.sets)).toEqual(OVERVIEW);
  });

  it('has each 概览 field as its indicator computes it alone', () => {
    for (const id of OVERVIEW) {
      const indicator = indicatorList.find((i) => i.id === id)!;
      expect(part.report[id as keyof typeof part.report]).toEqual(run(indicator, BIG.snap, BIG.window, { scorer: byIndex }).field);
    }
    expect(part.report.douyin.highPotential).toBeGreaterThan(0);
  });

  it('completes into the §9 report, every field in registry order, the rest as computed alone', () => {
    const whole = completeAnalysis(part);
    expect(Object.keys(whole.report)).toEqual([...HEADER, ...indicatorList.map((i) => i.id)]);
    expect(Object.keys(whole.sets)).toEqual(indicatorList.map((i) => i.id));
    expect(Object.keys(ReportSchema.shape)).toEqual(Object.keys(whole.report));
    expect(ReportSchema.parse(whole.report)).toEqual(whole.report);
    for (const indicator of indicatorList.filter((i) => !OVERVIEW.includes(i.id))) {
      expect(whole.report[indicator.id as keyof typeof whole.report]).toEqual(run(indicator, BIG.snap, BIG.window, { scorer: byIndex }).field);
    }
    for (const id of OVERVIEW) expect(whole.report[id as keyof typeof whole.report]).toBe(part.report[id as keyof typeof part.report]);
  });
});
