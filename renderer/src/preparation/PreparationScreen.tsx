import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readAgenda } from '#protocol/collab/agenda.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import type { MeetingDetail } from '#protocol/meetings.ts';
import { errorText } from '../app/error-text.ts';
import { routeHref } from '../app/routes.ts';
import { useSession } from '../app/session-context.tsx';
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx';
import { useCollabDoc, useDocView } from '../collab/use-collab-doc.ts';
import { AgendaEditor } from './AgendaEditor.tsx';
import { LifecycleSection } from './LifecycleSection.tsx';
import { MeetingDetailsForm } from './MeetingDetailsForm.tsx';
import { ParticipantsEditor } from './ParticipantsEditor.tsx';
import { loadMeeting, updateMeeting } from './requests.ts';
import './preparation.css';

/** What changes the agenda's shape (not its titles): when a colleague changes it, the REST view is fetched again. */
function agendaShape(doc: Y.Doc): string {
  return readAgenda(doc)
    .map((entry) => `${entry.id}:${entry.order}:${entry.presenter}:${entry.plannedMinutes}`)
    .join('|');
}

/**
 * The meeting as the server last described it. Every command answers with
 * the new MeetingDetail; a sequence number keeps a slow reload from
 * overwriting a newer answer.
 */
function useMeetingDetail(meetingId: string) {
  const { token } = useSession();
  const [state, setState] = useState<{ detail?: MeetingDetail; error?: unknown }>({});
  const sequence = useRef(0);

  const replace = useCallback((detail: MeetingDetail) => {
    sequence.current += 1;
    setState({ detail });
  }, []);
  const reload = useCallback(async () => {
    const started = ++sequence.current;
    try {
      const detail = await loadMeeting(token, meetingId);
      if (started === sequence.current) setState({ detail });
    } catch (error) {
      if (started === sequence.current) setState((previous) => ({ ...previous, error }));
    }
  }, [token, meetingId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  return { ...state, replace, reload };
}

/**
 * Session preparation for the meeting's secretary: details and status,
 * the agenda with its documents, and the participants. One column on a
 * tablet, two on a meeting-room PC.
 */
export function PreparationScreen({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const meeting = useMeetingDetail(meetingId);
  const agenda = useCollabDoc(formatDocName({ kind: 'agenda', meetingId }));

  const shape = useDocView(agenda?.doc, agendaShape, '');
  const seenShape = useRef('');
  const { reload } = meeting;
  useEffect(() => {
    const previous = seenShape.current;
    seenShape.current = shape;
    if (previous && shape !== previous) void reload();
  }, [shape, reload]);

  const detail = meeting.detail;
  const closed = detail?.status === 'closed';
  if (!detail) {
    return meeting.error === undefined ? (
      <p className="muted page-message">{t('preparation.loading')}</p>
    ) : (
      <p className="error page-message" role="alert">
        {errorText(t, meeting.error)}
      </p>
    );
  }

  return (
    <main className="preparation">
      <header className="room-header prep-header">
        <a className="button secondary" href={routeHref({ screen: 'meetings' })}>
          ← {t('preparation.back')}
        </a>
        <div className="room-title">
          <p className="meeting-body">{detail.body}</p>
          <h1>
            {t('preparation.title')}: {detail.title}
          </h1>
        </div>
        {agenda && <ConnectionBadge status={agenda.status} />}
        <a className="button primary" href={routeHref({ screen: 'meeting', meetingId })}>
          {t('preparation.enterRoom')}
        </a>
      </header>
      {detail.myRole !== 'secretary' && <p className="notice prep-notice">{t('preparation.readOnly')}</p>}
      {closed && <p className="notice prep-notice">{t('preparation.closed')}</p>}
      <div className="prep-grid">
        <LifecycleSection meeting={detail} onDetail={meeting.replace} />
        {/* A closed meeting refuses every change, so its controls are disabled rather than left to fail. */}
        <fieldset className="prep-lock" disabled={closed}>
          <section className="prep-section prep-details" aria-labelledby="prep-details-heading">
            <h2 id="prep-details-heading">{t('preparation.details.heading')}</h2>
            <MeetingDetailsForm
              initial={detail}
              onSubmit={async (update) => meeting.replace(await updateMeeting(token, meetingId, update))}
            />
          </section>
          <AgendaEditor
            meeting={detail}
            agendaDoc={agenda?.synced ? agenda.doc : undefined}
            locked={closed}
            onDetail={meeting.replace}
            onReload={reload}
          />
          <ParticipantsEditor meetingId={meetingId} />
        </fieldset>
      </div>
    </main>
  );
}
