/** The `completeness` request: the shop's data coverage for the window shown, and the consoles' figures for it. */
import { capturedPages, getDb } from '@/lib/db';
import { completeness, dataInputs } from '@/lib/engine/completeness';
import { consoleFigures } from '@/lib/engine/console-figures';
import { snapshotFor } from '../snapshot-cache';
import { afterOverview } from './report';
import { windowOf, type Handler } from './context';

/** `completeness`: reads the shop's capture summaries and console snapshots (never the captures' raw rows), counts the snapshot's inputs. */
export const handleCompleteness: Handler<'completeness'> = async (req, ctx) => {
  // The snapshot the analysis made for this token (shared while it is being made); no progress line of its own.
  // dataInputs reads hot columns only: a stored snapshot's cold ones stay unread.
  const c = await snapshotFor(req.shopId, req.token, () => undefined, false, true);
  await afterOverview(); // the panel's 概览 first: this strip is not its first screen
  const { window } = windowOf(c, req.window);
  const db = getDb();
  // A page seen again counts by its refresh, as the 上次采集 line does.
  const [captures, snapshots] = await Promise.all([capturedPages(db, req.shopId), db.platformSnapshots.where('shopId').equals(req.shopId).toArray()]);
  const result = completeness({ platform: c.snap.platform, window, inputs: dataInputs(c.snap, window), captures, snapshots });
  ctx.post({ id: req.id, ok: true, kind: 'completeness', result: { ...result, figures: consoleFigures(snapshots, window) } });
};
