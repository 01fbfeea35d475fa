import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, DocumentSummary } from '#protocol/meetings.ts';
import { useSession } from '../app/session-context.tsx';
import { refusalText, uploadErrorText } from './upload-error-text.ts';
import { refusalBeforeUpload, titleFromFileName, uploadPdf, type UploadTarget } from './upload.ts';

type Upload =
  | { phase: 'idle' }
  | { phase: 'sending'; fileName: string; fraction: number }
  | { phase: 'finished'; fileName: string };

interface Refusal {
  fileName: string;
  message: string;
}

/**
 * One agenda item's documents, and uploading to it: drop PDFs on the shelf
 * or choose them (touch), or replace a document with a new version. Files go
 * one at a time with a progress bar; a refused file shows why and changes
 * nothing.
 */
export function DocumentShelf({
  item,
  number,
  locked,
  onUploaded,
}: {
  item: AgendaItem;
  number: number;
  /** Drops are ignored (a closed meeting); the file inputs are disabled by the surrounding fieldset. */
  locked: boolean;
  /** Called after each stored upload, so the list is fetched again. */
  onUploaded: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { token } = useSession();
  const [upload, setUpload] = useState<Upload>({ phase: 'idle' });
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [dropActive, setDropActive] = useState(false);
  const busy = upload.phase === 'sending';

  const send = async (files: File[], target: (file: File) => UploadTarget, title: (file: File) => string) => {
    if (busy || files.length === 0) return;
    const refused: Refusal[] = [];
    setRefusals(refused);
    for (const file of files) {
      const early = refusalBeforeUpload(file);
      if (early) {
        refused.push({ fileName: file.name, message: refusalText(t, early) });
        setRefusals([...refused]);
        continue;
      }
      setUpload({ phase: 'sending', fileName: file.name, fraction: 0 });
      try {
        await uploadPdf(target(file), file, {
          token,
          title: title(file),
          onProgress: (fraction) => setUpload({ phase: 'sending', fileName: file.name, fraction }),
        });
        setUpload({ phase: 'finished', fileName: file.name });
        await onUploaded();
      } catch (error) {
        setUpload({ phase: 'idle' });
        refused.push({ fileName: file.name, message: uploadErrorText(t, error) });
        setRefusals([...refused]);
      }
    }
  };
  const addDocuments = (files: File[]) =>
    void send(files, () => ({ kind: 'new-document', agendaItemId: item.id }), (file) => titleFromFileName(file.name));
  const addVersion = (document: DocumentSummary, file: File) =>
    void send([file], () => ({ kind: 'new-version', documentId: document.id }), () => document.title);

  const acceptsFiles = (event: DragEvent) => !locked && event.dataTransfer.types.includes('Files');
  const size = (bytes: number) => {
    const megabytes = bytes / (1024 * 1024);
    return new Intl.NumberFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
      style: 'unit',
      unit: megabytes >= 1 ? 'megabyte' : 'kilobyte',
      maximumFractionDigits: 1,
    }).format(megabytes >= 1 ? megabytes : Math.max(bytes / 1024, 0.1));
  };

  return (
    <div className="document-shelf">
      <h4>{t('preparation.documents.heading')}</h4>
      {item.documents.length === 0 && <p className="muted">{t('preparation.documents.none')}</p>}
      <ul className="document-list">
        {item.documents.map((document) => (
          <li key={document.id} className="document-row" data-testid="prep-document">
            <div className="document-facts">
              <strong>{document.title}</strong>
              <span className="muted">
                {document.fileName} · {size(document.sizeBytes)} · {t('preparation.documents.pages', { count: document.pageCount })} ·{' '}
                <span data-testid="document-version">{t('preparation.documents.version', { version: document.version })}</span>
              </span>
            </div>
            <FileChooser
              label={t('preparation.documents.newVersion')}
              ariaLabel={t('preparation.documents.newVersionLabel', { title: document.title })}
              multiple={false}
              disabled={busy}
              onFiles={([file]) => file && addVersion(document, file)}
            />
          </li>
        ))}
      </ul>
      <div
        className={dropActive ? 'drop-zone active' : 'drop-zone'}
        onDragOver={(event) => {
          if (!acceptsFiles(event)) return;
          event.preventDefault();
          event.stopPropagation();
          event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
          setDropActive(true);
        }}
        onDragLeave={() => setDropActive(false)}
        onDrop={(event) => {
          if (!acceptsFiles(event)) return;
          event.preventDefault();
          event.stopPropagation();
          setDropActive(false);
          addDocuments(Array.from(event.dataTransfer.files));
        }}
      >
        <span>{dropActive ? t('preparation.documents.dropActive') : t('preparation.documents.drop')}</span>
        <FileChooser
          label={t('preparation.documents.choose')}
          ariaLabel={t('preparation.documents.chooseLabel', { number })}
          multiple
          disabled={busy}
          onFiles={addDocuments}
        />
      </div>
      {upload.phase !== 'idle' && <UploadProgress upload={upload} />}
      {refusals.map((refusal, index) => (
        <p key={index} className="error" role="alert" data-testid="upload-refusal">
          {t('preparation.documents.refused', { fileName: refusal.fileName, reason: refusal.message })}
        </p>
      ))}
    </div>
  );
}

/** A file input dressed as a big button: the way to pick files on a tablet, where nothing can be dragged. */
function FileChooser({
  label,
  ariaLabel,
  multiple,
  disabled,
  onFiles,
}: {
  label: string;
  ariaLabel: string;
  multiple: boolean;
  disabled: boolean;
  onFiles: (files: File[]) => void;
}) {
  return (
    <label className={disabled ? 'button secondary file-chooser disabled' : 'button secondary file-chooser'}>
      {label}
      <input
        type="file"
        className="visually-hidden"
        accept="application/pdf,.pdf"
        aria-label={ariaLabel}
        multiple={multiple}
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so choosing the same file again (after fixing it) still uploads.
          event.target.value = '';
          onFiles(files);
        }}
      />
    </label>
  );
}

function UploadProgress({ upload }: { upload: Exclude<Upload, { phase: 'idle' }> }) {
  const { t } = useTranslation();
  const percent = upload.phase === 'finished' ? 100 : Math.floor(upload.fraction * 100);
  const text =
    upload.phase === 'finished'
      ? t('preparation.documents.uploaded', { fileName: upload.fileName })
      : t('preparation.documents.uploading', { percent });
  return (
    <div
      className="progress upload-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={text}
      data-testid="upload-progress"
      data-phase={upload.phase}
    >
      <div className="progress-bar" style={{ width: `${percent}%` }} />
      <span>{text}</span>
    </div>
  );
}
