import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SPEAKING_SECONDS, DEFAULT_WARN_BEFORE_SECONDS, SessionSettings, SpeechKind } from '#protocol/floor.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { loadSessionSettings, updateSessionSettings } from './floor-commands.ts';

type Minutes = Record<SpeechKind, string>;

/** Decimal minutes as typed in Vietnamese ("2,5") or English ("2.5"). */
function parseMinutes(text: string): number {
  return Number(text.trim().replace(',', '.'));
}

/** Default speaking time per kind and the warning period, in the units a chair thinks in (minutes, seconds). */
export function FloorSettingsForm({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const { token } = useSession();
  const [minutes, setMinutes] = useState<Minutes | null>(null);
  const [warn, setWarn] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const decimal = (value: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, useGrouping: false }).format(value);

  useEffect(() => {
    let live = true;
    loadSessionSettings(meetingId, token).then(
      (settings) => {
        if (!live) return;
        const seconds = { ...DEFAULT_SPEAKING_SECONDS, ...settings.speakingSeconds };
        setMinutes({ speech: decimal(seconds.speech / 60), debate: decimal(seconds.debate / 60), question: decimal(seconds.question / 60) });
        setWarn(String(settings.warnBeforeSeconds ?? DEFAULT_WARN_BEFORE_SECONDS));
      },
      (failure: unknown) => live && setMessage({ error: true, text: t('floor.settings.loadFailed', { reason: errorText(t, failure) }) }),
    );
    return () => {
      live = false;
    };
    // Loaded once each time the settings are opened.
  }, [meetingId, token]);

  if (!minutes) return <p className={message?.error ? 'error' : 'muted'}>{message?.text ?? t('floor.settings.loading')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const update = SessionSettings.safeParse({
      speakingSeconds: Object.fromEntries(SpeechKind.options.map((kind) => [kind, Math.round(parseMinutes(minutes[kind]) * 60)])),
      warnBeforeSeconds: Math.round(Number(warn)),
    });
    if (!update.success) {
      setMessage({ error: true, text: t('floor.settings.invalid') });
      return;
    }
    setSaving(true);
    setMessage(null);
    updateSessionSettings(meetingId, token, update.data)
      .then(
        () => setMessage({ error: false, text: t('floor.settings.saved') }),
        (failure: unknown) => setMessage({ error: true, text: t('floor.settings.saveFailed', { reason: errorText(t, failure) }) }),
      )
      .finally(() => setSaving(false));
  };

  return (
    <form className="floor-settings" onSubmit={submit}>
      <div className="session-field-row">
        {SpeechKind.options.map((kind) => (
          <label key={kind} className="session-field">
            {t('floor.settings.minutes', { kind: t(`floor.kind.${kind}`) })}
            <input inputMode="decimal" value={minutes[kind]} onChange={(event) => setMinutes({ ...minutes, [kind]: event.target.value })} />
          </label>
        ))}
        <label className="session-field">
          {t('floor.settings.warn')}
          <input inputMode="numeric" value={warn} onChange={(event) => setWarn(event.target.value)} />
        </label>
      </div>
      <div className="session-buttons">
        <button type="submit" className="button primary" disabled={saving}>
          {t('floor.settings.save')}
        </button>
      </div>
      {message && (
        <p className={message.error ? 'error' : 'save-note'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
