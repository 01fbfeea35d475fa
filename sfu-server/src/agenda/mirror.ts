import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Updateable } from 'kysely';
import { readAgenda, type AgendaEntry } from '#protocol/collab/agenda.ts';
import { parseDocName } from '#protocol/collab/doc-names.ts';
import { AgendaItemDraft } from '#protocol/meetings.ts';
import type { DocumentWatcher } from '../collab/collab-hub.ts';
import type { AgendaItemTable, Database } from '../store/schema.ts';

/** Quiet time after the last keystroke before the store follows. */
const DEBOUNCE_MS = 500;
/** Someone typing without pause still reaches the store this often. */
const MAX_WAIT_MS = 5000;

/**
 * Secretaries draft agenda text straight in `meeting:<id>:agenda`; REST
 * readers (the meeting list, minutes, exports) read the store. This watcher
 * copies titles, presenters and planned minutes of the items the store
 * knows from the document into the store, debounced. The store stays the
 * authority on structure: items that exist only in the document are ignored,
 * and so is anything the REST schema would refuse (an empty title, say).
 */
export function mirrorAgendaToStore(db: Kysely<Database>, log: FastifyBaseLogger): DocumentWatcher {
  return (name, doc) => {
    const parsed = parseDocName(name);
    if (parsed?.kind !== 'agenda') return null;
    const { meetingId } = parsed;
    let timer: NodeJS.Timeout | undefined;
    let pendingSince = 0;
    let writing = Promise.resolve();

    const write = () => {
      timer = undefined;
      const entries = readAgenda(doc);
      writing = writing
        .then(() => copyToStore(db, meetingId, entries, log))
        .catch((error: unknown) => log.error({ err: error, meetingId }, 'agenda mirror failed'));
    };
    // Server commands write the store themselves, but their updates still schedule a
    // copy: a copy that raced with a command then converges on the document's state.
    const onUpdate = () => {
      const now = Date.now();
      if (!timer) pendingSince = now;
      clearTimeout(timer);
      timer = setTimeout(write, Math.max(0, Math.min(DEBOUNCE_MS, pendingSince + MAX_WAIT_MS - now)));
    };
    doc.on('update', onUpdate);
    return async () => {
      doc.off('update', onUpdate);
      if (timer) {
        clearTimeout(timer);
        write();
      }
      await writing;
    };
  };
}

const Fields = AgendaItemDraft.shape;

async function copyToStore(db: Kysely<Database>, meetingId: string, entries: AgendaEntry[], log: FastifyBaseLogger): Promise<void> {
  const meeting = await db.selectFrom('meetings').select('status').where('id', '=', meetingId).executeTakeFirst();
  // A closed meeting's record is final, whatever a secretary's client still sends.
  if (!meeting || meeting.status === 'closed') return;
  const rows = await db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).execute();
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const changes: { id: string; set: Updateable<AgendaItemTable> }[] = [];
  for (const row of rows) {
    const entry = byId.get(row.id);
    if (!entry) continue;
    const title = Fields.title.safeParse(entry.title);
    const presenter = Fields.presenter.safeParse(entry.presenter);
    const minutes = Fields.plannedMinutes.safeParse(entry.plannedMinutes);
    const set: Updateable<AgendaItemTable> = {
      ...(title.success && title.data !== row.title && { title: title.data }),
      ...(presenter.success && presenter.data !== row.presenter && { presenter: presenter.data }),
      ...(minutes.success && minutes.data !== row.planned_minutes && { planned_minutes: minutes.data }),
    };
    if (!title.success || !presenter.success || !minutes.success) {
      log.debug({ meetingId, itemId: row.id }, 'agenda mirror kept store values the document has in an invalid state');
    }
    if (Object.keys(set).length > 0) changes.push({ id: row.id, set });
  }
  if (changes.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const { id, set } of changes) await trx.updateTable('agenda_items').set(set).where('id', '=', id).execute();
  });
  log.debug({ meetingId, items: changes.length }, 'agenda mirrored into the store');
}
