import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readAgenda, type AgendaEntry } from '#protocol/collab/agenda.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import { AttendanceRecordTable } from '../attendance/AttendanceRecordTable.tsx';
import { CheckInCard } from '../attendance/CheckInCard.tsx';
import { useSession } from '../app/session-context.tsx';
import { useDocView } from '../collab/use-collab-doc.ts';
import { FloorSection } from '../floor/FloorSection.tsx';
import type { LiveSession } from '../presentation/use-live-session.ts';
import { VotingSection } from '../voting/VotingSection.tsx';
import { abilitiesOf } from './abilities.ts';
import './session.css';

const NO_ITEMS: AgendaEntry[] = [];

/**
 * Phiên họp: check-in, votes and the floor in one panel, each from the live
 * document; every control only sends a request, and the panel changes when
 * the server publishes the outcome. What a role is offered follows
 * `abilitiesOf`.
 */
export function SessionPanel({
  meetingId,
  role,
  live,
  agendaDoc,
  selectedItemId,
}: {
  meetingId: string;
  role: MeetingRole;
  live: LiveSession;
  /** The agenda, for the title of a poll about the selected item. */
  agendaDoc: Y.Doc | undefined;
  selectedItemId: string | null;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const abilities = abilitiesOf(role);
  const agenda = useDocView(agendaDoc, readAgenda, NO_ITEMS);
  const selected = agenda.find((item) => item.id === selectedItemId);

  return (
    <div className="session-panel-frame">
    <section className="session-panel" aria-labelledby="session-heading" data-testid="session-panel">
      <h2 id="session-heading">{t('session.title')}</h2>
      {abilities.checkIn && <CheckInCard meetingId={meetingId} status={live.attendance.get(user.id)} />}
      <VotingSection
        meetingId={meetingId}
        polls={live.polls}
        abilities={abilities}
        subject={selected ? { id: selected.id, title: selected.title } : null}
      />
      <FloorSection meetingId={meetingId} floor={live.floor} abilities={abilities} />
      {abilities.keepAttendance && <AttendanceRecordTable meetingId={meetingId} liveAttendance={live.attendance} />}
    </section>
    </div>
  );
}
