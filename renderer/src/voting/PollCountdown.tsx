import { useTranslation } from 'react-i18next';
import { formatClock, secondsUntil } from '../session/countdown.ts';
import { useServerNow } from '../session/server-clock.ts';

/** Time left on a poll with a timer, on the server's clock. */
export function PollCountdown({ closesAt }: { closesAt: string }) {
  const { t } = useTranslation();
  const left = secondsUntil(closesAt, useServerNow());
  return (
    <p className={left <= 10 ? 'poll-countdown ending' : 'poll-countdown'} data-testid="poll-countdown">
      {left > 0 ? t('voting.closesIn', { time: formatClock(left) }) : t('voting.timeUp')}
    </p>
  );
}
