import { useTranslation } from 'react-i18next';
import type { CurrentSpeaker } from '#protocol/collab/live.ts';
import { formatClock } from '../session/countdown.ts';
import { useServerNow } from '../session/server-clock.ts';
import { remainingSeconds, speakingPhase } from './speaking-time.ts';
import './floor.css';

/** The speaker's remaining time as mm:ss on the server's clock, coloured by phase; "Hết giờ" once over. */
export function SpeakerClock({ speaker, large = false }: { speaker: CurrentSpeaker; large?: boolean }) {
  const { t } = useTranslation();
  const now = useServerNow();
  const remaining = remainingSeconds(speaker, now);
  const phase = speakingPhase(speaker, remaining);
  return (
    <span
      className={`speaker-clock phase-${phase}${large ? ' large' : ''}`}
      data-testid="speaker-clock"
      data-phase={phase}
      aria-label={phase === 'over' ? t('floor.overtime') : `${t('floor.timeLeft')} ${formatClock(remaining)}`}
    >
      {phase === 'over' ? (
        <>
          <strong>{t('floor.overtime')}</strong>
          {large && <span className="speaker-overtime">{t('floor.overtimeBy', { time: formatClock(-remaining) })}</span>}
        </>
      ) : (
        formatClock(remaining)
      )}
    </span>
  );
}
