import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkQuality } from '#protocol/conference.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { errorText } from '../app/error-text.ts';
import { platform } from '../platform/index.ts';
import type { ConferenceState, MediaSession } from './media-session.ts';
import { captureDisplay, ScreenSharePicker } from './ScreenSharePicker.tsx';

/** "Đường truyền: tốt / trung bình / yếu" with a coloured dot. */
export function LinkIndicator({ quality }: { quality: LinkQuality | null }) {
  const { t } = useTranslation();
  return (
    <span className={`link-indicator quality-${quality ?? 'unknown'}`} data-testid="link-quality" data-quality={quality ?? 'unknown'}>
      <span className="dot" aria-hidden="true" />
      {t('conference.link.label', { quality: t(`conference.link.${quality ?? 'unknown'}`) })}
    </span>
  );
}

/** "Ưu tiên H.264": remembered on this device, usable before joining; a running camera switches at once. */
export function CodecOption({ session, state, onError }: { session: MediaSession; state: ConferenceState; onError: (failure: unknown) => void }) {
  const { t } = useTranslation();
  return (
    <details className="conference-options">
      <summary>{t('conference.options')}</summary>
      <div className="conference-options-body">
        <label className="conference-option">
          <input type="checkbox" checked={state.preferH264} onChange={(event) => void session.setPreferH264(event.currentTarget.checked).catch(onError)} />
          {t('conference.preferH264')}
        </label>
        {state.h264Unavailable && <p className="hint">{t('conference.h264Unavailable')}</p>}
      </div>
    </details>
  );
}

/**
 * Microphone, camera, screen sharing, audio only, the H.264 choice, the link
 * and leaving. A microphone the host turned off stays off here: only the
 * floor (or the host) turns it back on.
 */
export function ConferenceControls({
  session,
  state,
  hostMuted,
  mayShare,
  leading,
}: {
  session: MediaSession;
  state: ConferenceState;
  /** The status board says the host muted us (rather than "not on stage"). */
  hostMuted: boolean;
  /** Hosts, the stage and the floor speaker may present a screen. */
  mayShare: boolean;
  /** Shown first in the row (a site's "Giơ tay"). */
  leading?: ReactNode;
}) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const [askingBrowser, setAskingBrowser] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { local } = state;
  const joined = state.phase === 'joined';

  const report = (failure: unknown) => setError(t('conference.actionFailed', { reason: errorText(t, failure) }));
  const share = async (stream: MediaStream) => {
    setPicking(false);
    await session.shareScreen(stream).catch((failure: unknown) => setError(t('conference.shareFailed', { reason: errorText(t, failure) })));
  };
  const startShare = async () => {
    setError(null);
    if (platform.features.screenPicker) return setPicking(true);
    // The browser asks which screen; say so while its prompt is open.
    setAskingBrowser(true);
    try {
      await share(await captureDisplay());
    } catch {
      // The person closed the browser's prompt: nothing to share, nothing to say.
    } finally {
      setAskingBrowser(false);
    }
  };

  return (
    <div className="conference-controls-area">
      {local.micLocked && hostMuted && (
        <div className="notice host-muted" role="status" data-testid="mic-locked">
          <strong>{t('conference.hostMuted')}</strong> {t('conference.hostMutedHint')}
        </div>
      )}
      {askingBrowser && <p className="notice">{t('conference.browserWillAsk')}</p>}
      <ErrorMessage>{error}</ErrorMessage>
      <div className="conference-controls">
        {leading}
        <button
          type="button"
          className="button secondary"
          aria-pressed={local.micMuted}
          onClick={() => void session.setMicMuted(!local.micMuted).catch(report)}
          disabled={!local.stream?.getAudioTracks().length || (local.micLocked && local.micMuted)}
        >
          {local.micMuted ? t('conference.unmute') : t('conference.mute')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-pressed={local.cameraOff}
          onClick={() => void session.setCameraOff(!local.cameraOff).catch(report)}
          disabled={!local.stream?.getVideoTracks().length}
        >
          {local.cameraOff ? t('conference.cameraOn') : t('conference.cameraOff')}
        </button>
        {local.screen ? (
          <button type="button" className="button primary" onClick={() => void session.stopScreenShare()}>
            {t('conference.stopShare')}
          </button>
        ) : (
          <button
            type="button"
            className="button secondary"
            disabled={!joined || askingBrowser || !mayShare || state.audioOnly.enabled}
            title={mayShare ? undefined : t('conference.shareNotAllowed')}
            onClick={() => void startShare()}
          >
            {t('conference.shareScreen')}
          </button>
        )}
        <button
          type="button"
          className="button secondary"
          aria-pressed={state.audioOnly.enabled}
          disabled={!joined}
          onClick={() => void session.setAudioOnly(!state.audioOnly.enabled).catch(report)}
        >
          {t('conference.audioOnly')}
        </button>
        <button type="button" className="button danger" onClick={() => session.leave()}>
          {t('conference.leave')}
        </button>
      </div>
      {local.micLocked && !hostMuted && (
        <p className="hint" data-testid="mic-locked">
          {t('conference.micClosed')}
        </p>
      )}
      {picking && <ScreenSharePicker onChosen={(stream) => void share(stream)} onClose={() => setPicking(false)} />}
    </div>
  );
}
