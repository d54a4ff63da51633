import type { ViewExtras } from '@/components/engine/extras';
import type { PreviousFigures, Report } from '@/lib/engine';
import type { Lang, MessageKey } from '@/lib/i18n/messages';

/** The side panel's views (tabs), in tab order. */
export const VIEWS = ['overview', 'sales', 'potential', 'rfm', 'data', 'audience'] as const;
export type ViewId = (typeof VIEWS)[number];

/** A drillable number: the lib/audience tag whose members it counts, and the label the member list is titled with. */
export interface MemberRef {
  tagId: string;
  label: string;
}

/** What every view gets: the report of the window shown, its previous window, and the worker's extras. */
export interface ViewProps {
  report: Report | null;
  prev: PreviousFigures | null;
  extras: ViewExtras | null;
  /** The 高潜 counts are not scored yet (first opening of the day): shown as pending. */
  highPotentialPending?: boolean;
  t: (k: MessageKey) => string;
  lang: Lang;
  /** Opens the member list behind a number (tier card, RFM class, pathway step); absent where no drill is offered. */
  openMembers?: (ref: MemberRef) => void;
}
