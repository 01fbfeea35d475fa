import { useTranslation } from 'react-i18next';
import type { Quorum } from '#protocol/collab/live.ts';
import './attendance.css';

/** "Có mặt 4/6 · cần 4 · Đủ số lượng": green when the session may decide, red when it may not. */
export function QuorumIndicator({ quorum }: { quorum: Quorum | null }) {
  const { t } = useTranslation();
  if (!quorum) {
    return (
      <span className="quorum-indicator quorum-unknown" role="status" data-testid="quorum" aria-label={t('attendance.quorum.label')}>
        {t('attendance.quorum.unknown')}
      </span>
    );
  }
  return (
    <span
      className={`quorum-indicator ${quorum.reached ? 'quorum-reached' : 'quorum-missing'}`}
      role="status"
      data-testid="quorum"
      data-reached={quorum.reached}
      aria-label={t('attendance.quorum.label')}
    >
      {t('attendance.quorum.summary', { present: quorum.present, total: quorum.total, required: quorum.required })}
      {' · '}
      <strong>{quorum.reached ? t('attendance.quorum.reached') : t('attendance.quorum.notReached')}</strong>
    </span>
  );
}
