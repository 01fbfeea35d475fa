import { readLatestVersions, readPresentation, type LatestVersion, type Presentation } from '#protocol/collab/live.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { useCollabDoc, useDocView, type ConnectionStatus } from '../collab/use-collab-doc.ts';

const NO_VERSIONS = new Map<string, LatestVersion>();

export interface LiveSession {
  presentation: Presentation | null;
  latestVersions: Map<string, LatestVersion>;
  status: ConnectionStatus;
}

/** The server-written `meeting:<id>:live` document, read-only here. */
export function useLiveSession(meetingId: string): LiveSession {
  const live = useCollabDoc(formatDocName({ kind: 'live', meetingId }));
  return {
    presentation: useDocView(live?.doc, readPresentation, null),
    latestVersions: useDocView(live?.doc, readLatestVersions, NO_VERSIONS),
    status: live?.status ?? 'connecting',
  };
}
