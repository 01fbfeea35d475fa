import { useEffect, useRef, useState, type PointerEvent } from 'react';
import './annotations.css';
import { useTranslation } from 'react-i18next';
import type { Annotation, AnnotationColor } from '#protocol/collab/annotations.ts';
import { mergeLineRects, pdfRectToView, pdfToView, viewRectToPdf, viewToPdf, type ViewportTransform } from './coordinates.ts';
import { cssColor } from './colors.ts';
import { annotationAt, NOTE_ICON_PX } from './hit-test.ts';
import type { AnnotationDraft } from './use-annotations.ts';

export type AnnotationMode = 'select' | 'highlight' | 'ink' | 'note';

/** Ink line width in PDF points (about 1 mm). */
const INK_WIDTH = 2.5;

interface Props {
  page: number;
  viewport: { width: number; height: number; transform: ViewportTransform };
  annotations: Annotation[];
  mode: AnnotationMode;
  color: AnnotationColor;
  selectedId: string | null;
  onSelect(annotation: Annotation | null): void;
  onCreate(draft: AnnotationDraft): void;
  isMine(annotation: Annotation): boolean;
}

function inkPath(stroke: number[], transform: ViewportTransform): string {
  let path = '';
  for (let index = 0; index + 1 < stroke.length; index += 2) {
    const [x, y] = pdfToView([stroke[index] ?? 0, stroke[index + 1] ?? 0], transform);
    path += `${index === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }
  return path;
}

/**
 * Draws one page's annotations above the pdf.js canvas and text layer, and
 * turns the reader's gestures into new annotations: a text selection into a
 * highlight, pen strokes into ink, a tap into a sticky note. In select mode
 * it lets every pointer event through to the text layer, so text stays
 * selectable, and picks annotations by hit-testing instead.
 */
export function AnnotationLayer({ page, viewport, annotations, mode, color, selectedId, onSelect, onCreate, isMine }: Props) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const [stroke, setStroke] = useState<number[] | null>(null);
  const [pendingSelection, setPendingSelection] = useState<{ rects: ReturnType<typeof mergeLineRects>; text: string } | null>(null);
  const transform = viewport.transform;
  const onPage = annotations.filter((annotation) => annotation.page === page);

  const pagePoint = (clientX: number, clientY: number): [number, number] => {
    const box = root.current?.getBoundingClientRect();
    return [clientX - (box?.left ?? 0), clientY - (box?.top ?? 0)];
  };

  // Text selection → highlight (at once in highlight mode, after a confirming tap in select mode).
  useEffect(() => {
    // The page box (canvas, text layer and this layer) is where selections and taps happen.
    const container = root.current?.closest<HTMLElement>('[data-page-number]');
    if (!container || (mode !== 'select' && mode !== 'highlight')) return;
    const finish = () => {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return setPendingSelection(null);
      const range = selection.getRangeAt(0);
      if (!container.contains(range.commonAncestorContainer)) return;
      const box = root.current?.getBoundingClientRect();
      if (!box) return;
      const rects = mergeLineRects(
        [...range.getClientRects()].map((rect) => ({ left: rect.left - box.left, top: rect.top - box.top, width: rect.width, height: rect.height })),
      );
      const text = selection.toString().replace(/\s+/g, ' ').trim();
      if (!rects.length || !text) return;
      if (mode === 'highlight') {
        onCreate({ kind: 'highlight', page, color, rects: rects.map((rect) => viewRectToPdf(rect, transform)), text });
        selection.removeAllRanges();
      } else {
        setPendingSelection({ rects, text });
      }
    };
    const pick = (event: MouseEvent) => {
      // Only the select tool picks; in highlight mode a click ends a selection.
      if (mode !== 'select' || !document.getSelection()?.isCollapsed) return;
      onSelect(annotationAt(onPage, pagePoint(event.clientX, event.clientY), transform));
    };
    container.addEventListener('pointerup', finish);
    container.addEventListener('keyup', finish);
    container.addEventListener('click', pick);
    return () => {
      container.removeEventListener('pointerup', finish);
      container.removeEventListener('keyup', finish);
      container.removeEventListener('click', pick);
    };
  });

  const capturing = mode === 'ink' || mode === 'note';

  function pointerDown(event: PointerEvent<HTMLDivElement>) {
    if (mode === 'note') {
      const at = viewToPdf(pagePoint(event.clientX, event.clientY), transform);
      onCreate({ kind: 'note', page, color, at, body: '' });
      return;
    }
    if (mode !== 'ink') return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setStroke([...viewToPdf(pagePoint(event.clientX, event.clientY), transform)]);
  }

  function pointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!stroke) return;
    const point = pagePoint(event.clientX, event.clientY);
    const [lastX = 0, lastY = 0] = pdfToView([stroke[stroke.length - 2] ?? 0, stroke[stroke.length - 1] ?? 0], transform);
    // Skip points closer than 1.5 px: smaller documents, no visible loss.
    if (Math.hypot(point[0] - lastX, point[1] - lastY) < 1.5) return;
    setStroke([...stroke, ...viewToPdf(point, transform)]);
  }

  function pointerUp() {
    if (stroke && stroke.length >= 4) onCreate({ kind: 'ink', page, color, strokes: [stroke], width: INK_WIDTH });
    setStroke(null);
  }

  const scale = Math.hypot(transform[0] ?? 1, transform[1] ?? 0);

  return (
    <div
      ref={root}
      className={`annotation-layer mode-${mode}`}
      style={{ width: viewport.width, height: viewport.height, pointerEvents: capturing ? 'auto' : 'none' }}
      onPointerDown={pointerDown}
      onPointerMove={pointerMove}
      onPointerUp={pointerUp}
      onPointerCancel={() => setStroke(null)}
      data-testid="annotation-layer"
    >
      <svg width={viewport.width} height={viewport.height} aria-hidden="true">
        {onPage.map((annotation) => {
          const selected = annotation.id === selectedId;
          const className = `annotation ${isMine(annotation) ? 'mine' : 'theirs'}${selected ? ' selected' : ''}`;
          if (annotation.kind === 'highlight') {
            return (
              <g key={annotation.id} className={className} data-testid="annotation-highlight" data-author={annotation.authorName}>
                {annotation.rects.map((rect, index) => {
                  const box = pdfRectToView(rect, transform);
                  return <rect key={index} x={box.left} y={box.top} width={box.width} height={box.height} fill={cssColor(annotation.color, 0.38)} />;
                })}
              </g>
            );
          }
          if (annotation.kind === 'ink') {
            return (
              <g key={annotation.id} className={className} data-testid="annotation-ink">
                {annotation.strokes.map((points, index) => (
                  <path key={index} d={inkPath(points, transform)} stroke={cssColor(annotation.color)} strokeWidth={annotation.width * scale} fill="none" strokeLinecap="round" strokeLinejoin="round" />
                ))}
              </g>
            );
          }
          const [x, y] = pdfToView(annotation.at, transform);
          return (
            <g key={annotation.id} className={className} data-testid="annotation-note" transform={`translate(${x} ${y})`}>
              <rect width={NOTE_ICON_PX} height={NOTE_ICON_PX} rx={5} fill={cssColor(annotation.color)} stroke="#5a4400" />
              <path d="M7 9h14M7 14h14M7 19h9" stroke="#5a4400" strokeWidth={2} />
            </g>
          );
        })}
        {stroke && <path d={inkPath(stroke, transform)} stroke={cssColor(color)} strokeWidth={INK_WIDTH * scale} fill="none" strokeLinecap="round" />}
        {onPage
          .filter((annotation) => !isMine(annotation))
          .map((annotation) => {
            const anchor =
              annotation.kind === 'highlight' ? pdfRectToView(annotation.rects[0] ?? [0, 0, 0, 0], transform) : null;
            return anchor ? (
              <text key={`${annotation.id}-author`} x={anchor.left} y={Math.max(10, anchor.top - 3)} className="annotation-author">
                {annotation.authorName}
              </text>
            ) : null;
          })}
      </svg>
      {pendingSelection && (
        <button
          type="button"
          className="button primary highlight-selection"
          style={{ left: pendingSelection.rects.at(-1)?.left ?? 0, top: (pendingSelection.rects.at(-1)?.top ?? 0) + (pendingSelection.rects.at(-1)?.height ?? 0) + 6 }}
          onPointerDown={(event) => event.stopPropagation()}
          onClick={() => {
            onCreate({ kind: 'highlight', page, color, rects: pendingSelection.rects.map((rect) => viewRectToPdf(rect, transform)), text: pendingSelection.text });
            document.getSelection()?.removeAllRanges();
            setPendingSelection(null);
          }}
        >
          {t('annotations.highlightSelection')}
        </button>
      )}
    </div>
  );
}
