import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useSession } from '../app/session-context.tsx';
import { requestFloor, withdrawFloorRequest } from '../floor/floor-commands.ts';
import type { LiveSession } from '../presentation/use-live-session.ts';
import { confirmRollCall } from './host-commands.ts';
import { useCommand } from './use-command.ts';

/**
 * A site's answer to the host's roll call (điểm danh): one large button,
 * then the confirmation as the board records it.
 */
export function RollCallBanner({ meetingId, live }: { meetingId: string; live: LiveSession }) {
  const { t } = useTranslation();
  const { token, user } = useSession();
  const { pending, error, run } = useCommand();
  if (!live.conferenceSettings.rollCallOpen) return null;
  const confirmed = live.sites.find((site) => site.userId === user.id)?.rollCallConfirmed ?? false;
  return (
    <div className={`roll-call-banner${confirmed ? ' confirmed' : ''}`} role="region" aria-label={t('conference.rollCall.open')} data-testid="roll-call">
      {confirmed ? (
        <p className="roll-call-done">✓ {t('conference.rollCall.confirmed')}</p>
      ) : (
        <>
          <p>{t('conference.rollCall.open')}</p>
          <button type="button" className="button primary roll-call-button" disabled={pending} onClick={() => run(() => confirmRollCall(meetingId, token))}>
            {t('conference.rollCall.confirm')}
          </button>
        </>
      )}
      <ErrorMessage>{error}</ErrorMessage>
    </div>
  );
}

/**
 * "Giơ tay": a request for the floor (the same queue the chair works from in
 * the session panel), with our place in it. Granting it puts us on the stage
 * and turns our microphone on.
 */
export function RaiseHand({ meetingId, live }: { meetingId: string; live: LiveSession }) {
  const { t } = useTranslation();
  const { token, user } = useSession();
  const { pending, error, run } = useCommand();
  const position = live.floor.queue.findIndex((entry) => entry.userId === user.id);
  const mine = live.floor.queue[position];
  if (live.floor.current?.userId === user.id) return <p className="raise-hand speaking">{t('conference.hand.speaking')}</p>;
  return (
    <div className="raise-hand" data-testid="raise-hand">
      {mine ? (
        <>
          <span className="hand-position">
            <span aria-hidden="true">✋</span> {t('conference.hand.waiting', { position: position + 1 })}
          </span>
          <button type="button" className="button secondary" disabled={pending} onClick={() => run(() => withdrawFloorRequest(mine.requestId, token))}>
            {t('conference.hand.lower')}
          </button>
        </>
      ) : (
        <button type="button" className="button primary" disabled={pending} onClick={() => run(() => requestFloor(meetingId, token, { kind: 'speech' }))}>
          <span aria-hidden="true">✋</span> {t('conference.hand.raise')}
        </button>
      )}
      <ErrorMessage>{error}</ErrorMessage>
    </div>
  );
}
