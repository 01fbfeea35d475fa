import { useTranslation } from 'react-i18next';
import type { LiveSession } from '../presentation/use-live-session.ts';
import type { ConferenceState, RemoteParticipant } from './media-session.ts';
import { participantsByUser } from './tiles.ts';
import { useTrackStream, VideoTile } from './VideoTile.tsx';

/** A participant's picture on the stage, the wall or as the share; a placeholder while they are not connected. */
export function ParticipantTile({
  userId,
  name,
  participant,
  place,
  live,
  audioOnly,
  onLayer,
}: {
  userId: string;
  name: string;
  participant: RemoteParticipant | undefined;
  place: 'stage' | 'wall' | 'share';
  live: LiveSession;
  audioOnly: boolean;
  onLayer: (consumerId: string, spatialLayer: number) => void;
}) {
  const { t } = useTranslation();
  const video = place === 'share' ? participant?.media.screen : participant?.media.camera;
  const audio = participant?.media.microphone;
  const stream = useTrackStream(video?.consumer.track);
  const status = live.sites.find((site) => site.userId === userId);
  const placeholder = !participant ? t('conference.notConnected') : audioOnly && place !== 'share' ? t('conference.audioOnly') : undefined;
  return (
    <VideoTile
      name={place === 'share' ? t('conference.sharedBy', { name }) : place === 'wall' ? name : (participant?.displayName ?? name)}
      userId={userId}
      place={place}
      stream={stream}
      videoConsumer={video?.consumer}
      audioConsumer={place === 'share' ? undefined : audio?.consumer}
      // On the wall nobody is heard anyway: only a host mute is worth a flag there.
      micMuted={place === 'wall' ? !!status?.audioMuted : place !== 'share' && !!participant && (!audio || audio.paused || !!status?.audioMuted)}
      cameraOff={!!video?.paused}
      placeholder={placeholder}
      speaking={place !== 'share' && live.activeSpeaker === userId}
      onLayer={onLayer}
    />
  );
}

/**
 * What a hall sees: the share largest when someone shares, then the stage
 * (1–4 tiles, in the host's order) and whoever else sends us video (the
 * host), never every other site. Our own picture is the small preview.
 */
export function StageView({
  state,
  live,
  myId,
  myName,
  wallShown,
  onLayer,
  onShowDocument,
}: {
  state: ConferenceState;
  live: LiveSession;
  myId: string;
  myName: string;
  /** The host's wall shows these sites; they are not repeated here unless staged. */
  wallShown: ReadonlySet<string>;
  onLayer: (consumerId: string, spatialLayer: number) => void;
  onShowDocument: () => void;
}) {
  const { t } = useTranslation();
  const byUser = participantsByUser(state.participants);
  const nameOf = (userId: string) =>
    byUser.get(userId)?.displayName ?? live.sites.find((site) => site.userId === userId)?.name ?? (live.floor.current?.userId === userId ? live.floor.current.name : '…');
  const staged = live.stage.userIds.filter((userId) => userId !== myId);
  const audioOnly = state.audioOnly.enabled;
  // The host (and anyone else the server sends us) is part of what everyone sees; in audio-only mode, whom we hear.
  const others = [...byUser.values()]
    .filter(
      (participant) =>
        (participant.media.camera || (audioOnly && participant.media.microphone)) &&
        participant.userId !== myId &&
        !staged.includes(participant.userId) &&
        !wallShown.has(participant.userId),
    )
    .map((participant) => participant.userId);
  const tiles = [...staged, ...others];
  const share = live.share;
  const sharer = share && share.userId !== myId ? byUser.get(share.userId) : undefined;

  return (
    <div className={`stage-view${sharer?.media.screen ? ' with-share' : ''}`} role="region" aria-label={t('conference.stage')} data-testid="stage">
      {share && share.userId === myId && <p className="stage-note">{t('conference.sharing')}</p>}
      {share && share.userId !== myId && !sharer?.media.screen && !audioOnly && (
        <p className="stage-note">
          {t('conference.shareWaiting', { name: share.name })}{' '}
          {live.presentation?.presenterId === share.userId && (
            <button type="button" className="button secondary" onClick={onShowDocument}>
              {t('conference.showDocument')}
            </button>
          )}
        </p>
      )}
      {share && sharer?.media.screen && (
        <div className="stage-share">
          <ParticipantTile userId={share.userId} name={share.name} participant={sharer} place="share" live={live} audioOnly={audioOnly} onLayer={onLayer} />
        </div>
      )}
      <div className="stage-tiles" data-count={Math.min(tiles.length, 4)}>
        {tiles.map((userId) => (
          <ParticipantTile
            key={userId}
            userId={userId}
            name={nameOf(userId)}
            participant={byUser.get(userId)}
            place="stage"
            live={live}
            audioOnly={audioOnly}
            onLayer={onLayer}
          />
        ))}
        {tiles.length === 0 && (
          <p className="stage-empty">
            {state.phase === 'reconnecting'
              ? t('conference.reconnecting')
              : state.participants.length === 0
                ? t('conference.alone')
                : t('conference.stageEmpty')}
          </p>
        )}
      </div>
      <LocalPreview state={state} live={live} myId={myId} myName={myName} />
    </div>
  );
}

/** Our own camera, small, with what the server does with it (on the main screen, on the host's wall). */
function LocalPreview({ state, live, myId, myName }: { state: ConferenceState; live: LiveSession; myId: string; myName: string }) {
  const { t } = useTranslation();
  const onStage = live.stage.userIds.includes(myId);
  return (
    <div className="stage-preview">
      <VideoTile
        local
        place="preview"
        name={t('conference.you', { name: myName })}
        stream={state.local.stream}
        // The microphone's state is on its button, right below.
        micMuted={false}
        cameraOff={state.local.cameraOff || !state.local.stream?.getVideoTracks().length}
        placeholder={state.audioOnly.enabled ? t('conference.audioOnly') : undefined}
        speaking={live.activeSpeaker === myId}
        flags={
          onStage ? (
            <span className="tile-flag on-air">{t('conference.youOnStage')}</span>
          ) : state.sendPolicy === 'low' ? (
            <span className="tile-flag on-wall">{t('conference.youOnWall')}</span>
          ) : null
        }
      />
    </div>
  );
}
