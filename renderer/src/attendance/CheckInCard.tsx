import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceStatus } from '#protocol/attendance.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { checkIn } from './attendance-commands.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

const CHECK_IN_CHOICES = ['present_hall', 'present_remote'] as const;

/**
 * Điểm danh for a delegate or the chair: where they attend from. The status
 * shown is the one the server published, never the button last pressed.
 */
export function CheckInCard({ meetingId, status }: { meetingId: string; status: AttendanceStatus | undefined }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const present = status === 'present_hall' || status === 'present_remote';

  const request = (choice: (typeof CHECK_IN_CHOICES)[number]) => {
    setPending(true);
    setError(null);
    checkIn(meetingId, token, { status: choice })
      .catch((failure: unknown) => setError(t('attendance.checkInFailed', { reason: errorText(t, failure) })))
      .finally(() => setPending(false));
  };

  return (
    <section className={`session-section check-in ${present ? 'checked-in' : 'not-checked-in'}`} aria-labelledby="check-in-heading" data-testid="check-in">
      <h3 id="check-in-heading">{t('attendance.title')}</h3>
      <p className="check-in-status" data-testid="my-attendance" data-status={status ?? 'none'}>
        {t('attendance.mine', { status: t(`attendance.status.${status ?? 'none'}`) })}
      </p>
      {present ? (
        // Checked in: one smaller button to switch, so the votes below stay in view.
        <div className="session-buttons">
          {CHECK_IN_CHOICES.filter((choice) => choice !== status).map((choice) => (
            <button key={choice} type="button" className="button secondary" disabled={pending} onClick={() => request(choice)}>
              {t('attendance.switchTo', { status: t(`attendance.status.${choice}`) })}
            </button>
          ))}
        </div>
      ) : (
        <>
          <p className="hint">{status === 'absent' ? t('attendance.recordedAbsent') : t('attendance.prompt')}</p>
          <div className="session-buttons">
            {CHECK_IN_CHOICES.map((choice) => (
              <button key={choice} type="button" className="button primary check-in-choice" disabled={pending} onClick={() => request(choice)}>
                {t(`attendance.status.${choice}`)}
              </button>
            ))}
          </div>
        </>
      )}
      <ErrorMessage>{error}</ErrorMessage>
    </section>
  );
}
