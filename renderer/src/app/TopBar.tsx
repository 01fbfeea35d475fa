import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useSession } from './session-context.tsx';

export function TopBar({ onSignOut, children }: { onSignOut: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <header className="top-bar">
      <a className="brand" href="#/meetings">
        {t('app.name')}
      </a>
      <div className="top-bar-center">{children}</div>
      <LanguageSwitch />
      <span className="user-name" data-testid="user-name">
        {user.displayName}
      </span>
      <button type="button" className="button secondary" onClick={onSignOut}>
        {t('user.signOut')}
      </button>
    </header>
  );
}
