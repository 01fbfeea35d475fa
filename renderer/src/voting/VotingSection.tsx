import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LivePoll } from '#protocol/collab/live.ts';
import type { PollSummary } from '#protocol/voting.ts';
import { useSession } from '../app/session-context.tsx';
import type { SessionAbilities } from '../session/abilities.ts';
import { PollCard } from './PollCard.tsx';
import { PollDraftForm, type PollSubject } from './PollDraftForm.tsx';
import { listPolls } from './voting-commands.ts';
import './voting.css';

/** A prepared poll as the live document would show it, for drafts the server has not published there. */
function draftAsLivePoll(summary: PollSummary): LivePoll {
  return {
    id: summary.id,
    createdAt: '',
    agendaItemId: summary.agendaItemId,
    title: summary.title,
    options: summary.options,
    mode: summary.mode,
    status: summary.status,
    voted: 0,
    eligible: 0,
    closesAt: summary.closesAt,
    liveCounts: null,
    result: null,
    cancelReason: summary.cancelReason,
  };
}

/**
 * Biểu quyết: the open poll (or the latest result) first, then what the
 * chair has prepared, the form to prepare another, and earlier votes.
 * Status, progress and results come from the live document; the REST list
 * adds each poll's settings.
 */
export function VotingSection({
  meetingId,
  polls,
  abilities,
  subject,
}: {
  meetingId: string;
  polls: LivePoll[];
  abilities: SessionAbilities;
  subject: PollSubject | null;
}) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [summaries, setSummaries] = useState<Map<string, PollSummary>>(() => new Map());

  const refresh = useCallback(() => {
    listPolls(meetingId, token).then(
      (list) => setSummaries(new Map(list.polls.map((poll) => [poll.id, poll]))),
      // Settings are extras (rule, timer); the live document still shows every poll.
      () => {},
    );
  }, [meetingId, token]);
  const liveKey = polls.map((poll) => `${poll.id}:${poll.status}`).join(',');
  useEffect(() => refresh(), [refresh, liveKey]);

  const liveIds = new Set(polls.map((poll) => poll.id));
  const drafts = abilities.preparePolls
    ? [
        ...polls.filter((poll) => poll.status === 'draft'),
        ...[...summaries.values()].filter((summary) => summary.status === 'draft' && !liveIds.has(summary.id)).map(draftAsLivePoll),
      ]
    : [];
  const open = polls.filter((poll) => poll.status === 'open');
  const finished = polls.filter((poll) => poll.status === 'closed' || poll.status === 'cancelled');
  // With nothing open, the latest result stays in front: people read it after the close.
  const latest = open.length === 0 ? finished.at(-1) : undefined;
  const earlier = finished.filter((poll) => poll !== latest).reverse();

  const card = (poll: LivePoll) => (
    <PollCard key={poll.id} poll={poll} summary={summaries.get(poll.id)} abilities={abilities} onChanged={refresh} />
  );

  return (
    <section className="session-section voting-section" aria-labelledby="voting-heading" data-testid="voting">
      <h3 id="voting-heading">{t('voting.title')}</h3>
      {open.map(card)}
      {latest && card(latest)}
      {open.length === 0 && !latest && drafts.length === 0 && <p className="muted">{t('voting.none')}</p>}
      {drafts.length > 0 && (
        <>
          <h4>{t('voting.drafts')}</h4>
          {drafts.map(card)}
        </>
      )}
      {abilities.preparePolls && <PollDraftForm meetingId={meetingId} subject={subject} onCreated={refresh} />}
      {earlier.length > 0 && (
        <>
          <h4>{t('voting.history')}</h4>
          {earlier.map((poll) => (
            <EarlierPoll key={poll.id} poll={poll}>
              {card(poll)}
            </EarlierPoll>
          ))}
        </>
      )}
    </section>
  );
}

/** An earlier poll, folded to its title and outcome; its full result (and signature check) loads when unfolded. */
function EarlierPoll({ poll, children }: { poll: LivePoll; children: ReactNode }) {
  const { t } = useTranslation();
  const [unfolded, setUnfolded] = useState(false);
  const outcome =
    poll.status === 'cancelled'
      ? t('voting.status.cancelled')
      : poll.result?.passed === true
        ? t('voting.result.passed')
        : poll.result?.passed === false
          ? t('voting.result.notPassed')
          : t('voting.status.closed');
  return (
    <details className="session-details earlier-poll" onToggle={(event) => setUnfolded(event.currentTarget.open)}>
      <summary>
        <span>
          {poll.title} — <strong>{outcome}</strong>
        </span>
      </summary>
      {unfolded && children}
    </details>
  );
}
