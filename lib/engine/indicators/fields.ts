/** zod building blocks of the §9 report fields: counts, fen, rates, changes, days. */
import { z } from 'zod';

/** A count of customers or orders. */
export const Count = z.number().int().nonnegative();
/** Integer fen. */
export const Money = z.number().int().nonnegative();
/** An unrounded fraction, null when its denominator is 0. */
export const Rate = z.number().min(0).max(1).nullable();
/** (cur − prev) / prev, null when unknown. */
export const Change = z.number().nullable();
/** A `YYYY-MM-DD` day. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A window of days, both included. */
export const Window = z.object({ start: Day, end: Day });
