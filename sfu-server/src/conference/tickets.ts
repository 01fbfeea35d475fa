import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';
import { MeetingRole } from '#protocol/meetings.ts';
import type { NodeKey } from '../identity/node-key.ts';

/** What a conference ticket vouches for: this user may join this meeting's conference in this role. */
export interface ConferenceTicket {
  userId: string;
  meetingId: string;
  role: MeetingRole;
}

/** Long enough to open a socket and join, short enough that a leaked ticket soon means nothing. */
export const TICKET_TTL_SECONDS = 120;

// Its own audience: a ticket is never a login token, and a login token never a ticket.
const AUDIENCE = 'dien-hong:conference-join';
const ISSUER = 'dien-hong';

const Claims = z.object({ sub: z.string(), meetingId: z.string(), meetingRole: MeetingRole });

/**
 * Routing tickets (GET …/conference/route → `join`), signed with the node's
 * Ed25519 key. The node that holds the meeting issues them; a node serving a
 * site's unit (cascade) verifies them with the issuer's public key, without
 * the meeting's store.
 */
export class ConferenceTickets {
  readonly #key: NodeKey;

  constructor(key: NodeKey) {
    this.#key = key;
  }

  async issue(ticket: ConferenceTicket): Promise<string> {
    return new SignJWT({ meetingId: ticket.meetingId, meetingRole: ticket.role })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(ticket.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TICKET_TTL_SECONDS}s`)
      .sign(this.#key.privateKey);
  }

  /** The ticket's content, or null for a forged, malformed or expired one. */
  verify(ticket: string): Promise<ConferenceTicket | null> {
    return verifyTicket(ticket, this.#key.publicKey);
  }
}

/** Whatever checks tickets: the issuing node's ConferenceTickets, or (cascade child) the root's public key. */
export interface TicketVerifier {
  verify(ticket: string): Promise<ConferenceTicket | null>;
}

/** A ticket's content checked against the issuer's public key, or null for a forged, malformed or expired one. */
export async function verifyTicket(ticket: string, publicKey: KeyObject): Promise<ConferenceTicket | null> {
  try {
    const { payload } = await jwtVerify(ticket, publicKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['EdDSA'] });
    const claims = Claims.parse(payload);
    return { userId: claims.sub, meetingId: claims.meetingId, role: claims.meetingRole };
  } catch {
    return null;
  }
}
