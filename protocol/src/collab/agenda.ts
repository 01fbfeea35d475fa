import * as Y from 'yjs';

/**
 * Layout of the `meeting:<id>:agenda` document.
 *
 * Root map `items`: agenda item id → Y.Map with
 * - `title`: Y.Text, drafted together by secretaries
 * - `presenter`: string
 * - `plannedMinutes`: number
 * - `order`: number (sort key; fractional so concurrent moves never duplicate an item)
 */
export const AGENDA_ITEMS = 'items';

export interface AgendaEntry {
  id: string;
  title: string;
  presenter: string;
  plannedMinutes: number;
  order: number;
}

type ItemMap = Y.Map<Y.Text | string | number>;

export function agendaItems(doc: Y.Doc): Y.Map<ItemMap> {
  return doc.getMap<ItemMap>(AGENDA_ITEMS);
}

/** The agenda in display order. Tolerates entries a buggy client wrote badly. */
export function readAgenda(doc: Y.Doc): AgendaEntry[] {
  const entries: AgendaEntry[] = [];
  agendaItems(doc).forEach((item, id) => {
    if (!(item instanceof Y.Map)) return;
    const title = item.get('title');
    const presenter = item.get('presenter');
    const plannedMinutes = item.get('plannedMinutes');
    const order = item.get('order');
    entries.push({
      id,
      title: title instanceof Y.Text ? title.toString() : '',
      presenter: typeof presenter === 'string' ? presenter : '',
      plannedMinutes: typeof plannedMinutes === 'number' ? plannedMinutes : 0,
      order: typeof order === 'number' ? order : Number.MAX_SAFE_INTEGER,
    });
  });
  return entries.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Title text of one item, for collaborative editing. */
export function agendaTitle(doc: Y.Doc, itemId: string): Y.Text | null {
  const title = agendaItems(doc).get(itemId)?.get('title');
  return title instanceof Y.Text ? title : null;
}

/** Adds or replaces an item (used by the server when the agenda structure changes). */
export function putAgendaItem(doc: Y.Doc, entry: AgendaEntry): void {
  doc.transact(() => {
    const item: ItemMap = new Y.Map();
    item.set('title', new Y.Text(entry.title));
    item.set('presenter', entry.presenter);
    item.set('plannedMinutes', entry.plannedMinutes);
    item.set('order', entry.order);
    agendaItems(doc).set(entry.id, item);
  });
}

/** Fields of one item the server may set; a title replaces the whole text. */
export type AgendaFields = Partial<Pick<AgendaEntry, 'title' | 'presenter' | 'plannedMinutes'>>;

/** Changes fields of an existing item; returns false when the item is not in the document. */
export function setAgendaFields(doc: Y.Doc, itemId: string, fields: AgendaFields): boolean {
  const item = agendaItems(doc).get(itemId);
  if (!(item instanceof Y.Map)) return false;
  doc.transact(() => {
    if (fields.title !== undefined) {
      const title = item.get('title');
      if (title instanceof Y.Text) {
        title.delete(0, title.length);
        title.insert(0, fields.title);
      } else {
        item.set('title', new Y.Text(fields.title));
      }
    }
    if (fields.presenter !== undefined) item.set('presenter', fields.presenter);
    if (fields.plannedMinutes !== undefined) item.set('plannedMinutes', fields.plannedMinutes);
  });
  return true;
}

export function removeAgendaItem(doc: Y.Doc, itemId: string): void {
  agendaItems(doc).delete(itemId);
}

/** Puts the listed items in this order (sort keys 0, 1, 2…); items not listed keep their key. */
export function setAgendaOrder(doc: Y.Doc, itemIds: readonly string[]): void {
  doc.transact(() => {
    itemIds.forEach((itemId, index) => {
      const item = agendaItems(doc).get(itemId);
      if (item instanceof Y.Map && item.get('order') !== index) item.set('order', index);
    });
  });
}
