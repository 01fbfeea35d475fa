import { useTranslation } from 'react-i18next';
import { MeetingList } from '#protocol/meetings.ts';
import { apiRequest } from '../api/http.ts';
import { errorText } from '../app/error-text.ts';
import { routeHref } from '../app/routes.ts';
import { useSession } from '../app/session-context.tsx';
import { useLoad } from '../app/use-api.ts';

export function MeetingListScreen() {
  const { t, i18n } = useTranslation();
  const { token } = useSession();
  const { data, error, loading } = useLoad(() => apiRequest(MeetingList, '/api/meetings', { token }), [token]);
  const dateFormat = new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  });

  return (
    <main className="meeting-list">
      <h1>{t('meetings.title')}</h1>
      {loading && <p className="muted">{t('meetings.loading')}</p>}
      {error !== undefined && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {data?.meetings.length === 0 && <p className="muted">{t('meetings.empty')}</p>}
      <ul>
        {data?.meetings.map((meeting) => (
          <li key={meeting.id} className="meeting-card">
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
            <a className="button primary" href={routeHref({ screen: 'meeting', meetingId: meeting.id })}>
              {t('meetings.open')}
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
