/**
 * One row of the multi-shop summary: a shop's headline figures read off the very report the CLI
 * prints (reportOfLoaded), or the reason its file was refused. Plain data, so a worker thread can
 * post it to the main thread as is (structured clone).
 */
import type { Report } from '../../lib/engine';
import type { Shop } from '../../lib/model';

/** The headline figures of one shop for one window (money in fen, rates unrounded or null). */
export interface ShopFigures {
  shopId: string;
  name: string;
  platform: Shop['platform'];
  window: { start: string; end: string };
  previousWindow: { start: string; end: string };
  tiers: {
    users: number;
    purchasers: number;
    firstOrder: number;
    repeat: number;
    highPotential: number;
    newVisitors: number;
    unpurchasedReturning: number;
    purchasedReturning: number;
  };
  pathways: { newVisitorSameDay: number | null; unpurchasedReturn: number | null; repurchase: number | null };
  gmvFen: number;
  orders: number;
  purchasers: number;
  aovFen: number | null;
  previous: { gmvFen: number; purchasers: number; aovFen: number | null };
  change: { gmvFen: number | null; purchasers: number | null; aovFen: number | null };
}

/** A row of the summary table: the file and either its shop's figures or why it was refused. */
export type SummaryRow = { file: string; status: 'ok'; figures: ShopFigures } | { file: string; status: 'refused'; reason: string };

/** The headline figures of a shop's report. */
export function figuresOf(shop: Shop, report: Report): ShopFigures {
  const { douyin, taobao, metrics } = report;
  return {
    shopId: shop.shopId,
    name: shop.name,
    platform: shop.platform,
    window: { ...report.window },
    previousWindow: { ...report.previousWindow },
    tiers: {
      users: douyin.users,
      purchasers: douyin.purchasers,
      firstOrder: douyin.firstOrder,
      repeat: douyin.repeat,
      highPotential: douyin.highPotential,
      newVisitors: taobao.newVisitors,
      unpurchasedReturning: taobao.unpurchasedReturning,
      purchasedReturning: taobao.purchasedReturning,
    },
    pathways: {
      newVisitorSameDay: taobao.pathways.newVisitorSameDay.rate,
      unpurchasedReturn: taobao.pathways.unpurchasedReturn.rate,
      repurchase: taobao.pathways.repurchase.rate,
    },
    gmvFen: metrics.gmvFen,
    orders: metrics.orders,
    purchasers: metrics.purchasers,
    aovFen: metrics.aovFen,
    previous: { gmvFen: metrics.previous.gmvFen, purchasers: metrics.previous.purchasers, aovFen: metrics.previous.aovFen },
    change: { gmvFen: metrics.change.gmvFen, purchasers: metrics.change.purchasers, aovFen: metrics.change.aovFen },
  };
}
