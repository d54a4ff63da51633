import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { t as translate, type Lang, type MessageKey } from '@/lib/i18n/messages';
import { LANG_STORAGE_KEY } from './useLang';

interface Props {
  children: ReactNode;
  t: (k: MessageKey) => string;
  /** Which view this guards (data-view on the message, for tests and bug reports). */
  view: string;
  /** 返回概览: offered when the failed view is not the overview itself. */
  onBack?: () => void;
}

interface State {
  error: Error | null;
  /** Bumped by 重试 so the view mounts afresh. */
  attempt: number;
}

/**
 * Error boundary around one view: a throw while rendering shows a message with 重试 / 返回概览
 * instead of blanking the whole side panel (the tabs, 删除 in 数据 and backup stay reachable).
 */
export class ViewBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for a bug report; the merchant sees the message below.
    console.error(`seller-lens: view ${this.props.view} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, attempt } = this.state;
    const { t, view, onBack, children } = this.props;
    if (!error) return <Fragment key={attempt}>{children}</Fragment>;
    return (
      <div className="error view-error" role="alert" data-testid="view-error" data-view={view}>
        <p>{t('viewFailed')}</p>
        <p className="muted small">
          {t('viewFailedDetail')}: {error.message}
        </p>
        <div className="buttons">
          <button type="button" data-testid="view-error-retry" onClick={() => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }))}>
            {t('retry')}
          </button>
          {onBack && (
            <button type="button" data-testid="view-error-back" onClick={onBack}>
              {t('backToOverview')}
            </button>
          )}
        </div>
      </div>
    );
  }
}

/** Last-resort boundary around a whole page (side panel, popup): a message and 重新加载. */
export class AppBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    // Outside the Dashboard there is no language hook: read the remembered language directly.
    const lang: Lang = globalThis.localStorage?.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh';
    return (
      <div className="error app-error" role="alert" data-testid="app-error">
        <p>{translate('appFailed', lang)}</p>
        <p className="muted small">{this.state.error.message}</p>
        <button type="button" onClick={() => location.reload()}>
          {translate('reload', lang)}
        </button>
      </div>
    );
  }
}
