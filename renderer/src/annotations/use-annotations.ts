import { useCallback, useMemo } from 'react';
import {
  deleteAnnotation,
  putAnnotation,
  readAnnotations,
  type Annotation,
} from '#protocol/collab/annotations.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { useSession } from '../app/session-context.tsx';
import { useCollabDoc, useDocView, type ConnectionStatus } from '../collab/use-collab-doc.ts';

const NONE: Annotation[] = [];

/** Distributes Omit over the annotation kinds. */
export type AnnotationDraft = Annotation extends infer A ? (A extends Annotation ? Omit<A, 'id' | 'authorId' | 'authorName' | 'createdAt' | 'updatedAt'> : never) : never;

export interface Annotations {
  /** Mine (private, shared or not) and other people's shared ones, for one document version. */
  all: Annotation[];
  isMine(annotation: Annotation): boolean;
  create(draft: AnnotationDraft): Annotation | null;
  update(annotation: Annotation): void;
  remove(annotation: Annotation): void;
  setShared(annotation: Annotation, shared: boolean): void;
  /** The worse of the two documents' connection states. */
  status: ConnectionStatus;
}

/**
 * Private annotations live in `doc:<versionId>:annotations:user:<me>` (my
 * devices only); sharing copies one into `doc:<versionId>:annotations:shared`
 * under the same id, where everyone in the meeting sees it with its author.
 */
export function useAnnotations(versionId: string | null): Annotations {
  const { user } = useSession();
  const privateDoc = useCollabDoc(versionId && formatDocName({ kind: 'private-annotations', documentId: versionId, userId: user.id }));
  const sharedDoc = useCollabDoc(versionId && formatDocName({ kind: 'shared-annotations', documentId: versionId }));
  const mine = useDocView(privateDoc?.doc, readAnnotations, NONE);
  const shared = useDocView(sharedDoc?.doc, readAnnotations, NONE);

  const all = useMemo(() => {
    const ownIds = new Set(mine.map((annotation) => annotation.id));
    return [...mine, ...shared.filter((annotation) => !ownIds.has(annotation.id) && annotation.authorId !== user.id)];
  }, [mine, shared, user.id]);

  const isMine = useCallback((annotation: Annotation) => annotation.authorId === user.id, [user.id]);

  const create = useCallback(
    (draft: AnnotationDraft): Annotation | null => {
      if (!privateDoc) return null;
      const now = new Date().toISOString();
      const annotation = { ...draft, id: crypto.randomUUID(), authorId: user.id, authorName: user.displayName, createdAt: now, updatedAt: now } as Annotation;
      putAnnotation(privateDoc.doc, annotation);
      return annotation;
    },
    [privateDoc, user.id, user.displayName],
  );

  const update = useCallback(
    (annotation: Annotation) => {
      if (!privateDoc || annotation.authorId !== user.id) return;
      const next = { ...annotation, updatedAt: new Date().toISOString() };
      putAnnotation(privateDoc.doc, next);
      if (next.shared && sharedDoc) putAnnotation(sharedDoc.doc, next);
    },
    [privateDoc, sharedDoc, user.id],
  );

  const remove = useCallback(
    (annotation: Annotation) => {
      if (!privateDoc || annotation.authorId !== user.id) return;
      deleteAnnotation(privateDoc.doc, annotation.id);
      if (annotation.shared && sharedDoc) deleteAnnotation(sharedDoc.doc, annotation.id);
    },
    [privateDoc, sharedDoc, user.id],
  );

  const setShared = useCallback(
    (annotation: Annotation, isShared: boolean) => {
      if (!privateDoc || !sharedDoc || annotation.authorId !== user.id) return;
      const next = { ...annotation, shared: isShared, updatedAt: new Date().toISOString() };
      putAnnotation(privateDoc.doc, next);
      if (isShared) {
        // The shared copy carries no private bookkeeping.
        const { shared: _private, ...copy } = next;
        putAnnotation(sharedDoc.doc, copy);
      } else {
        deleteAnnotation(sharedDoc.doc, annotation.id);
      }
    },
    [privateDoc, sharedDoc, user.id],
  );

  const statuses = [privateDoc?.status ?? 'connecting', sharedDoc?.status ?? 'connecting'];
  const status: ConnectionStatus = statuses.includes('disconnected') ? 'disconnected' : statuses.includes('connecting') ? 'connecting' : 'connected';

  return { all, isMine, create, update, remove, setShared, status };
}
