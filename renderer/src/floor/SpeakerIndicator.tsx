import { useTranslation } from 'react-i18next';
import type { CurrentSpeaker } from '#protocol/collab/live.ts';
import { SpeakerClock } from './SpeakerClock.tsx';

/** "Đang phát biểu: Lê Văn Hùng 03:12" for the room header; nothing while nobody speaks. */
export function SpeakerIndicator({ speaker }: { speaker: CurrentSpeaker | null }) {
  const { t } = useTranslation();
  if (!speaker) return null;
  return (
    <span className="speaker-indicator" data-testid="speaker-indicator">
      {/* Only the name is announced: a live region around the clock would speak every second. */}
      <span className="speaker-indicator-name" role="status">
        {t('floor.speaking', { name: speaker.name })}
      </span>
      <SpeakerClock speaker={speaker} />
    </span>
  );
}
