import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AccountList, UnitList } from '#protocol/meetings.ts';
import { toUser } from '../auth/accounts.ts';
import { principalOf } from '../auth/authenticate.ts';
import { HttpError } from '../http/errors.ts';
import { ORGANIZER_ROLES } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';
import { unitTree } from './units.ts';

/** The unit tree and the accounts, which secretaries pick from when inviting. */
export function registerDirectoryRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db } = deps;

  app.get('/api/units', { onRequest: deps.requireLogin }, async (): Promise<UnitList> => {
    return { units: await unitTree(db) };
  });

  app.get('/api/accounts', { onRequest: deps.requireLogin }, async (request): Promise<AccountList> => {
    if (!ORGANIZER_ROLES.includes(principalOf(request).role)) {
      throw new HttpError(403, 'forbidden', 'only secretaries, chairs and administrators may list accounts');
    }
    const accounts = await db.selectFrom('accounts').selectAll().execute();
    const byName = new Intl.Collator('vi').compare;
    return { accounts: accounts.sort((a, b) => byName(a.display_name, b.display_name)).map(toUser) };
  });
}
