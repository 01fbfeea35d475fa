import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { MeetingDetail } from '#protocol/meetings.ts';
import { AgendaPanel } from '../agenda/AgendaPanel.tsx';
import { apiRequest } from '../api/http.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { useLoad } from '../app/use-api.ts';
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx';
import { useCollabDoc } from '../collab/use-collab-doc.ts';
import { ConferencePanel } from '../conference/ConferencePanel.tsx';
import { PdfViewer } from '../documents/PdfViewer.tsx';

type Tab = 'agenda' | 'document' | 'conference';

/**
 * The meeting room: agenda, the selected item's document, and the
 * conference. Side by side on a meeting-room PC; tabs on a tablet.
 */
export function MeetingRoomScreen({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const meeting = useLoad(() => apiRequest(MeetingDetail, `/api/meetings/${meetingId}`, { token }), [meetingId, token]);
  const agenda = useCollabDoc(formatDocName({ kind: 'agenda', meetingId }));
  const [selectedItemId, setSelectedItemId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('agenda');

  if (meeting.loading) return <p className="muted page-message">{t('room.loading')}</p>;
  if (!meeting.data) {
    return (
      <p className="error page-message" role="alert">
        {errorText(t, meeting.error)}
      </p>
    );
  }
  const detail = meeting.data;
  const item = detail.agenda.find((candidate) => candidate.id === selectedItemId);
  const document = item?.documents[0];

  return (
    <main className="meeting-room" data-tab={tab}>
      <header className="room-header">
        <a className="button secondary" href="#/meetings">
          ← {t('room.back')}
        </a>
        <div className="room-title">
          <p className="meeting-body">{detail.body}</p>
          <h1>{detail.title}</h1>
        </div>
        {agenda && <ConnectionBadge status={agenda.status} />}
      </header>
      <nav className="room-tabs" aria-label={detail.title}>
        {(['agenda', 'document', 'conference'] as const).map((name) => (
          <button key={name} type="button" aria-pressed={tab === name} onClick={() => setTab(name)}>
            {t(`room.tabs.${name}`)}
          </button>
        ))}
      </nav>
      <div className="room-columns">
        <div className="room-column column-agenda">
          <AgendaPanel
            doc={agenda?.doc}
            canEdit={detail.myRole === 'secretary'}
            selectedItemId={selectedItemId}
            onSelect={(itemId) => {
              setSelectedItemId(itemId);
              setTab('document');
            }}
          />
        </div>
        <div className="room-column column-document">
          {!item && <p className="muted">{t('documents.pick')}</p>}
          {item && !document && <p className="muted">{t('documents.none')}</p>}
          {document && <PdfViewer key={document.id} document={document} />}
        </div>
        <div className="room-column column-conference">
          <ConferencePanel meetingId={meetingId} />
        </div>
      </div>
    </main>
  );
}
