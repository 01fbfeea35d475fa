import { useEffect, useRef, useState, type ReactNode } from 'react';
import './room.css';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { Annotation, AnnotationColor } from '#protocol/collab/annotations.ts';
import type { MeetingDetail } from '#protocol/meetings.ts';
import { AnnotationDetails } from '../annotations/AnnotationDetails.tsx';
import { AnnotationLayer, type AnnotationMode } from '../annotations/AnnotationLayer.tsx';
import { AnnotationToolbar } from '../annotations/AnnotationToolbar.tsx';
import { exportAnnotatedPdf } from '../annotations/export-annotated-pdf.ts';
import { useAnnotations } from '../annotations/use-annotations.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { DocumentPane } from '../documents/DocumentPane.tsx';
import { DocumentReader } from '../documents/reader/DocumentReader.tsx';
import { platform } from '../platform/index.ts';
import { PresentationBar } from '../presentation/PresentationBar.tsx';
import { presentPage, stopPresenting } from '../presentation/presentation-commands.ts';
import type { LiveSession } from '../presentation/use-live-session.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

/** What the column shows: one version of one document, at a page. */
interface OpenDocument {
  documentId: string;
  versionId: string;
  title: string;
}

/** Page turns while presenting are sent at most this often (a flick through pages sends the last). */
const PRESENT_DEBOUNCE_MS = 150;

/**
 * The meeting room's document column: the chosen (or presented) document in
 * the reader, with private and shared annotations drawn on its pages, the
 * presenter's controls, and a notice when a newer version exists.
 */
export function DocumentWorkspace({
  meetingId,
  detail,
  live,
  selectedItemId,
  following,
  onFollowingChange,
  onSelectItem,
  onNewerVersion,
}: {
  meetingId: string;
  detail: MeetingDetail;
  live: LiveSession;
  selectedItemId: string | null;
  following: boolean;
  onFollowingChange(following: boolean): void;
  /** Moves the room's agenda selection (leaving a presentation keeps its item selected). */
  onSelectItem(itemId: string): void;
  /** Asks the room to refresh the meeting (a new version was announced). */
  onNewerVersion(): void;
}) {
  const { t } = useTranslation();
  const { user, token } = useSession();
  const documents = detail.agenda.flatMap((item) => item.documents);
  const presentation = live.presentation;
  const presenting = presentation?.presenterId === user.id;
  const followPresenter = presentation !== null && !presenting && following;
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [versionOf, setVersionOf] = useState<Record<string, string>>({});
  const [pages, setPages] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);

  const item = detail.agenda.find((candidate) => candidate.id === selectedItemId);
  let open: OpenDocument | null = null;
  if (followPresenter && presentation) {
    const known = documents.find((document) => document.id === presentation.documentId);
    open = { documentId: presentation.documentId, versionId: presentation.versionId, title: known?.title ?? '' };
  } else if (item) {
    const document = item.documents.find((candidate) => candidate.id === chosen[item.id]) ?? item.documents[0];
    if (document) open = { documentId: document.id, versionId: versionOf[document.id] ?? document.versionId, title: document.title };
  }
  const page = open ? (followPresenter && presentation ? presentation.page : pages[open.versionId] ?? 1) : 1;
  // Pin the version a reader opened: a newer one is offered, never swapped in under their annotations.
  const openedDocumentId = open?.documentId;
  const openedVersionId = open?.versionId;
  useEffect(() => {
    if (openedDocumentId && openedVersionId && !followPresenter) {
      setVersionOf((versions) => (versions[openedDocumentId] ? versions : { ...versions, [openedDocumentId]: openedVersionId }));
    }
  }, [openedDocumentId, openedVersionId, followPresenter]);
  const latest = open ? live.latestVersions.get(open.documentId) : undefined;
  const newer = latest && open && latest.versionId !== open.versionId && !followPresenter ? latest : null;

  /** Leaves the presentation where it is: the presented document and page become my own reading. */
  const readOnMyOwn = (atPage: number) => {
    if (presentation) {
      const presentedItem = detail.agenda.find((candidate) => candidate.documents.some((document) => document.id === presentation.documentId));
      if (presentedItem) {
        setChosen((choices) => ({ ...choices, [presentedItem.id]: presentation.documentId }));
        onSelectItem(presentedItem.id);
      }
      setVersionOf((versions) => ({ ...versions, [presentation.documentId]: presentation.versionId }));
      setPages((known) => ({ ...known, [presentation.versionId]: atPage }));
    }
    onFollowingChange(false);
  };

  // Page turns while presenting go to the server, debounced; the last one always goes.
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const present = (target: OpenDocument, presentedPage: number) => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      presentPage(meetingId, token, { documentId: target.documentId, versionId: target.versionId, page: presentedPage }).then(
        () => setError(null),
        (failure: unknown) => setError(t('presentation.failed', { reason: errorText(t, failure) })),
      );
    }, PRESENT_DEBOUNCE_MS);
  };

  if (!item && !followPresenter) return <p className="muted">{t('documents.pick')}</p>;
  if (!open) return <p className="muted">{t('documents.none')}</p>;
  const current = open;
  const canPresent = detail.myRole === 'chair' || detail.myRole === 'secretary';

  return (
    <div className="document-workspace">
      {presentation && (
        <PresentationBar
          presentation={presentation}
          presenting={presenting}
          following={following}
          onFollow={(follow) => (follow ? onFollowingChange(true) : readOnMyOwn(presentation.page))}
          onStop={() => void stopPresenting(meetingId, token).catch((failure: unknown) => setError(errorText(t, failure)))}
        />
      )}
      {newer && (
        <div className="notice version-notice" role="status" data-testid="newer-version">
          <span>{t('versions.newer', { version: newer.version })}</span>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setVersionOf((versions) => ({ ...versions, [current.documentId]: newer.versionId }));
              onNewerVersion();
            }}
          >
            {t('versions.open')}
          </button>
        </div>
      )}
      <ErrorMessage>{error}</ErrorMessage>
      {item && !followPresenter && item.documents.length > 1 && (
        <nav className="document-choice" aria-label={item.title}>
          {item.documents.map((document) => (
            <button
              key={document.id}
              type="button"
              className="button secondary"
              aria-pressed={document.id === current.documentId}
              onClick={() => setChosen((choices) => ({ ...choices, [item.id]: document.id }))}
            >
              {document.title}
            </button>
          ))}
        </nav>
      )}
      <DocumentPane key={current.versionId} versionId={current.versionId} title={current.title} meetingStartsAt={detail.startsAt}>
        {(pdf) => (
          <AnnotatedReader
            pdf={pdf}
            open={current}
            page={page}
            onPageChange={(next) => {
              if (followPresenter) readOnMyOwn(next);
              else setPages((known) => ({ ...known, [current.versionId]: next }));
              if (presenting) present(current, next);
            }}
            presentButton={
              canPresent &&
              !presenting && (
                <button type="button" className="button secondary" onClick={() => present(current, page)}>
                  {t('presentation.present')}
                </button>
              )
            }
          />
        )}
      </DocumentPane>
    </div>
  );
}

/** The reader with this user's and the meeting's annotations on its pages. */
function AnnotatedReader({
  pdf,
  open,
  page,
  onPageChange,
  presentButton,
}: {
  pdf: PDFDocumentProxy;
  open: OpenDocument;
  page: number;
  onPageChange(page: number): void;
  presentButton: ReactNode;
}) {
  const { t } = useTranslation();
  const annotations = useAnnotations(open.versionId);
  const [mode, setMode] = useState<AnnotationMode>('select');
  const [color, setColor] = useState<AnnotationColor>('yellow');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState(false);
  const selected = annotations.all.find((annotation) => annotation.id === selectedId) ?? null;

  const exportCopy = async () => {
    setExporting(true);
    setExportError(false);
    try {
      const mine = annotations.all.filter((annotation: Annotation) => annotations.isMine(annotation));
      const bytes = await exportAnnotatedPdf(await pdf.getData(), mine);
      await platform.saveFile(`${t('annotations.exportedName', { name: open.title || 'tai-lieu' })}.pdf`, bytes, 'application/pdf');
    } catch {
      setExportError(true);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="annotated-reader">
      <AnnotationToolbar mode={mode} onModeChange={setMode} color={color} onColorChange={setColor} onExport={() => void exportCopy()} exporting={exporting} />
      <DocumentReader
        pdf={pdf}
        title={open.title}
        page={page}
        onPageChange={onPageChange}
        toolbarExtra={presentButton}
        renderPageOverlay={(pageNumber, viewport) => (
          <AnnotationLayer
            page={pageNumber}
            viewport={viewport}
            annotations={annotations.all}
            mode={mode}
            color={color}
            selectedId={selectedId}
            isMine={annotations.isMine}
            onSelect={(annotation) => setSelectedId(annotation?.id ?? null)}
            onCreate={(draft) => {
              const created = annotations.create(draft);
              // A new note opens for typing at once; other kinds stay unselected so drawing can go on.
              if (created?.kind === 'note') setSelectedId(created.id);
            }}
          />
        )}
      />
      <ErrorMessage>{exportError && t('annotations.exportFailed')}</ErrorMessage>
      {selected && <AnnotationDetails annotation={selected} annotations={annotations} onClose={() => setSelectedId(null)} />}
    </div>
  );
}
