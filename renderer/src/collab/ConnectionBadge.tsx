import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from './use-collab-doc.ts';

const LABEL = { connected: 'connection.connected', connecting: 'connection.connecting', disconnected: 'connection.offline' } as const;

/** Shows whether live data is flowing, so nobody trusts a stale screen. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`connection-badge connection-${status}`} role="status" data-testid="connection-status" data-status={status}>
      {t(LABEL[status])}
    </span>
  );
}
