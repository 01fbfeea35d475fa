import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AttendanceStatus, type AttendanceEntry, type AttendanceRecord } from '#protocol/attendance.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { vietnamDateAndTime } from '../preparation/vietnam-time.ts';
import { correctAttendance, loadAttendance } from './attendance-commands.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

/**
 * The secretary's attendance record: everyone who counts, their status and
 * why, with an audited correction per person. Reloaded whenever the live
 * attendance changes, so check-ins appear as they happen.
 */
export function AttendanceRecordTable({ meetingId, liveAttendance }: { meetingId: string; liveAttendance: Map<string, AttendanceStatus> }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [record, setRecord] = useState<AttendanceRecord | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);

  // The live map says that something changed; the record says what, and why.
  const liveKey = [...liveAttendance].map(([accountId, status]) => `${accountId}=${status}`).sort().join(',');
  const reload = useCallback(() => {
    loadAttendance(meetingId, token).then(
      (loaded) => {
        setRecord(loaded);
        setLoadError(null);
      },
      (failure: unknown) => setLoadError(failure),
    );
  }, [meetingId, token]);
  useEffect(() => reload(), [reload, liveKey]);

  if (!record) {
    return (
      <section className="session-section" aria-labelledby="attendance-record-heading">
        <h3 id="attendance-record-heading">{t('attendance.record.heading')}</h3>
        {loadError ? (
          <p className="error" role="alert">
            {t('attendance.record.loadFailed', { reason: errorText(t, loadError) })}
          </p>
        ) : (
          <p className="muted">{t('attendance.record.loading')}</p>
        )}
      </section>
    );
  }
  const count = (status: AttendanceStatus | null) => record.entries.filter((entry) => entry.status === status).length;

  return (
    <section className="session-section" aria-labelledby="attendance-record-heading" data-testid="attendance-record">
      <h3 id="attendance-record-heading">{t('attendance.record.heading')}</h3>
      <p className="hint">
        {t('attendance.record.counts', { hall: count('present_hall'), remote: count('present_remote'), absent: count('absent'), none: count(null) })}
      </p>
      {loadError !== null && (
        <p className="error" role="alert">
          {t('attendance.record.loadFailed', { reason: errorText(t, loadError) })}
        </p>
      )}
      <table className="attendance-table">
        <thead>
          <tr>
            <th scope="col">{t('attendance.record.name')}</th>
            <th scope="col">{t('attendance.record.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('attendance.record.correct')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {record.entries.map((entry) => (
            <AttendanceRow
              key={entry.accountId}
              entry={entry}
              editing={editing === entry.accountId}
              onEdit={(edit) => setEditing(edit ? entry.accountId : null)}
              onSave={async (status, reason) => {
                await correctAttendance(meetingId, entry.accountId, token, { status, reason });
                setEditing(null);
                // A new reason with the same status leaves the live map as it was.
                reload();
              }}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AttendanceRow({
  entry,
  editing,
  onEdit,
  onSave,
}: {
  entry: AttendanceEntry;
  editing: boolean;
  onEdit(editing: boolean): void;
  onSave(status: AttendanceStatus, reason: string): Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <tr data-testid="attendance-row" data-status={entry.status ?? 'none'}>
        <th scope="row">{entry.name}</th>
        <td>
          <span className={`attendance-status attendance-${entry.status ?? 'none'}`}>{t(`attendance.status.${entry.status ?? 'none'}`)}</span>
          {entry.reason && <span className="attendance-note">{entry.reason}</span>}
          {entry.updatedBy && entry.updatedAt && (
            <span className="attendance-note">{t('attendance.record.recordedBy', { name: entry.updatedBy, time: vietnamDateAndTime(entry.updatedAt).time })}</span>
          )}
        </td>
        <td>
          <button
            type="button"
            className="button secondary"
            aria-expanded={editing}
            aria-label={t('attendance.record.correctFor', { name: entry.name })}
            onClick={() => onEdit(!editing)}
          >
            {t('attendance.record.correct')}
          </button>
        </td>
      </tr>
      {editing && (
        <tr className="attendance-correction-row">
          <td colSpan={3}>
            <CorrectionForm entry={entry} onSave={onSave} onCancel={() => onEdit(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

function CorrectionForm({
  entry,
  onSave,
  onCancel,
}: {
  entry: AttendanceEntry;
  onSave(status: AttendanceStatus, reason: string): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AttendanceStatus>(entry.status ?? 'absent');
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const absent = status === 'absent';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissingReason(true);
      return;
    }
    setSaving(true);
    setError(null);
    onSave(status, reason.trim())
      .catch((failure: unknown) => setError(t('attendance.record.saveFailed', { reason: errorText(t, failure) })))
      .finally(() => setSaving(false));
  };

  return (
    <form className="attendance-correction" onSubmit={submit} aria-label={t('attendance.record.correctFor', { name: entry.name })}>
      <label className="session-field">
        {t('attendance.record.newStatus')}
        <select value={status} onChange={(event) => setStatus(AttendanceStatus.parse(event.target.value))}>
          {AttendanceStatus.options.map((option) => (
            <option key={option} value={option}>
              {t(`attendance.status.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="session-field">
        {absent ? t('attendance.record.absentReason') : t('attendance.record.reason')}
        <input
          value={reason}
          maxLength={500}
          aria-required
          aria-invalid={missingReason && !reason.trim()}
          placeholder={absent ? t('attendance.record.absentPlaceholder') : t('attendance.record.reasonPlaceholder')}
          onChange={(event) => {
            setReason(event.target.value);
            setMissingReason(false);
          }}
        />
      </label>
      <ErrorMessage>{missingReason && t('attendance.record.reasonRequired')}</ErrorMessage>
      <ErrorMessage>{error}</ErrorMessage>
      <div className="session-buttons">
        <button type="submit" className="button primary" disabled={saving}>
          {t('attendance.record.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('attendance.record.cancel')}
        </button>
      </div>
    </form>
  );
}
