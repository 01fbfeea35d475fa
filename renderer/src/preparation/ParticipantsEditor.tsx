import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRole, User } from '#protocol/auth.ts';
import type { MeetingRole, Participant, ParticipantList, Unit } from '#protocol/meetings.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { useLoad } from '../app/use-api.ts';
import { inviteSite, loadAccounts, loadParticipants, loadUnits, removeParticipant, setParticipant, uninviteSite } from './requests.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

/** Roles a person can be given; `site` belongs to unit accounts, invited through the unit tree. */
const PERSON_ROLES = ['chair', 'secretary', 'delegate', 'guest'] as const satisfies readonly MeetingRole[];
type PersonRole = (typeof PERSON_ROLES)[number];

/** The meeting role a person's account suggests when inviting them. */
function suggestedRole(role: AccountRole): PersonRole {
  return role === 'chair' || role === 'secretary' || role === 'delegate' ? role : 'guest';
}

/**
 * Who takes part: people with their meeting role, and the units whose
 * meeting-room sites are invited. Each change is a server request whose
 * answer (the whole list) replaces what is shown.
 */
export function ParticipantsEditor({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const loaded = useLoad(() => loadParticipants(token, meetingId), [token, meetingId]);
  const [changed, setChanged] = useState<ParticipantList | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = changed ?? loaded.data;

  /** Runs one change; false when it failed (the sentence is shown). */
  const change = async (request: () => Promise<ParticipantList>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      setChanged(await request());
      return true;
    } catch (failure) {
      setError(errorText(t, failure));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="prep-section prep-participants" aria-labelledby="prep-participants-heading" aria-busy={busy}>
      <h2 id="prep-participants-heading">{t('preparation.participants.heading')}</h2>
      {loaded.loading && <p className="muted">{t('preparation.participants.loading')}</p>}
      {loaded.error !== undefined && !list && (
        <p className="error" role="alert">
          {errorText(t, loaded.error)}
        </p>
      )}
      <ErrorMessage>{error}</ErrorMessage>
      {list && (
        <>
          <PeopleTable
            people={list.participants.filter((participant) => participant.role !== 'site')}
            busy={busy}
            onRole={(accountId, role) => void change(() => setParticipant(token, meetingId, accountId, role))}
            onRemove={(accountId) => void change(() => removeParticipant(token, meetingId, accountId))}
          />
          <InvitePerson
            invited={new Set(list.participants.map((participant) => participant.accountId))}
            busy={busy}
            onInvite={(accountId, role) => change(() => setParticipant(token, meetingId, accountId, role))}
          />
          <SiteTree
            list={list}
            busy={busy}
            onToggle={(unitId, invite) =>
              void change(() => (invite ? inviteSite(token, meetingId, unitId) : uninviteSite(token, meetingId, unitId)))
            }
          />
        </>
      )}
    </section>
  );
}

function PeopleTable({
  people,
  busy,
  onRole,
  onRemove,
}: {
  people: Participant[];
  busy: boolean;
  onRole: (accountId: string, role: PersonRole) => void;
  onRemove: (accountId: string) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (people.length === 0) return <p className="muted">{t('preparation.participants.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="participants-table">
        <thead>
          <tr>
            <th scope="col">{t('preparation.participants.name')}</th>
            <th scope="col">{t('preparation.participants.accountRole')}</th>
            <th scope="col">{t('preparation.participants.meetingRole')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('preparation.participants.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => {
            // Changing or removing yourself would lock you out of this screen.
            const isMe = person.accountId === user.id;
            return (
              <tr key={person.accountId} data-testid="participant-row">
                <th scope="row">
                  {person.displayName} {isMe && <span className="muted">{t('preparation.participants.you')}</span>}
                  <small className="muted participant-username">{person.username}</small>
                </th>
                <td>{t(`preparation.participants.account.${person.accountRole}`)}</td>
                <td>
                  <select
                    aria-label={t('preparation.participants.roleOf', { name: person.displayName })}
                    value={person.role}
                    disabled={busy || isMe}
                    onChange={(event) => onRole(person.accountId, event.target.value as PersonRole)}
                  >
                    {PERSON_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`meetings.role.${role}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {!isMe && (
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={t('preparation.participants.removeLabel', { name: person.displayName })}
                      disabled={busy}
                      onClick={() => onRemove(person.accountId)}
                    >
                      {t('preparation.participants.remove')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function InvitePerson({
  invited,
  busy,
  onInvite,
}: {
  invited: Set<string>;
  busy: boolean;
  onInvite: (accountId: string, role: PersonRole) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const { token } = useSession();
  const accounts = useLoad(() => loadAccounts(token), [token]);
  const [accountId, setAccountId] = useState('');
  const [role, setRole] = useState<PersonRole>('delegate');
  // Separate labels: a label wrapping a select would take the option texts into its name.
  const personField = useId();
  const roleField = useId();
  // People only: site accounts come with their unit.
  const candidates = (accounts.data ?? []).filter((account: User) => account.role !== 'site' && !invited.has(account.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!accountId) return;
    if (await onInvite(accountId, role)) setAccountId('');
  };

  return (
    <form className="invite-person" onSubmit={(event) => void submit(event)}>
      <h3>{t('preparation.participants.addHeading')}</h3>
      {accounts.error !== undefined && (
        <p className="error" role="alert">
          {errorText(t, accounts.error)}
        </p>
      )}
      {accounts.data && candidates.length === 0 && <p className="muted">{t('preparation.participants.everyoneInvited')}</p>}
      {candidates.length > 0 && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={personField}>{t('preparation.participants.person')}</label>
            <select
              id={personField}
              value={accountId}
              onChange={(event) => {
                setAccountId(event.target.value);
                const account = candidates.find((candidate) => candidate.id === event.target.value);
                if (account) setRole(suggestedRole(account.role));
              }}
            >
              <option value="">{t('preparation.participants.choosePerson')}</option>
              {candidates.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.displayName} ({t(`preparation.participants.account.${account.role}`)})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={roleField}>{t('preparation.participants.role')}</label>
            <select id={roleField} value={role} onChange={(event) => setRole(event.target.value as PersonRole)}>
              {PERSON_ROLES.map((option) => (
                <option key={option} value={option}>
                  {t(`meetings.role.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary" disabled={busy || !accountId}>
            {busy ? t('preparation.participants.adding') : t('preparation.participants.add')}
          </button>
        </div>
      )}
    </form>
  );
}

/** Depth of each unit in the tree; the list comes parents first. */
function unitDepths(units: Unit[]): Map<string, number> {
  const depths = new Map<string, number>();
  for (const unit of units) depths.set(unit.id, unit.parentId ? (depths.get(unit.parentId) ?? 0) + 1 : 0);
  return depths;
}

function SiteTree({
  list,
  busy,
  onToggle,
}: {
  list: ParticipantList;
  busy: boolean;
  onToggle: (unitId: string, invite: boolean) => void;
}) {
  const { t } = useTranslation();
  const { token } = useSession();
  const units = useLoad(() => loadUnits(token), [token]);
  const depths = unitDepths(units.data ?? []);
  const invitedUnits = new Set(list.siteUnitIds);

  return (
    <fieldset className="site-tree">
      <legend>{t('preparation.sites.heading')}</legend>
      <p className="hint">{t('preparation.sites.hint')}</p>
      {units.loading && <p className="muted">{t('preparation.sites.loading')}</p>}
      {units.error !== undefined && (
        <p className="error" role="alert">
          {errorText(t, units.error)}
        </p>
      )}
      <ul>
        {units.data?.map((unit) => {
          const siteAccounts = list.participants.filter(
            (participant) => participant.role === 'site' && participant.unitId === unit.id,
          ).length;
          return (
            <li key={unit.id} style={{ paddingLeft: `${(depths.get(unit.id) ?? 0) * 1.75}rem` }}>
              <label className="check-row">
                <input
                  type="checkbox"
                  checked={invitedUnits.has(unit.id)}
                  disabled={busy}
                  onChange={(event) => onToggle(unit.id, event.target.checked)}
                />
                <span>
                  {unit.name} <small className="muted">({t(`preparation.sites.kind.${unit.kind}`)})</small>
                </span>
                {siteAccounts > 0 && <small className="muted">{t('preparation.sites.invited', { count: siteAccounts })}</small>}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
