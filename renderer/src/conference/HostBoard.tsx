import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useSession } from '../app/session-context.tsx';
import { grantFloor } from '../floor/floor-commands.ts';
import type { LiveSession } from '../presentation/use-live-session.ts';
import { boardCounts, shortSiteName } from './board.ts';
import { changeConferenceSettings, muteEveryone, muteParticipant, putStage, removeParticipant } from './host-commands.ts';
import { useCommand } from './use-command.ts';

const STAGE_MAX = 4;

/** The counts line, shown on its own where the panel is too narrow for the board. */
export function BoardCounts({ live, myId }: { live: LiveSession; myId: string }) {
  const { t } = useTranslation();
  return (
    <p className="board-counts" data-testid="board-counts">
      {t('conference.host.counts', boardCounts(live.sites, myId))}
    </p>
  );
}

/**
 * The host's desk (điểm cầu chủ trì): conference-wide switches, the status
 * board with an action row per site, and the stage editor. Every button
 * only sends a request; the board changes when the server publishes.
 */
export function HostBoard({ meetingId, live, myId, chair }: { meetingId: string; live: LiveSession; myId: string; chair: boolean }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const { pending, error, run } = useCommand();
  const [removing, setRemoving] = useState<string | null>(null);
  const settings = live.conferenceSettings;
  const stage = live.stage.userIds;
  const rows = live.sites.filter((site) => site.userId !== myId);
  const nameOf = (userId: string) =>
    live.sites.find((site) => site.userId === userId)?.name ?? (live.floor.current?.userId === userId ? live.floor.current.name : '…');
  const setStage = (userIds: string[]) => run(() => putStage(meetingId, token, userIds));
  const move = (index: number, by: -1 | 1) => {
    const next = [...stage];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(index + by, 0, moved);
    setStage(next);
  };

  return (
    <section className="host-board" aria-labelledby="host-board-heading" data-testid="host-board">
      <header className="conference-subheader">
        <h3 id="host-board-heading">{t('conference.host.board')}</h3>
        <BoardCounts live={live} myId={myId} />
      </header>
      <div className="host-switches">
        <button type="button" className="button secondary" disabled={pending} onClick={() => run(() => muteEveryone(meetingId, token))}>
          {t('conference.host.muteAll')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-pressed={settings.rollCallOpen}
          disabled={pending}
          onClick={() => run(() => changeConferenceSettings(meetingId, token, { rollCallOpen: !settings.rollCallOpen }))}
        >
          {settings.rollCallOpen ? t('conference.host.rollCallStop') : t('conference.host.rollCallStart')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-pressed={settings.locked}
          disabled={pending}
          onClick={() => run(() => changeConferenceSettings(meetingId, token, { locked: !settings.locked }))}
        >
          {t('conference.host.lock')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-pressed={settings.followSpeaker}
          disabled={pending}
          onClick={() => run(() => changeConferenceSettings(meetingId, token, { followSpeaker: !settings.followSpeaker }))}
        >
          {t('conference.host.followSpeaker')}
        </button>
      </div>
      <ErrorMessage>{error}</ErrorMessage>

      {rows.length === 0 ? (
        <p className="muted">{t('conference.host.nobody')}</p>
      ) : (
        <div className="board-scroll">
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t('conference.host.column.site')}</th>
                <th scope="col">{t('conference.host.column.connection')}</th>
                <th scope="col">{t('conference.host.column.rollCall')}</th>
                <th scope="col">{t('conference.host.column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((site) => {
                const staged = stage.includes(site.userId);
                const handIndex = live.floor.queue.findIndex((entry) => entry.userId === site.userId);
                const hand = live.floor.queue[handIndex];
                return (
                  <tr
                    key={site.userId}
                    data-testid="board-row"
                    data-user-id={site.userId}
                    data-muted={site.audioMuted}
                    className={site.connected ? 'connected' : 'disconnected'}
                  >
                    <th scope="row">
                      <span className="board-name">{shortSiteName(site.name)}</span>
                      {staged && <span className="board-badge on-stage">{t('conference.host.onStage')}</span>}
                      {!staged && live.wall.includes(site.userId) && <span className="board-badge">{t('conference.host.onWall')}</span>}
                      {site.audioMuted && (
                        <span className="board-badge muted" data-testid="board-mic-muted">
                          {t('conference.host.micOff')}
                        </span>
                      )}
                      {hand && (
                        <span className="board-badge hand">
                          <span aria-hidden="true">✋</span> {t('conference.host.handRaised', { position: handIndex + 1 })}
                        </span>
                      )}
                    </th>
                    <td data-testid="board-connection">
                      <span className={`dot ${site.connected ? `quality-${site.quality ?? 'unknown'}` : 'offline'}`} aria-hidden="true" />
                      {site.connected
                        ? site.quality
                          ? t(`conference.host.quality.${site.quality}`)
                          : t('conference.host.connected')
                        : t('conference.host.disconnected')}
                      {site.audioOnly && <span className="board-badge">{t('conference.host.audioOnly')}</span>}
                      {site.connected && site.quality && <span className="visually-hidden"> ({t('conference.host.connected')})</span>}
                    </td>
                    <td data-testid="board-roll-call" data-confirmed={site.rollCallConfirmed}>
                      <span aria-hidden="true">{site.rollCallConfirmed ? '✓' : '—'}</span>
                      <span className="visually-hidden">{site.rollCallConfirmed ? t('conference.host.confirmed') : t('conference.host.notConfirmed')}</span>
                    </td>
                    <td className="board-actions">
                      {removing === site.userId ? (
                        <span className="board-confirm" role="group" aria-label={t('conference.host.removeQuestion', { name: site.name })}>
                          <span>{t('conference.host.removeQuestion', { name: site.name })}</span>
                          <button
                            type="button"
                            className="button danger"
                            disabled={pending}
                            onClick={() => {
                              setRemoving(null);
                              run(() => removeParticipant(meetingId, token, site.userId));
                            }}
                          >
                            {t('conference.host.removeConfirm')}
                          </button>
                          <button type="button" className="button secondary" onClick={() => setRemoving(null)}>
                            {t('conference.host.cancel')}
                          </button>
                        </span>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="button secondary"
                            aria-label={t(staged ? 'conference.host.unstageFor' : 'conference.host.stageFor', { name: site.name })}
                            aria-pressed={staged}
                            title={!staged && stage.length >= STAGE_MAX ? t('conference.host.stageFull') : undefined}
                            disabled={pending || (!staged && stage.length >= STAGE_MAX)}
                            onClick={() => setStage(staged ? stage.filter((userId) => userId !== site.userId) : [...stage, site.userId])}
                          >
                            {staged ? t('conference.host.unstage') : t('conference.host.stage')}
                          </button>
                          <button
                            type="button"
                            className="button secondary"
                            aria-label={t(site.audioMuted ? 'conference.host.unmuteFor' : 'conference.host.muteFor', { name: site.name })}
                            disabled={pending}
                            onClick={() => run(() => muteParticipant(meetingId, token, site.userId, !site.audioMuted))}
                          >
                            {site.audioMuted ? t('conference.host.unmute') : t('conference.host.mute')}
                          </button>
                          {chair && hand && (
                            <button
                              type="button"
                              className="button primary"
                              aria-label={t('conference.host.grantFor', { name: site.name })}
                              disabled={pending}
                              onClick={() => run(() => grantFloor(hand.requestId, token))}
                            >
                              {t('conference.host.grant')}
                            </button>
                          )}
                          {site.connected && (
                            <button
                              type="button"
                              className="button danger"
                              aria-label={t('conference.host.removeFor', { name: site.name })}
                              disabled={pending}
                              onClick={() => setRemoving(site.userId)}
                            >
                              {t('conference.host.remove')}
                            </button>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <section className="stage-editor" aria-labelledby="stage-editor-heading" data-testid="stage-editor">
        <header className="conference-subheader">
          <h4 id="stage-editor-heading">{t('conference.host.stageEditor', { count: stage.length })}</h4>
          {stage.length > 0 && (
            <button type="button" className="button secondary" disabled={pending} onClick={() => setStage([])}>
              {t('conference.host.clearStage')}
            </button>
          )}
        </header>
        {stage.length === 0 ? (
          <p className="muted">{t('conference.host.stageEditorEmpty')}</p>
        ) : (
          <ol className="stage-order">
            {stage.map((userId, index) => {
              const name = nameOf(userId);
              return (
                <li key={userId}>
                  <span className="stage-slot">{index + 1}</span>
                  <span className="stage-slot-name">{name}</span>
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('conference.host.earlierFor', { name })}
                    disabled={pending || index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('conference.host.laterFor', { name })}
                    disabled={pending || index === stage.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('conference.host.takeOffFor', { name })}
                    disabled={pending}
                    onClick={() => setStage(stage.filter((other) => other !== userId))}
                  >
                    ✕
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </section>
  );
}
