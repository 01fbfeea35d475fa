import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRole } from '#protocol/auth.ts';
import { MeetingList } from '#protocol/meetings.ts';
import { apiRequest } from '../api/http.ts';
import { errorText } from '../app/error-text.ts';
import { routeHref } from '../app/routes.ts';
import { useSession } from '../app/session-context.tsx';
import { useLoad } from '../app/use-api.ts';
import { OfflineReadiness } from '../offline/OfflineReadiness.tsx';
import { MeetingDetailsForm } from '../preparation/MeetingDetailsForm.tsx';
import { createMeeting } from '../preparation/requests.ts';

/** Account roles the server lets create meetings. */
const MEETING_CREATORS: readonly AccountRole[] = ['secretary', 'chair', 'admin'];

export function MeetingListScreen() {
  const { t, i18n } = useTranslation();
  const { token, user } = useSession();
  const { data, error, loading } = useLoad(() => apiRequest(MeetingList, '/api/meetings', { token }), [token]);
  const [creating, setCreating] = useState(false);
  const dateFormat = new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  });

  return (
    <main className="meeting-list">
      <div className="meeting-list-heading">
        <h1>{t('meetings.title')}</h1>
        {MEETING_CREATORS.includes(user.role) && !creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            {t('meetings.create')}
          </button>
        )}
      </div>
      {creating && (
        <section className="meeting-card meeting-create" aria-labelledby="create-meeting-heading">
          <h2 id="create-meeting-heading">{t('preparation.details.createHeading')}</h2>
          <MeetingDetailsForm
            onCancel={() => setCreating(false)}
            onSubmit={async (draft) => {
              const meeting = await createMeeting(token, draft);
              window.location.hash = routeHref({ screen: 'prepare', meetingId: meeting.id });
            }}
          />
        </section>
      )}
      {loading && <p className="muted">{t('meetings.loading')}</p>}
      {error !== undefined && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {data?.meetings.length === 0 && <p className="muted">{t('meetings.empty')}</p>}
      {data && <OfflineReadiness meetings={data.meetings} />}
      <ul>
        {data?.meetings.map((meeting) => (
          <li key={meeting.id} className="meeting-card" data-testid="meeting-card">
            <div>
              <p className="meeting-body">{meeting.body}</p>
              <h2>{meeting.title}</h2>
              <dl>
                <dt>{t('meetings.startsAt')}</dt>
                <dd>{dateFormat.format(new Date(meeting.startsAt))}</dd>
                <dt>{t('meetings.location')}</dt>
                <dd>{meeting.location}</dd>
                <dt>{t('meetings.myRole')}</dt>
                <dd>{t(`meetings.role.${meeting.myRole}`)}</dd>
              </dl>
              <span className={`status status-${meeting.status}`}>{t(`meetings.status.${meeting.status}`)}</span>
            </div>
            <div className="meeting-card-actions">
              {meeting.myRole === 'secretary' && (
                <a className="button secondary" href={routeHref({ screen: 'prepare', meetingId: meeting.id })}>
                  {t('meetings.prepare')}
                </a>
              )}
              <a className="button primary" href={routeHref({ screen: 'meeting', meetingId: meeting.id })}>
                {t('meetings.open')}
              </a>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
