import { z } from 'zod';
import type * as Y from 'yjs';

/**
 * Layout of the annotation documents: `doc:<versionId>:annotations:user:<userId>`
 * (private, the owner's devices only) and `doc:<versionId>:annotations:shared`
 * (everyone in the meeting). Both hold the same shape.
 *
 * Root map `annotations`: annotation id → Annotation, plain JSON replaced
 * whole on each edit (last edit wins; one person edits an annotation).
 *
 * Coordinates are PDF user-space points of the page (origin bottom-left, as
 * in the PDF itself), so annotations stay exact at every zoom and rotation.
 */
export const ANNOTATIONS = 'annotations';

const Coordinate = z.number().finite().min(-100_000).max(100_000);
/** [x1, y1, x2, y2] with x1 ≤ x2, y1 ≤ y2. */
export const PdfRect = z.tuple([Coordinate, Coordinate, Coordinate, Coordinate]);
export type PdfRect = z.infer<typeof PdfRect>;

export const ANNOTATION_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export const AnnotationColor = z.enum(ANNOTATION_COLORS);
export type AnnotationColor = z.infer<typeof AnnotationColor>;

const Common = {
  id: z.string().min(1).max(64),
  page: z.number().int().positive(),
  color: AnnotationColor,
  authorId: z.string(),
  authorName: z.string().max(200),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** In a private document: whether a copy with the same id is in the shared one. */
  shared: z.boolean().optional(),
};

export const HighlightAnnotation = z.object({
  ...Common,
  kind: z.literal('highlight'),
  rects: z.array(PdfRect).min(1).max(500),
  /** The highlighted words, for lists and export. */
  text: z.string().max(10_000),
});

export const InkAnnotation = z.object({
  ...Common,
  kind: z.literal('ink'),
  /** Each stroke as flat [x0, y0, x1, y1, …] points. */
  strokes: z.array(z.array(Coordinate).min(2).max(20_000)).min(1).max(500),
  /** Line width in PDF points. */
  width: z.number().positive().max(50),
});

export const NoteAnnotation = z.object({
  ...Common,
  kind: z.literal('note'),
  /** Where the note's icon sits: [x, y]. */
  at: z.tuple([Coordinate, Coordinate]),
  body: z.string().max(10_000),
});

export const Annotation = z.discriminatedUnion('kind', [HighlightAnnotation, InkAnnotation, NoteAnnotation]);
export type Annotation = z.infer<typeof Annotation>;
export type HighlightAnnotation = z.infer<typeof HighlightAnnotation>;
export type InkAnnotation = z.infer<typeof InkAnnotation>;
export type NoteAnnotation = z.infer<typeof NoteAnnotation>;

function annotationMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ANNOTATIONS);
}

/** Every valid annotation, in creation order; malformed entries (a buggy or hostile client) are skipped. */
export function readAnnotations(doc: Y.Doc): Annotation[] {
  const annotations: Annotation[] = [];
  annotationMap(doc).forEach((value) => {
    const parsed = Annotation.safeParse(value);
    if (parsed.success) annotations.push(parsed.data);
  });
  return annotations.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function putAnnotation(doc: Y.Doc, annotation: Annotation): void {
  annotationMap(doc).set(annotation.id, Annotation.parse(annotation));
}

export function deleteAnnotation(doc: Y.Doc, id: string): void {
  annotationMap(doc).delete(id);
}
