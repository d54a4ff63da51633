/**
 * Which rejected rows are expected: rows the console always shows but that can never be a record
 * (生意参谋 lists visitors who were not logged in as "-" / 未登录). They still count as rejected
 * (SPEC §10 data-rejected: rows that could not be read as records), but the overlay shows them
 * neutrally as 跳过, not as reading errors.
 */
import { NO_VISITOR_REASON } from './adapters/sycm-visitors';

/** Why a row was skipped as normal (worded in lib/i18n/messages-overlay.ts as overlay_skip_<why>). */
export type SkipWhy = 'anonymousVisitor';

const EXPECTED: readonly { why: SkipWhy; reason: string }[] = [{ why: 'anonymousVisitor', reason: NO_VISITOR_REASON }];

/** The normal reason a row with this rejection reason was skipped, or null when it is a reading error. */
export function expectedSkip(reason: string): SkipWhy | null {
  // The background joins several reasons of one row with "; ": the row is a normal skip only when every part is.
  const parts = reason.split('; ').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  let why: SkipWhy | null = null;
  for (const part of parts) {
    const hit = EXPECTED.find((e) => part === e.reason);
    if (!hit || (why !== null && why !== hit.why)) return null;
    why = hit.why;
  }
  return why;
}
