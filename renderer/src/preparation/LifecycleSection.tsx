import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_TRANSITIONS, type MeetingDetail, type MeetingStatus } from '#protocol/meetings.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { changeMeetingStatus } from './requests.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

/** The meeting's status and the steps it may take next, in plain words; closing asks first because nothing leaves `closed`. */
export function LifecycleSection({ meeting, onDetail }: { meeting: MeetingDetail; onDetail: (detail: MeetingDetail) => void }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [changing, setChanging] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const step = async (status: MeetingStatus) => {
    setChanging(true);
    setError(null);
    try {
      onDetail(await changeMeetingStatus(token, meeting.id, status));
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setChanging(false);
    }
  };

  return (
    <section className="prep-section prep-lifecycle" aria-labelledby="prep-lifecycle-heading" aria-busy={changing}>
      <h2 id="prep-lifecycle-heading">{t('preparation.lifecycle.heading')}</h2>
      <p>
        <span className={`status status-${meeting.status}`} data-testid="meeting-status">
          {t(`meetings.status.${meeting.status}`)}
        </span>{' '}
        {t(`preparation.lifecycle.explain.${meeting.status}`)}
      </p>
      <div className="button-row">
        {MEETING_TRANSITIONS[meeting.status].map((next) =>
          next === 'closed' ? (
            <ConfirmButton
              key={next}
              label={t('preparation.lifecycle.step.closed')}
              question={t('preparation.lifecycle.confirmClose')}
              confirmLabel={t('preparation.lifecycle.confirmCloseYes')}
              disabled={changing}
              onConfirm={() => void step(next)}
            />
          ) : (
            <button
              key={next}
              type="button"
              className={next === 'draft' ? 'button secondary' : 'button primary'}
              disabled={changing}
              onClick={() => void step(next)}
            >
              {t(`preparation.lifecycle.step.${next}`)}
            </button>
          ),
        )}
      </div>
      {changing && (
        <p className="muted" role="status">
          {t('preparation.lifecycle.changing')}
        </p>
      )}
      <ErrorMessage>{error}</ErrorMessage>
    </section>
  );
}
