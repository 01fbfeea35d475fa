import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session-context.tsx';
import { errorText } from '../app/error-text.ts';
import { MediaSession, type RemoteParticipant } from './media-session.ts';
import { RemoteAudio, VideoTile } from './VideoTile.tsx';

function RemoteTile({ participant }: { participant: RemoteParticipant }) {
  const videoTrack = participant.media.camera?.consumer.track;
  // A new MediaStream only when the track changes, or the <video> would restart.
  const stream = useMemo(() => (videoTrack ? new MediaStream([videoTrack]) : null), [videoTrack]);
  const audio = participant.media.microphone;
  return (
    <>
      <VideoTile
        name={participant.displayName}
        stream={stream}
        videoConsumer={participant.media.camera?.consumer}
        micMuted={!audio || audio.paused}
        cameraOff={!participant.media.camera || participant.media.camera.paused}
      />
      {audio && <RemoteAudio track={audio.consumer.track} />}
    </>
  );
}

/** Camera, microphone and everyone else's video for one meeting. */
export function ConferencePanel({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { token, user } = useSession();
  const [session] = useState(() => new MediaSession());
  const state = useSyncExternalStore(session.subscribe, session.getState);
  useEffect(() => () => session.leave(), [session]);

  return (
    <section className="conference-panel" aria-labelledby="conference-heading">
      <h2 id="conference-heading">{t('conference.title')}</h2>
      {(state.phase === 'idle' || state.phase === 'failed') && (
        <>
          {state.phase === 'failed' && (
            <p className="error" role="alert">
              {t('conference.failed', { reason: errorText(t, state.error) })}
            </p>
          )}
          <button type="button" className="button primary" onClick={() => void session.join(meetingId, token)}>
            {t('conference.join')}
          </button>
        </>
      )}
      {state.phase === 'joining' && <p className="muted">{t('conference.joining')}</p>}
      {state.phase === 'joined' && (
        <>
          <div className="conference-controls">
            <button
              type="button"
              className="button secondary"
              aria-pressed={state.local.micMuted}
              onClick={() => void session.setMicMuted(!state.local.micMuted)}
              disabled={!state.local.stream}
            >
              {state.local.micMuted ? t('conference.unmute') : t('conference.mute')}
            </button>
            <button
              type="button"
              className="button secondary"
              aria-pressed={state.local.cameraOff}
              onClick={() => void session.setCameraOff(!state.local.cameraOff)}
              disabled={!state.local.stream}
            >
              {state.local.cameraOff ? t('conference.cameraOn') : t('conference.cameraOff')}
            </button>
            <button type="button" className="button danger" onClick={() => session.leave()}>
              {t('conference.leave')}
            </button>
          </div>
          {state.local.devicesUnavailable && <p className="notice">{t('conference.deviceDenied')}</p>}
          <div className="video-grid">
            <VideoTile
              local
              name={t('conference.you', { name: user.displayName })}
              stream={state.local.stream}
              micMuted={state.local.micMuted}
              cameraOff={state.local.cameraOff}
            />
            {state.participants.map((participant) => (
              <RemoteTile key={participant.peerId} participant={participant} />
            ))}
          </div>
          {state.participants.length === 0 && <p className="muted">{t('conference.alone')}</p>}
        </>
      )}
    </section>
  );
}
