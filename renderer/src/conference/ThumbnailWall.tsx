import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useSession } from '../app/session-context.tsx';
import type { LiveSession } from '../presentation/use-live-session.ts';
import { shortSiteName } from './board.ts';
import { putWall } from './host-commands.ts';
import type { RemoteParticipant } from './media-session.ts';
import { ParticipantTile } from './StageView.tsx';
import { pageOf, wallPage } from './tiles.ts';
import { useCommand } from './use-command.ts';

/**
 * The host's wall of site thumbnails, one page at a time. The page shown is
 * sent to the server (PUT …/wall) so that only those sites send video, and
 * only their lowest layer.
 */
export function ThumbnailWall({
  meetingId,
  live,
  myId,
  byUser,
  audioOnly,
  onLayer,
}: {
  meetingId: string;
  live: LiveSession;
  myId: string;
  byUser: Map<string, RemoteParticipant>;
  audioOnly: boolean;
  onLayer: (consumerId: string, spatialLayer: number) => void;
}) {
  const { t } = useTranslation();
  const { token } = useSession();
  const { pending, error, run } = useCommand();
  const siteIds = live.sites.map((site) => site.userId);
  const { page, pages, userIds } = wallPage(siteIds, live.wall);
  const show = (next: number) => run(() => putWall(meetingId, token, pageOf(siteIds, next)));

  // The wall follows the board: a page that gained or lost a site is sent again (every host computes the same page).
  const wanted = userIds.join(',');
  const current = live.wall.join(',');
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (!wanted || wanted === current) return;
    const timer = setTimeout(() => {
      if (sent.current === wanted) return;
      sent.current = wanted;
      putWall(meetingId, token, wanted.split(',')).catch(() => (sent.current = null));
    }, 300);
    return () => clearTimeout(timer);
  }, [wanted, current, meetingId, token]);

  const nameOf = (userId: string) => shortSiteName(live.sites.find((site) => site.userId === userId)?.name ?? '…');
  return (
    <section className="thumbnail-wall" aria-labelledby="wall-heading" data-testid="thumbnail-wall">
      <header className="conference-subheader">
        <h3 id="wall-heading">{t('conference.host.wall')}</h3>
        {pages > 1 && (
          <span className="wall-paging">
            <button type="button" className="button secondary" disabled={pending || page === 0} onClick={() => show(page - 1)}>
              {t('conference.host.wallPrevious')}
            </button>
            <span>{t('conference.host.wallGroup', { page: page + 1, pages })}</span>
            <button type="button" className="button secondary" disabled={pending || page >= pages - 1} onClick={() => show(page + 1)}>
              {t('conference.host.wallNext')}
            </button>
          </span>
        )}
      </header>
      <ErrorMessage>{error}</ErrorMessage>
      <div className="wall-grid">
        {userIds
          .filter((userId) => userId !== myId)
          .map((userId) => (
            <ParticipantTile
              key={userId}
              userId={userId}
              name={nameOf(userId)}
              participant={byUser.get(userId)}
              place="wall"
              live={live}
              audioOnly={audioOnly}
              onLayer={onLayer}
            />
          ))}
      </div>
    </section>
  );
}
