import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplaySource } from '#protocol/platform.ts';
import { platform } from '../platform/index.ts';

/** Capture at a frame rate documents need, not video: it keeps the upstream of a weak link free for audio. */
export function captureDisplay(): Promise<MediaStream> {
  return navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { max: 15 } }, audio: false });
}

/**
 * The desktop app's own picker: every screen and window with a thumbnail.
 * Choosing one tells the desktop which source the next getDisplayMedia()
 * captures. (In a browser the browser shows its own picker instead.)
 */
export function ScreenSharePicker({ onChosen, onClose }: { onChosen: (stream: MediaStream) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [sources, setSources] = useState<DisplaySource[] | null>(null);
  const [choosing, setChoosing] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
    let current = true;
    void platform.listDisplaySources().then(
      (listed) => current && setSources(listed),
      () => current && setSources([]),
    );
    return () => {
      current = false;
    };
  }, []);

  const choose = async (source: DisplaySource) => {
    setChoosing(true);
    try {
      await platform.chooseDisplaySource(source.id);
      onChosen(await captureDisplay());
    } catch {
      onClose();
    }
  };

  return (
    <dialog ref={dialog} className="screen-picker" aria-labelledby="screen-picker-heading" onClose={onClose} onCancel={onClose}>
      <h3 id="screen-picker-heading">{t('conference.picker.title')}</h3>
      {sources === null ? (
        <p className="muted">{t('conference.picker.loading')}</p>
      ) : sources.length === 0 ? (
        <p className="muted">{t('conference.picker.empty')}</p>
      ) : (
        <ul className="screen-sources">
          {sources.map((source) => (
            <li key={source.id}>
              <button type="button" className="screen-source" disabled={choosing} onClick={() => void choose(source)}>
                <img src={source.thumbnail} alt="" />
                <span className="screen-source-kind">{t(`conference.picker.${source.kind}`)}</span>
                <span className="screen-source-name">{source.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="screen-picker-actions">
        <button type="button" className="button secondary" onClick={onClose}>
          {t('conference.picker.cancel')}
        </button>
      </div>
    </dialog>
  );
}
