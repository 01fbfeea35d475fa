import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LivePoll } from '#protocol/collab/live.ts';
import type { PollSummary } from '#protocol/voting.ts';
import { ApiFailure } from '../api/http.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import type { SessionAbilities } from '../session/abilities.ts';
import { BallotBox } from './BallotBox.tsx';
import { readMyBallot } from './my-ballots.ts';
import { PollCountdown } from './PollCountdown.tsx';
import { PollResultView } from './PollResultView.tsx';
import { ReasonAction } from './ReasonAction.tsx';
import { formatPercent, ruleText } from './rule-text.ts';
import { cancelOrRerunPoll, changePollState } from './voting-commands.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

/**
 * One poll at whatever stage it is: prepared (the chair opens it), open
 * (progress, countdown, the ballot), closed (the result) or cancelled (why).
 * The chair's controls sit under it.
 */
export function PollCard({
  poll,
  summary,
  abilities,
  onChanged,
}: {
  poll: LivePoll;
  /** Settings not in the live document (rule, timer, ballot changes); missing if the list could not be loaded. */
  summary: PollSummary | undefined;
  abilities: SessionAbilities;
  /** A command went through: the caller refreshes what the live document does not carry. */
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const { user, token } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A conflict means the poll changed state under the chair's press (closed by its timer, say).
  const run = async (command: () => Promise<unknown>) => {
    setPending(true);
    setError(null);
    try {
      await command();
      onChanged();
    } catch (failure) {
      const reason = failure instanceof ApiFailure && failure.code === 'conflict' && failure.reason === undefined ? t('voting.actions.stateChanged') : errorText(t, failure);
      setError(t('voting.actions.failed', { reason }));
      throw failure;
    } finally {
      setPending(false);
    }
  };
  const act = (command: () => Promise<unknown>) => void run(command).catch(() => {});
  const running = poll.status === 'draft' || poll.status === 'open';
  const chairActions = abilities.chair && (
    <div className="poll-actions">
      {poll.status === 'draft' && (
        <button type="button" className="button primary" disabled={pending} onClick={() => act(() => changePollState(poll.id, token, 'open'))}>
          {t('voting.actions.open')}
        </button>
      )}
      {poll.status === 'open' && (
        <button type="button" className="button primary" disabled={pending} onClick={() => act(() => changePollState(poll.id, token, 'close'))}>
          {t('voting.actions.close')}
        </button>
      )}
      {(poll.status === 'draft' || poll.status === 'open') && (
        <ReasonAction
          label={t('voting.actions.cancel')}
          reasonLabel={t('voting.actions.cancelReason')}
          confirmLabel={t('voting.actions.confirmCancel')}
          disabled={pending}
          onConfirm={(reason) => run(() => cancelOrRerunPoll(poll.id, token, 'cancel', reason))}
        />
      )}
      {/* The server reruns an open or a closed poll: the old one is cancelled, a new draft takes its place. */}
      {(poll.status === 'open' || poll.status === 'closed') && (
        <ReasonAction
          label={t('voting.actions.rerun')}
          reasonLabel={t('voting.actions.rerunReason')}
          confirmLabel={t('voting.actions.confirmRerun')}
          disabled={pending}
          onConfirm={(reason) => run(() => cancelOrRerunPoll(poll.id, token, 'rerun', reason))}
        />
      )}
    </div>
  );

  return (
    <article className={`poll-card poll-${poll.status}`} data-testid="poll" data-poll-id={poll.id} data-status={poll.status}>
      <header className="poll-header">
        <p className="poll-meta">
          <span className={`poll-status status-${poll.status}`}>{t(`voting.status.${poll.status}`)}</span>
          <span>{t(`voting.mode.${poll.mode}`)}</span>
          {summary?.rerunOf && <span>{t('voting.rerun')}</span>}
        </p>
        <h4 className="poll-title">{poll.title}</h4>
        {/* The line is there before the settings arrive, so the chair's buttons below do not jump under a finger. */}
        {running && !summary && (
          <p className="hint" aria-busy="true">
            {t('voting.ruleLoading')}
          </p>
        )}
        {summary && poll.status !== 'closed' && (
          <p className="hint">
            {t('voting.rule', { rule: ruleText(t, summary.rule) })}
            {summary.durationSeconds !== null && ` · ${t('voting.timer', { minutes: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(summary.durationSeconds / 60) })}`}
            {summary.mode === 'named' && summary.allowChange && ` · ${t('voting.allowChange')}`}
          </p>
        )}
      </header>

      {poll.status === 'draft' && !abilities.chair && <p className="muted">{t('voting.actions.waitForChair')}</p>}
      {/* While a poll is prepared or running, the chair's controls come before their own ballot. */}
      {running && chairActions}

      {poll.status === 'open' && (
        <>
          <div className="poll-progress" data-testid="poll-progress">
            <span>{t('voting.progress', { voted: poll.voted, eligible: poll.eligible })}</span>
            <span className="poll-progress-bar" aria-hidden="true">
              <span style={{ width: `${poll.eligible > 0 ? Math.min(100, (poll.voted / poll.eligible) * 100) : 0}%` }} />
            </span>
          </div>
          {poll.closesAt && <PollCountdown closesAt={poll.closesAt} />}
          {poll.liveCounts && (
            <div className="poll-live-counts">
              <p className="hint">{t('voting.liveCounts')}</p>
              <ul>
                {poll.options.map((label, option) => (
                  <li key={option}>
                    {label}: <strong>{poll.liveCounts?.[option] ?? 0}</strong>
                    {poll.eligible > 0 && ` (${formatPercent(Math.round(((poll.liveCounts?.[option] ?? 0) / poll.eligible) * 10_000) / 100, i18n.language)})`}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {abilities.vote ? <BallotBox poll={poll} summary={summary} /> : <p className="hint cannot-vote">{t('voting.ballot.cannotVote')}</p>}
        </>
      )}

      {poll.status === 'closed' && poll.result && <PollResultView result={poll.result} mine={readMyBallot(user.id, poll.id)} myUserId={user.id} />}

      {poll.status === 'cancelled' && (
        <p className="poll-cancelled" data-testid="poll-cancelled">
          {t('voting.cancelledBecause', { reason: poll.cancelReason ?? summary?.cancelReason ?? '' })}
        </p>
      )}
      {/* A closed poll that was rerun keeps the result it announced, marked as superseded. */}
      {poll.status === 'cancelled' && poll.result && (
        <details className="session-details">
          <summary>{t('voting.supersededResult')}</summary>
          <PollResultView result={poll.result} mine={readMyBallot(user.id, poll.id)} myUserId={user.id} />
        </details>
      )}

      {!running && chairActions}
      <ErrorMessage>{error}</ErrorMessage>
    </article>
  );
}
