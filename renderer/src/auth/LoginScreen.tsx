import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginResponse } from '#protocol/auth.ts';
import { ApiFailure, apiRequest } from '../api/http.ts';
import { errorText } from '../app/error-text.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { ServerSettings } from '../desktop/ServerSettings.tsx';
import { platform } from '../platform/index.ts';
import type { StoredSession } from '#protocol/platform.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

export function LoginScreen({ expired, onSignedIn }: { expired: boolean; onSignedIn: (session: StoredSession) => Promise<void> }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [changingServer, setChangingServer] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignedIn(await apiRequest(LoginResponse, '/api/auth/login', { method: 'POST', body: { username, password } }));
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.code === 'unauthorized') setError(t('login.failed'));
      else if (failure instanceof ApiFailure && failure.code === 'rate_limited') setError(t('login.rateLimited'));
      else setError(errorText(t, failure));
      setBusy(false);
    }
  }

  const heading = (
    <div className="login-heading">
      <h1>{t('app.name')}</h1>
      <p>{t('app.tagline')}</p>
    </div>
  );

  // The desktop app starts by asking which server to use.
  if (changingServer || (platform.features.serverSettings && !platform.serverUrl())) {
    return (
      <main className="login-screen">
        <div className="login-card">
          {heading}
          <ServerSettings />
          <LanguageSwitch />
        </div>
      </main>
    );
  }

  return (
    <main className="login-screen">
      <form className="login-card" onSubmit={(event) => void submit(event)}>
        {heading}
        <h2>{t('login.title')}</h2>
        {expired && !error && <p className="notice">{t('login.expired')}</p>}
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        <ErrorMessage>{error}</ErrorMessage>
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <LanguageSwitch />
        {platform.features.serverSettings && (
          <p className="muted server-current">
            {t('server.current', { url: platform.serverUrl() })}{' '}
            <button type="button" className="button secondary" onClick={() => setChangingServer(true)}>
              {t('server.change')}
            </button>
          </p>
        )}
      </form>
    </main>
  );
}
