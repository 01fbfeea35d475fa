import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consumer } from 'mediasoup-client/types';
import { videoReceiveStats, type VideoReceiveStats } from './receive-stats.ts';

/** Plays a stream; `muted` for our own preview so we never hear ourselves. */
function useStream(element: HTMLMediaElement | null, stream: MediaStream | null) {
  useEffect(() => {
    if (!element) return;
    element.srcObject = stream;
    if (stream) void element.play().catch(() => undefined);
  }, [element, stream]);
}

export function VideoTile({
  name,
  stream,
  local = false,
  videoConsumer,
  micMuted,
  cameraOff,
}: {
  name: string;
  stream: MediaStream | null;
  local?: boolean;
  videoConsumer?: Consumer;
  micMuted: boolean;
  cameraOff: boolean;
}) {
  const { t } = useTranslation();
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [stats, setStats] = useState<VideoReceiveStats | null>(null);
  useStream(video, stream);

  // Receive quality, refreshed every second: what a site operator checks on a weak link.
  useEffect(() => {
    if (!videoConsumer) return;
    const timer = setInterval(() => void videoReceiveStats(videoConsumer).then(setStats, () => undefined), 1000);
    return () => clearInterval(timer);
  }, [videoConsumer]);

  return (
    <figure className={local ? 'video-tile local' : 'video-tile'} data-testid={local ? 'local-tile' : 'remote-tile'} data-frames-decoded={stats?.framesDecoded ?? 0}>
      <video ref={setVideo} muted playsInline autoPlay hidden={cameraOff} />
      {cameraOff && <div className="camera-off">{t('conference.cameraIsOff')}</div>}
      <figcaption>
        <span className="tile-name">{name}</span>
        {micMuted && <span className="tile-flag" data-testid="mic-muted">{t('conference.micMuted')}</span>}
        {stats && stats.width > 0 && (
          <span className="tile-stats">{t('conference.stats', { width: stats.width, height: stats.height, fps: stats.fps })}</span>
        )}
      </figcaption>
    </figure>
  );
}

/** Remote audio plays through its own element, unaffected by video tiles' layout. */
export function RemoteAudio({ track }: { track: MediaStreamTrack }) {
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  if (stream.current?.getTracks()[0] !== track) stream.current = new MediaStream([track]);
  useStream(audio, stream.current);
  return <audio ref={setAudio} autoPlay />;
}
