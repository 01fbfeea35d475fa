import { useTranslation } from 'react-i18next';
import type { LivePoll } from '#protocol/collab/live.ts';
import './voting.css';

/** A header chip while a poll is open, "Đang biểu quyết: 3/6", that takes the reader to the ballot. */
export function OpenPollIndicator({ polls, onShow }: { polls: LivePoll[]; onShow(): void }) {
  const { t } = useTranslation();
  const open = polls.find((poll) => poll.status === 'open');
  if (!open) return null;
  return (
    <button
      type="button"
      className="open-poll-indicator"
      data-testid="open-poll-indicator"
      title={t('voting.indicatorTitle', { title: open.title })}
      onClick={() => {
        onShow();
        // After the tab switch has rendered, bring the ballot itself into view.
        requestAnimationFrame(() => document.querySelector(`[data-poll-id="${open.id}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
      }}
    >
      {t('voting.indicator', { voted: open.voted, eligible: open.eligible })}
    </button>
  );
}
