import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Floor } from '#protocol/collab/live.ts';
import { SpeechKind } from '#protocol/floor.ts';
import { ApiFailure } from '../api/http.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import type { SessionAbilities } from '../session/abilities.ts';
import { endFloor, grantFloor, reorderFloorQueue, requestFloor, withdrawFloorRequest } from './floor-commands.ts';
import { FloorSettingsForm } from './FloorSettingsForm.tsx';
import { SpeakerClock } from './SpeakerClock.tsx';
import './floor.css';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

/**
 * Đăng ký phát biểu: who speaks now (with their time), who waits and in
 * which order; asking for and withdrawing from the floor; and for the chair,
 * giving the floor, ending a turn and reordering the queue.
 */
export function FloorSection({ meetingId, floor, abilities }: { meetingId: string; floor: Floor; abilities: SessionAbilities }) {
  const { t, i18n } = useTranslation();
  const { user, token } = useSession();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [kind, setKind] = useState<SpeechKind>('speech');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = floor.current;
  const myIndex = floor.queue.findIndex((entry) => entry.userId === user.id);
  const myEntry = floor.queue[myIndex];
  const speakingNow = current?.userId === user.id;

  /**
   * One request at a time; the live document shows its effect, so there is
   * nothing to undo here. A conflict means the floor changed under the
   * request, which `conflict` says in this action's words.
   */
  const run = (command: () => Promise<void>, conflict: string) => {
    setPending(true);
    setError(null);
    command()
      .catch((failure: unknown) => {
        const reason = failure instanceof ApiFailure && failure.code === 'conflict' ? conflict : errorText(t, failure);
        setError(t('floor.failed', { reason }));
      })
      .finally(() => setPending(false));
  };
  const move = (index: number, by: -1 | 1) => {
    const requestIds = floor.queue.map((entry) => entry.requestId);
    const [moved] = requestIds.splice(index, 1);
    if (!moved) return;
    requestIds.splice(index + by, 0, moved);
    run(() => reorderFloorQueue(meetingId, token, { requestIds }), t('floor.conflict.queueChanged'));
  };

  return (
    <section className="session-section floor-section" aria-labelledby="floor-heading" data-testid="floor">
      <h3 id="floor-heading">{t('floor.title')}</h3>

      {current ? (
        <div className="current-speaker" data-testid="current-speaker">
          <div className="current-speaker-facts">
            <p className="current-speaker-name">{t('floor.speaking', { name: current.name })}</p>
            <p className="muted">{t('floor.speakingKind', { kind: t(`floor.kind.${current.kind}`), limit: formatMinutes(current.limitSeconds, i18n.language) })}</p>
          </div>
          <SpeakerClock speaker={current} large />
          {abilities.chair && (
            <button type="button" className="button danger" disabled={pending} onClick={() => run(() => endFloor(meetingId, token), t('floor.conflict.nobodySpeaking'))}>
              {t('floor.end')}
            </button>
          )}
        </div>
      ) : (
        <p className="muted">{t('floor.nobody')}</p>
      )}

      {abilities.requestFloor ? (
        speakingNow ? (
          <p className="floor-mine">{t('floor.youSpeak')}</p>
        ) : myEntry ? (
          <div className="floor-mine">
            <p>{t('floor.yourPosition', { position: myIndex + 1 })}</p>
            <button type="button" className="button secondary" disabled={pending} onClick={() => run(() => withdrawFloorRequest(myEntry.requestId, token), t('floor.conflict.notWaiting'))}>
              {t('floor.withdraw')}
            </button>
          </div>
        ) : (
          <div className="floor-request">
            <div className="floor-kinds" role="group" aria-label={t('floor.chooseKind')}>
              {SpeechKind.options.map((option) => (
                <button key={option} type="button" className="button secondary" aria-pressed={kind === option} onClick={() => setKind(option)}>
                  {t(`floor.kind.${option}`)}
                </button>
              ))}
            </div>
            <button type="button" className="button primary floor-request-button" disabled={pending} onClick={() => run(() => requestFloor(meetingId, token, { kind }), t('floor.conflict.alreadyWaiting'))}>
              {t(`floor.request.${kind}`)}
            </button>
          </div>
        )
      ) : (
        <p className="hint">{t('floor.cannotRequest')}</p>
      )}

      <ErrorMessage>{error}</ErrorMessage>

      <h4>{floor.queue.length > 0 ? t('floor.queueCount', { count: floor.queue.length }) : t('floor.queue')}</h4>
      {floor.queue.length === 0 ? (
        <p className="muted">{t('floor.queueEmpty')}</p>
      ) : (
        <ol className="floor-queue" data-testid="floor-queue">
          {floor.queue.map((entry, index) => (
            <li key={entry.requestId} className={entry.userId === user.id ? 'floor-entry mine' : 'floor-entry'} data-testid="floor-queue-entry">
              <span className="floor-position" aria-label={t('floor.position', { position: index + 1 })}>
                {index + 1}
              </span>
              <span className="floor-who">
                <strong>{entry.name}</strong> {entry.userId === user.id && <span className="muted">{t('floor.you')}</span>}
                <span className={`floor-kind kind-${entry.kind}`}>{t(`floor.kind.${entry.kind}`)}</span>
              </span>
              {abilities.chair && (
                <span className="floor-entry-actions">
                  <button
                    type="button"
                    className="button primary"
                    disabled={pending}
                    aria-label={t('floor.grantFor', { name: entry.name })}
                    onClick={() => run(() => grantFloor(entry.requestId, token), t('floor.conflict.notWaiting'))}
                  >
                    {t('floor.grant')}
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    disabled={pending || index === 0}
                    aria-label={t('floor.moveUpFor', { name: entry.name })}
                    title={t('floor.moveUp')}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    disabled={pending || index === floor.queue.length - 1}
                    aria-label={t('floor.moveDownFor', { name: entry.name })}
                    title={t('floor.moveDown')}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}

      {abilities.preparePolls && (
        <details className="session-details" onToggle={(event) => setSettingsOpen(event.currentTarget.open)}>
          <summary>{t('floor.settings.heading')}</summary>
          {settingsOpen && <FloorSettingsForm meetingId={meetingId} />}
        </details>
      )}
    </section>
  );
}

/** Minutes for people: 7, or 2,5 in Vietnamese and 2.5 in English. */
function formatMinutes(seconds: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(seconds / 60);
}
