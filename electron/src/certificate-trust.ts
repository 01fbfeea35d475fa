import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Whether a server certificate chain (leaf first) is issued, directly or
 * through intermediates in the chain, by one of the certificate authorities
 * an administrator added for the government network, and names `hostname`.
 * This only widens trust for those authorities; it never ignores other
 * certificate errors (expired, wrong host, unknown issuer).
 */
export function trustedByAddedAuthority(hostname: string, chainPems: readonly string[], authorityPems: readonly string[], now = new Date()): boolean {
  const parse = (pem: string) => {
    try {
      return new X509Certificate(pem);
    } catch {
      return null;
    }
  };
  const valid = (certificate: X509Certificate) => Date.parse(certificate.validFrom) <= now.getTime() && now.getTime() <= Date.parse(certificate.validTo);
  const chain = chainPems.map(parse);
  const leaf = chain[0];
  if (!leaf || !valid(leaf) || leaf.ca) return false;
  const named = isIP(hostname) ? leaf.checkIP(hostname) !== undefined : leaf.checkHost(hostname) !== undefined;
  if (!named) return false;
  const authorities = authorityPems.map(parse).filter((certificate): certificate is X509Certificate => certificate !== null && certificate.ca && valid(certificate));
  const intermediates = chain.slice(1).filter((certificate): certificate is X509Certificate => certificate !== null && certificate.ca && valid(certificate));
  const issued = (child: X509Certificate, issuer: X509Certificate) => child.checkIssued(issuer) && child.verify(issuer.publicKey);

  let current = leaf;
  for (let depth = 0; depth < 6; depth += 1) {
    if (authorities.some((authority) => issued(current, authority))) return true;
    const next = intermediates.find((intermediate) => intermediate !== current && issued(current, intermediate));
    if (!next) return false;
    current = next;
  }
  return false;
}

/** An administrator's CA file: must be a currently valid CA certificate, or it is refused with a reason. */
export function checkAuthority(pem: string, now = new Date()): { ok: true; subject: string } | { ok: false; reason: 'unreadable' | 'not_ca' | 'expired' } {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (!certificate.ca) return { ok: false, reason: 'not_ca' };
  if (Date.parse(certificate.validFrom) > now.getTime() || now.getTime() > Date.parse(certificate.validTo)) return { ok: false, reason: 'expired' };
  return { ok: true, subject: certificate.subject };
}
