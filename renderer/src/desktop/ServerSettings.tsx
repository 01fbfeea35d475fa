import { useState, type FormEvent } from 'react';
import './desktop.css';
import { useTranslation } from 'react-i18next';
import { platform } from '../platform/index.ts';

/**
 * Desktop only: which server the app talks to, and an internal certificate
 * authority when the government network needs one. There is no "ignore
 * certificate errors" switch, by design.
 */
export function ServerSettings() {
  const { t } = useTranslation();
  const [url, setUrl] = useState(platform.serverUrl());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await platform.setServerUrl(url);
    setBusy(false);
    // On success the app reopens against the new server.
    if (!result.ok) setMessage({ kind: 'error', text: t('server.invalidUrl') });
  }

  async function addAuthority(file: File | undefined) {
    if (!file) return;
    const result = await platform.addCertificateAuthority(await file.text());
    setMessage(
      result.ok
        ? { kind: 'notice', text: t('server.authorityAdded', { subject: result.detail ?? file.name }) }
        : { kind: 'error', text: t(`server.authorityRefused.${result.reason}`) },
    );
  }

  return (
    <form className="server-settings" onSubmit={(event) => void save(event)}>
      <h2>{t('server.title')}</h2>
      <p className="muted">{t('server.intro')}</p>
      <label>
        {t('server.url')}
        <input type="url" inputMode="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://" required />
      </label>
      <button className="button primary" type="submit" disabled={busy}>
        {busy ? t('server.saving') : t('server.save')}
      </button>
      <label className="server-authority">
        {t('server.authority')}
        <span className="hint">{t('server.authorityHint')}</span>
        <input type="file" accept=".pem,.crt,.cer" onChange={(event) => void addAuthority(event.target.files?.[0])} />
      </label>
      {message && (
        <p className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
