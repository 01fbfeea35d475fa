import { QuorumIndicator } from '../attendance/QuorumIndicator.tsx';
import { SpeakerIndicator } from '../floor/SpeakerIndicator.tsx';
import type { LiveSession } from '../presentation/use-live-session.ts';
import { OpenPollIndicator } from '../voting/OpenPollIndicator.tsx';
import './session.css';

/** The session at a glance, for the room header: quorum, who speaks, and an open poll. */
export function SessionStatus({ live, onShowSession }: { live: LiveSession; onShowSession(): void }) {
  return (
    <div className="session-status" data-testid="session-status">
      <QuorumIndicator quorum={live.quorum} />
      <SpeakerIndicator speaker={live.floor.current} />
      <OpenPollIndicator polls={live.polls} onShow={onShowSession} />
    </div>
  );
}
