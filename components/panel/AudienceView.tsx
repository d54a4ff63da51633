import type { EngineClient } from '@/components/engine/client';
import type { RfmClass } from '@/lib/engine';
import type { ViewProps } from './types';

/** 人群: the audience builder (tags, expression, saved audiences, exports, conversion report). */
export function AudienceView({ t }: ViewProps & { engine: EngineClient; shopId: string | null; token: string | null; seed: { cls: RfmClass; n: number } | null }) {
  return (
    <section>
      <h2>{t('viewAudience')}</h2>
    </section>
  );
}
