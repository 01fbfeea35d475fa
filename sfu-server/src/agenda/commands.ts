import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction, Updateable } from 'kysely';
import { putAgendaItem, removeAgendaItem, setAgendaFields, setAgendaOrder } from '#protocol/collab/agenda.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import type { AgendaItemDraft, AgendaItemUpdate } from '#protocol/meetings.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError } from '../http/errors.ts';
import type { AgendaItemTable, Database } from '../store/schema.ts';

// Server commands on the agenda's structure. Each writes the store first and
// then the `meeting:<id>:agenda` document, so secretaries drafting live see the
// change at once. Callers have already checked permissions.

const agendaDoc = (meetingId: string) => formatDocName({ kind: 'agenda', meetingId });

/** Item ids of a meeting in agenda order. */
async function itemIdsOf(db: Kysely<Database> | Transaction<Database>, meetingId: string): Promise<string[]> {
  const rows = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
  return rows.map((row) => row.id);
}

/** Positions 0, 1, 2… in the given order. */
async function renumber(trx: Transaction<Database>, itemIds: string[]): Promise<void> {
  for (const [position, id] of itemIds.entries()) {
    await trx.updateTable('agenda_items').set({ position }).where('id', '=', id).execute();
  }
}

/** Adds an item at the end of the agenda; returns its id. */
export async function addAgendaItem(db: Kysely<Database>, hub: CollabHub, meetingId: string, draft: AgendaItemDraft): Promise<string> {
  const id = randomUUID();
  const position = await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    const next = last?.position === null || last?.position === undefined ? 0 : last.position + 1;
    await trx
      .insertInto('agenda_items')
      .values({
        id,
        meeting_id: meetingId,
        position: next,
        title: draft.title,
        presenter: draft.presenter,
        planned_minutes: draft.plannedMinutes,
      })
      .execute();
    return next;
  });
  await hub.change(agendaDoc(meetingId), (doc) =>
    putAgendaItem(doc, { id, title: draft.title, presenter: draft.presenter, plannedMinutes: draft.plannedMinutes, order: position }),
  );
  return id;
}

/** Changes an item's fields; a new title replaces the text being drafted. */
export async function updateAgendaItem(
  db: Kysely<Database>,
  hub: CollabHub,
  meetingId: string,
  itemId: string,
  update: AgendaItemUpdate,
): Promise<void> {
  const row: Updateable<AgendaItemTable> = {
    ...(update.title !== undefined && { title: update.title }),
    ...(update.presenter !== undefined && { presenter: update.presenter }),
    ...(update.plannedMinutes !== undefined && { planned_minutes: update.plannedMinutes }),
  };
  if (Object.keys(row).length === 0) return;
  const item = await db
    .updateTable('agenda_items')
    .set(row)
    .where('id', '=', itemId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await hub.change(agendaDoc(meetingId), (doc) => {
    // An item missing from the document (it predates it, or was lost) is written whole.
    if (!setAgendaFields(doc, itemId, update)) {
      const { title, presenter, planned_minutes: plannedMinutes, position: order } = item;
      putAgendaItem(doc, { id: itemId, title, presenter, plannedMinutes, order });
    }
  });
}

/** Deletes an item with its documents; the items after it move up. */
export async function deleteAgendaItem(db: Kysely<Database>, hub: CollabHub, meetingId: string, itemId: string): Promise<void> {
  const remaining = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('agenda_items').where('id', '=', itemId).execute();
    const itemIds = await itemIdsOf(trx, meetingId);
    await renumber(trx, itemIds);
    return itemIds;
  });
  await hub.change(agendaDoc(meetingId), (doc) => {
    removeAgendaItem(doc, itemId);
    setAgendaOrder(doc, remaining);
  });
}

/** Puts the agenda in a new order; `itemIds` must be exactly the meeting's items (400 otherwise). */
export async function reorderAgenda(db: Kysely<Database>, hub: CollabHub, meetingId: string, itemIds: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = new Set(await itemIdsOf(trx, meetingId));
    const proposed = new Set(itemIds);
    if (proposed.size !== itemIds.length || proposed.size !== current.size || itemIds.some((id) => !current.has(id))) {
      throw new HttpError(400, 'bad_request', 'the new order must list every agenda item of the meeting exactly once');
    }
    await renumber(trx, itemIds);
  });
  await hub.change(agendaDoc(meetingId), (doc) => setAgendaOrder(doc, itemIds));
}
