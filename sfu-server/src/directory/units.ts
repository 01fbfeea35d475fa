import type { Kysely } from 'kysely';
import type { Unit } from '#protocol/meetings.ts';
import type { Database } from '../store/schema.ts';

/**
 * Every unit, depth first: each parent directly before its children, siblings
 * by name, so a client can indent the list as a tree without sorting it.
 */
export async function unitTree(db: Kysely<Database>): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().execute();
  const byName = new Intl.Collator('vi').compare;
  const children = new Map<string | null, typeof rows>();
  for (const row of rows.sort((a, b) => byName(a.name, b.name))) {
    const siblings = children.get(row.parent_id) ?? [];
    siblings.push(row);
    children.set(row.parent_id, siblings);
  }
  const ordered: Unit[] = [];
  const visit = (parentId: string | null) => {
    for (const row of children.get(parentId) ?? []) {
      ordered.push({ id: row.id, parentId: row.parent_id, name: row.name, kind: row.kind });
      visit(row.id);
    }
  };
  visit(null);
  return ordered;
}
