import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingRole } from '#protocol/meetings.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import type { LiveSession } from '../presentation/use-live-session.ts';
import { abilitiesOf } from '../session/abilities.ts';
import { CodecOption, ConferenceControls, LinkIndicator } from './ConferenceControls.tsx';
import { BoardCounts, HostBoard } from './HostBoard.tsx';
import { worseQuality } from './link-quality.ts';
import { MediaSession } from './media-session.ts';
import { SignalFailure } from './signaling-client.ts';
import { RaiseHand, RollCallBanner } from './SiteBar.tsx';
import { StageView } from './StageView.tsx';
import { ThumbnailWall } from './ThumbnailWall.tsx';
import { participantsByUser, wallPage } from './tiles.ts';
import { RemoteAudio } from './VideoTile.tsx';
import './conference.css';

const NOBODY = new Set<string>();

/**
 * The conference for one meeting. A site (điểm cầu) sees the stage large,
 * its own preview small, the roll call and "Giơ tay"; the host (the chair or
 * a secretary) also gets the status board, the stage editor and the wall of
 * site thumbnails. On a meeting-room PC it can take the main area (`focused`).
 */
export function ConferencePanel({
  meetingId,
  role,
  live,
  focused,
  onFocusChange,
  onShowDocument,
}: {
  meetingId: string;
  role: MeetingRole;
  live: LiveSession;
  focused: boolean;
  onFocusChange: (focused: boolean) => void;
  onShowDocument: () => void;
}) {
  const { t } = useTranslation();
  const { token, user } = useSession();
  const [session] = useState(() => new MediaSession());
  const state = useSyncExternalStore(session.subscribe, session.getState);
  useEffect(() => () => session.leave(), [session]);
  const onLayer = useCallback((consumerId: string, spatialLayer: number) => session.setPreferredLayer(consumerId, spatialLayer), [session]);
  const [codecError, setCodecError] = useState<string | null>(null);

  const host = role === 'chair' || role === 'secretary';
  const abilities = abilitiesOf(role);
  const inConference = state.phase === 'joined' || state.phase === 'reconnecting';
  const byUser = participantsByUser(state.participants);
  const wallShown = host && inConference ? new Set(wallPage(live.sites.map((site) => site.userId), live.wall).userIds) : NOBODY;
  const mine = live.sites.find((site) => site.userId === user.id);
  const videoConsumers = state.participants.reduce((count, participant) => count + (participant.media.camera ? 1 : 0) + (participant.media.screen ? 1 : 0), 0);

  // For a site and for the host the conference is the main activity: joining gives it the room's main area,
  // leaving gives the area back to the documents.
  const enlarged = useRef(false);
  useEffect(() => {
    if (state.phase === 'idle' && enlarged.current) {
      enlarged.current = false;
      onFocusChange(false);
    }
    if (state.phase !== 'joined' || enlarged.current || !(host || role === 'site')) return;
    enlarged.current = true;
    onFocusChange(true);
  }, [state.phase, host, role, onFocusChange]);

  return (
    <section
      className="conference-panel"
      data-view={host ? 'host' : 'site'}
      data-phase={state.phase}
      data-video-consumers={videoConsumers}
      data-testid="conference"
      aria-labelledby="conference-heading"
    >
      <header className="conference-header">
        <h2 id="conference-heading">{t('conference.title')}</h2>
        {state.phase === 'reconnecting' && (
          <span className="reconnecting-chip" role="status" data-testid="reconnecting">
            {t('conference.reconnecting')}
          </span>
        )}
        {inConference && <LinkIndicator quality={state.phase === 'joined' ? worseQuality(state.linkQuality, mine?.connected ? mine.quality : null) : null} />}
        {inConference && <CodecOption session={session} state={state} onError={(failure) => setCodecError(errorText(t, failure))} />}
        <button type="button" className="button secondary focus-toggle" aria-pressed={focused} onClick={() => onFocusChange(!focused)}>
          {focused ? t('conference.collapse') : t('conference.expand')}
        </button>
      </header>

      {(state.phase === 'idle' || state.phase === 'failed' || state.phase === 'removed') && (
        <div className="conference-start">
          {state.phase === 'failed' && (
            <ErrorMessage>
              {/* A join refused while the host has locked the conference says so, rather than "not allowed". */}
              {state.error instanceof SignalFailure && state.error.code === 'forbidden' && live.conferenceSettings.locked
                ? t('conference.removed.locked')
                : t('conference.failed', { reason: errorText(t, state.error) })}
            </ErrorMessage>
          )}
          {state.phase === 'removed' && <ErrorMessage className="conference-removed">{t(`conference.removed.${state.removedReason ?? 'host'}`)}</ErrorMessage>}
          <button type="button" className="button primary" onClick={() => void session.join(meetingId, token)}>
            {t('conference.join')}
          </button>
          <CodecOption session={session} state={state} onError={(failure) => setCodecError(errorText(t, failure))} />
          <ErrorMessage>{codecError}</ErrorMessage>
        </div>
      )}
      {state.phase === 'joining' && <p className="muted">{t('conference.joining')}</p>}
      {inConference && <ErrorMessage>{codecError}</ErrorMessage>}

      {inConference && (
        <>
          {state.phase === 'reconnecting' && <p className="notice">{t('conference.reconnectingDetail')}</p>}
          {state.audioOnly.enabled && (
            <p className="notice audio-only-note" role="status" data-testid="audio-only">
              {state.audioOnly.reason === 'weak_link' ? t('conference.weakLink') : t('conference.audioOnlyOn')}
            </p>
          )}
          {state.local.devicesUnavailable && <p className="notice">{t('conference.deviceDenied')}</p>}
          {role === 'site' && <RollCallBanner meetingId={meetingId} live={live} />}
        </>
      )}

      <div className="conference-body">
        {inConference && (
          <div className="conference-main">
            <StageView
              state={state}
              live={live}
              myId={user.id}
              myName={user.displayName}
              wallShown={wallShown}
              onLayer={onLayer}
              onShowDocument={onShowDocument}
            />
            <ConferenceControls
              session={session}
              state={state}
              hostMuted={!!mine?.audioMuted}
              mayShare={host || live.stage.userIds.includes(user.id) || live.floor.current?.userId === user.id}
              leading={abilities.requestFloor && !host ? <RaiseHand meetingId={meetingId} live={live} /> : undefined}
            />
            {host && (
              <ThumbnailWall meetingId={meetingId} live={live} myId={user.id} byUser={byUser} audioOnly={state.audioOnly.enabled} onLayer={onLayer} />
            )}
          </div>
        )}
        {host && (
          <div className="conference-side">
            <div className="host-summary">
              <BoardCounts live={live} myId={user.id} />
              <p className="hint">{t('conference.host.openBoard')}</p>
            </div>
            <HostBoard meetingId={meetingId} live={live} myId={user.id} chair={abilities.chair} />
          </div>
        )}
      </div>

      {/* Everyone we receive is heard, whether or not their picture is shown. */}
      <div hidden>
        {state.participants.map(
          (participant) =>
            participant.media.microphone && <RemoteAudio key={participant.media.microphone.consumer.id} track={participant.media.microphone.consumer.track} />,
        )}
      </div>
    </section>
  );
}
