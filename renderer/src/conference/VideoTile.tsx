import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consumer } from 'mediasoup-client/types';
import { audioReceiveStats, videoReceiveStats, type VideoReceiveStats } from './receive-stats.ts';
import { layerForHeight } from './tiles.ts';

/** Where a tile sits: it decides its size, and so the simulcast layer it asks for. */
export type TilePlace = 'stage' | 'share' | 'wall' | 'preview';

/** Tiles settle after a layout change before a new layer is asked for. */
const LAYER_DEBOUNCE_MS = 500;

/** Plays a stream; video elements stay muted so audio only ever plays through RemoteAudio. */
function useStream(element: HTMLMediaElement | null, stream: MediaStream | null) {
  useEffect(() => {
    if (!element) return;
    element.srcObject = stream;
    if (stream) void element.play().catch(() => undefined);
  }, [element, stream]);
}

/** A stream for one track, new only when the track changes (or the <video> would restart). */
export function useTrackStream(track: MediaStreamTrack | undefined): MediaStream | null {
  return useMemo(() => (track ? new MediaStream([track]) : null), [track]);
}

/**
 * One participant's picture with their name and flags. Remote tiles expose
 * what is actually received (`data-frames-decoded`, `data-codec`,
 * `data-audio-packets`, refreshed every second) and ask the SFU for the
 * simulcast layer their rendered size needs.
 */
export function VideoTile({
  name,
  stream,
  place,
  userId,
  local = false,
  videoConsumer,
  audioConsumer,
  micMuted,
  cameraOff,
  placeholder,
  speaking = false,
  flags,
  onLayer,
}: {
  name: string;
  stream: MediaStream | null;
  place: TilePlace;
  userId?: string;
  local?: boolean;
  videoConsumer?: Consumer | undefined;
  audioConsumer?: Consumer | undefined;
  micMuted: boolean;
  cameraOff: boolean;
  /** Shown instead of the picture (not connected, audio only…). */
  placeholder?: string | undefined;
  speaking?: boolean;
  flags?: ReactNode;
  onLayer?: (consumerId: string, spatialLayer: number) => void;
}) {
  const { t } = useTranslation();
  const [figure, setFigure] = useState<HTMLElement | null>(null);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [stats, setStats] = useState<VideoReceiveStats | null>(null);
  const [audioPackets, setAudioPackets] = useState(0);
  useStream(video, stream);

  // Receive quality, refreshed every second: what a site operator checks on a weak link.
  useEffect(() => {
    // Another consumer (after a rejoin) counts from zero: never show the old one's numbers for it.
    setStats(null);
    if (!videoConsumer && !audioConsumer) return;
    const timer = setInterval(() => {
      if (videoConsumer) void videoReceiveStats(videoConsumer).then(setStats, () => undefined);
      if (audioConsumer) void audioReceiveStats(audioConsumer).then((audio) => setAudioPackets(audio?.packetsReceived ?? 0), () => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [videoConsumer, audioConsumer]);

  // The tile's rendered height decides the layer; a debounce keeps a resize from asking for each step.
  const onLayerRef = useRef(onLayer);
  onLayerRef.current = onLayer;
  useEffect(() => {
    if (!figure || !videoConsumer) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.contentRect.height ?? 0;
      clearTimeout(timer);
      if (height > 0) timer = setTimeout(() => onLayerRef.current?.(videoConsumer.id, layerForHeight(height)), LAYER_DEBOUNCE_MS);
    });
    observer.observe(figure);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [figure, videoConsumer]);

  const hidden = cameraOff || !!placeholder || !stream;
  return (
    <figure
      ref={setFigure}
      className={`video-tile place-${place}${local ? ' local' : ''}${speaking ? ' speaking' : ''}`}
      data-testid={local ? 'local-tile' : 'remote-tile'}
      data-place={place}
      data-user-id={userId}
      data-speaking={speaking || undefined}
      data-frames-decoded={stats?.framesDecoded ?? 0}
      data-codec={stats?.codec || undefined}
      data-audio-packets={audioPackets}
      data-has-video={!!videoConsumer}
      data-consumer-id={videoConsumer?.id}
    >
      <video ref={setVideo} muted playsInline autoPlay hidden={hidden} />
      {hidden && <div className="camera-off">{placeholder ?? (stream ? t('conference.cameraIsOff') : t('conference.noVideo'))}</div>}
      <figcaption>
        <span className="tile-name">{name}</span>
        {speaking && <span className="tile-flag speaking-flag">{t('conference.speaking')}</span>}
        {micMuted && (
          <span className="tile-flag" data-testid="mic-muted">
            {t('conference.micMuted')}
          </span>
        )}
        {flags}
        {stats && stats.width > 0 && place !== 'wall' && (
          <span className="tile-stats">{t('conference.stats', { width: stats.width, height: stats.height, fps: stats.fps })}</span>
        )}
      </figcaption>
    </figure>
  );
}

/** Remote audio plays through its own element, unaffected by which tiles are shown. */
export function RemoteAudio({ track }: { track: MediaStreamTrack }) {
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  useStream(audio, useTrackStream(track));
  return <audio ref={setAudio} autoPlay />;
}
