import { useTranslation } from 'react-i18next';
import type { Presentation } from '#protocol/collab/live.ts';

/** Who presents, and whether I follow; one button to stop following or to rejoin. */
export function PresentationBar({
  presentation,
  presenting,
  following,
  onFollow,
  onStop,
}: {
  presentation: Presentation;
  presenting: boolean;
  following: boolean;
  onFollow(follow: boolean): void;
  onStop(): void;
}) {
  const { t } = useTranslation();
  if (presenting) {
    return (
      <div className="presentation-bar presenting" role="status" data-testid="presentation-bar" data-state="presenting">
        <span>{t('presentation.youArePresenting')}</span>
        <button type="button" className="button danger" onClick={onStop}>
          {t('presentation.stop')}
        </button>
      </div>
    );
  }
  return (
    <div className="presentation-bar" role="status" data-testid="presentation-bar" data-state={following ? 'following' : 'not-following'}>
      <span>
        {following
          ? t('presentation.following', { name: presentation.presenterName })
          : t('presentation.notFollowing', { name: presentation.presenterName, page: presentation.page })}
      </span>
      <button type="button" className="button secondary" onClick={() => onFollow(!following)}>
        {following ? t('presentation.stopFollowing') : t('presentation.follow')}
      </button>
    </div>
  );
}
