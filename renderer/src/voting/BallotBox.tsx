import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LivePoll } from '#protocol/collab/live.ts';
import type { PollSummary } from '#protocol/voting.ts';
import { ApiFailure } from '../api/http.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { readMyBallot, saveMyBallot, type MyBallot } from './my-ballots.ts';
import { castBallot } from './voting-commands.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

/**
 * Why a ballot was refused. Without a finer reason from the server, `conflict`
 * means either a second ballot or a poll that closed meanwhile; the live poll
 * tells the two apart.
 */
function ballotFailureText(t: TFunction, failure: unknown, poll: LivePoll): string {
  if (failure instanceof ApiFailure && failure.reason === undefined) {
    if (failure.code === 'forbidden') return t('errors.reasons.not_eligible');
    if (failure.code === 'conflict') {
      const stillOpen = poll.status === 'open' && (poll.closesAt === null || Date.parse(poll.closesAt) > Date.now());
      return stillOpen ? t('errors.reasons.already_voted') : t('errors.reasons.poll_not_open');
    }
  }
  return errorText(t, failure);
}

/**
 * The ballot of one delegate for an open poll: big option buttons, a send
 * button that repeats the choice (one ballot, usually final), then the choice
 * confirmed and, for a secret poll, the receipt code to find in the result.
 */
export function BallotBox({ poll, summary }: { poll: LivePoll; summary: PollSummary | undefined }) {
  const { t } = useTranslation();
  const { user, token } = useSession();
  const [mine, setMine] = useState<MyBallot | null>(() => readMyBallot(user.id, poll.id));
  const [selected, setSelected] = useState<number | null>(null);
  const [changing, setChanging] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayChange = poll.mode === 'named' && summary?.allowChange === true;

  const send = (option: number) => {
    setSending(true);
    setError(null);
    castBallot(poll.id, token, { option })
      .then(
        (receipt) => {
          // A changed named ballot has no receipt; keep the code of a secret one.
          const ballot = { option, receipt: receipt.receipt ?? mine?.receipt ?? null };
          saveMyBallot(user.id, poll.id, ballot);
          setMine(ballot);
          setChanging(false);
          setSelected(null);
        },
        (failure: unknown) => setError(t('voting.ballot.failed', { reason: ballotFailureText(t, failure, poll) })),
      )
      .finally(() => setSending(false));
  };

  if (mine && !changing) {
    return (
      <div className="ballot-confirmed" data-testid="my-ballot">
        <p className="ballot-chosen" role="status">
          {t('voting.ballot.chosen', { option: poll.options[mine.option] ?? '' })}
        </p>
        {mine.receipt && (
          <div className="ballot-receipt">
            <p>{t('voting.ballot.receipt')}</p>
            <p className="receipt-code" data-testid="my-receipt">
              {mine.receipt}
            </p>
            <p className="hint">{t('voting.ballot.receiptHelp')}</p>
          </div>
        )}
        {mayChange && (
          <button type="button" className="button secondary" onClick={() => setChanging(true)}>
            {t('voting.ballot.change')}
          </button>
        )}
      </div>
    );
  }

  const chosenLabel = selected === null ? undefined : poll.options[selected];
  return (
    <div className="ballot-box" data-testid="ballot">
      <p className="hint">{poll.mode === 'secret' ? `${t('voting.ballot.secretNote')} ${t('voting.ballot.choose')}` : t('voting.ballot.choose')}</p>
      <div className="ballot-options" role="group" aria-label={poll.title}>
        {poll.options.map((label, option) => (
          <button
            key={option}
            type="button"
            className="ballot-option"
            aria-pressed={selected === option}
            disabled={sending}
            onClick={() => setSelected(option)}
          >
            {label}
          </button>
        ))}
      </div>
      {selected !== null && chosenLabel !== undefined && (
        <button type="button" className="button primary ballot-send" disabled={sending} onClick={() => send(selected)}>
          {sending ? t('voting.ballot.sending') : t('voting.ballot.send', { option: chosenLabel })}
        </button>
      )}
      {changing && (
        <button type="button" className="button secondary" disabled={sending} onClick={() => setChanging(false)}>
          {t('voting.ballot.keep')}
        </button>
      )}
      <ErrorMessage>{error}</ErrorMessage>
    </div>
  );
}
