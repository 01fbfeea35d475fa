import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { NodeDirectory, NodeRoute } from './node-directory.ts';

/**
 * The root's routing for GET …/conference/route: a participant's media goes
 * to the node serving their account's unit (a site's commune, a person's
 * unit) or its nearest ancestor's, among the nodes connected now; null
 * means this node (the root).
 */
export function cascadeRouter(db: Kysely<Database>, directory: NodeDirectory): (userId: string) => Promise<NodeRoute | null> {
  return async (userId) => {
    if (!directory.list().some((node) => node.connected)) return null;
    const account = await db.selectFrom('accounts').select('unit_id').where('id', '=', userId).executeTakeFirst();
    if (!account?.unit_id) return null;
    const units = await db.selectFrom('units').select(['id', 'parent_id', 'name']).execute();
    return directory.routeFor(units, account.unit_id);
  };
}
