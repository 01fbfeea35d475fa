import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { AgendaPanel } from '../agenda/AgendaPanel.tsx';
import { errorText } from '../app/error-text.ts';
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx';
import { useCollabDoc } from '../collab/use-collab-doc.ts';
import { ConferencePanel } from '../conference/ConferencePanel.tsx';
import { useLiveSession } from '../presentation/use-live-session.ts';
import { SessionPanel } from '../session/SessionPanel.tsx';
import { SessionStatus } from '../session/SessionStatus.tsx';
import { DocumentWorkspace } from './DocumentWorkspace.tsx';
import { useMeetingDetail } from './use-meeting-detail.ts';

type Tab = 'agenda' | 'document' | 'session' | 'conference';

/**
 * The meeting room: agenda, the selected (or presented) item's document, and
 * the session (check-in, votes, the floor) with the conference. Side by
 * side on a meeting-room PC; tabs on a tablet.
 */
export function MeetingRoomScreen({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const meeting = useMeetingDetail(meetingId);
  const agenda = useCollabDoc(formatDocName({ kind: 'agenda', meetingId }));
  const live = useLiveSession(meetingId);
  const [selectedItemId, setSelectedItemId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('agenda');
  const [following, setFollowing] = useState(true);
  // On a PC the conference can take the main area (sites and the host while it runs).
  const [conferenceFocus, setConferenceFocus] = useState(false);

  // Every new presentation is followed until the reader chooses otherwise.
  const presentationKey = live.presentation ? `${live.presentation.presenterId}:${live.presentation.documentId}` : null;
  useEffect(() => {
    if (presentationKey) {
      setFollowing(true);
      setTab('document');
      setConferenceFocus(false);
    }
  }, [presentationKey]);

  // A poll that opens brings every screen to its ballot, as a presentation brings them to its page.
  const openPollId = live.polls.find((poll) => poll.status === 'open')?.id;
  useEffect(() => {
    if (openPollId) setTab('session');
  }, [openPollId]);

  // A version this screen has not heard of: refresh the meeting so its documents list is current.
  const knownVersions = new Set(meeting.detail?.agenda.flatMap((item) => item.documents.map((document) => document.versionId)));
  const unknownVersion = [...live.latestVersions.values()].some((latest) => !knownVersions.has(latest.versionId));
  const { reload } = meeting;
  useEffect(() => {
    if (unknownVersion) reload();
  }, [unknownVersion, reload]);

  if (meeting.loading) return <p className="muted page-message">{t('room.loading')}</p>;
  if (!meeting.detail) {
    return (
      <p className="error page-message" role="alert">
        {errorText(t, meeting.error)}
      </p>
    );
  }
  const detail = meeting.detail;

  return (
    <main className="meeting-room" data-tab={tab} data-focus={conferenceFocus ? 'conference' : undefined}>
      <header className="room-header">
        <a className="button secondary" href="#/meetings">
          ← {t('room.back')}
        </a>
        <div className="room-title">
          <p className="meeting-body">{detail.body}</p>
          <h1>{detail.title}</h1>
        </div>
        <SessionStatus live={live} onShowSession={() => setTab('session')} />
        {meeting.offline && <span className="notice offline-copy">{t('room.offlineCopy')}</span>}
        {agenda && <ConnectionBadge status={agenda.status} />}
      </header>
      <nav className="room-tabs" aria-label={detail.title}>
        {(['agenda', 'document', 'session', 'conference'] as const).map((name) => (
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
              // Choosing an item yourself means reading on your own.
              if (live.presentation) setFollowing(false);
              setTab('document');
            }}
          />
        </div>
        <div className="room-column column-document">
          <DocumentWorkspace
            meetingId={meetingId}
            detail={detail}
            live={live}
            selectedItemId={selectedItemId}
            following={following}
            onFollowingChange={setFollowing}
            onSelectItem={setSelectedItemId}
            onNewerVersion={reload}
          />
        </div>
        {/* On a PC the session sits above the conference in the right column (or beside it, when the conference
            takes the main area); on a tablet each is a tab. */}
        <div className="room-side">
          <div className="room-column column-session">
            <SessionPanel meetingId={meetingId} role={detail.myRole} live={live} agendaDoc={agenda?.doc} selectedItemId={selectedItemId} />
          </div>
          <div className="room-column column-conference">
            <ConferencePanel
              meetingId={meetingId}
              role={detail.myRole}
              live={live}
              focused={conferenceFocus}
              onFocusChange={setConferenceFocus}
              onShowDocument={() => {
                setConferenceFocus(false);
                setTab('document');
              }}
            />
          </div>
        </div>
      </div>
    </main>
  );
}
