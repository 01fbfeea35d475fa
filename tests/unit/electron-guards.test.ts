import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, contentSecurityPolicy, resolveAppFile } from '../../electron/src/app-protocol.ts';
import { checkAuthority, trustedByAddedAuthority } from '../../electron/src/certificate-trust.ts';
import { deepLinkFromArgv, parseDeepLink } from '../../electron/src/deep-link.ts';
import { acceptableServerUrl } from '../../electron/src/desktop-settings.ts';
import { navigationDecision } from '../../electron/src/navigation.ts';
import { permissionAllowed } from '../../electron/src/permissions.ts';

const certificate = (name: string) => readFileSync(new URL(`../fixtures/certs/${name}.pem`, import.meta.url), 'utf8');

describe('navigation guard', () => {
  it('keeps the app’s own pages in the window', () => {
    expect(navigationDecision(`${APP_ORIGIN}/index.html#/meetings`, APP_ORIGIN)).toBe('allow');
  });

  it('sends ordinary web and mail links to the system browser', () => {
    expect(navigationDecision('https://quangninh.gov.vn/tin-tuc', APP_ORIGIN)).toBe('external');
    expect(navigationDecision('http://example.vn/', APP_ORIGIN)).toBe('external');
    expect(navigationDecision('mailto:thuky@quangninh.gov.vn', APP_ORIGIN)).toBe('external');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ms-msdt:/id PCWDiagnostic',
    'smb://attacker/share',
    'https://user:pass@evil.example/',
    'app://other-host/index.html',
    'not a url',
    `https://example.vn/${'a'.repeat(9000)}`,
  ])('blocks %#: a link to another program, a local file, a script or an oversized URL', (url) => {
    expect(navigationDecision(url, APP_ORIGIN)).toBe('block');
  });
});

describe('permission handler', () => {
  it('grants camera, microphone and screen capture to the app only', () => {
    expect(permissionAllowed('media', `${APP_ORIGIN}/`, APP_ORIGIN, ['audio', 'video'])).toBe(true);
    expect(permissionAllowed('display-capture', `${APP_ORIGIN}/`, APP_ORIGIN)).toBe(true);
    expect(permissionAllowed('media', 'https://evil.example/', APP_ORIGIN, ['video'])).toBe(false);
    expect(permissionAllowed('display-capture', 'https://evil.example/', APP_ORIGIN)).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'midi', 'hid', 'serial', 'usb', 'openExternal', 'pointerLock', 'unknown-future-permission'])(
    'refuses %s even to the app',
    (permission) => {
      expect(permissionAllowed(permission, `${APP_ORIGIN}/`, APP_ORIGIN)).toBe(false);
    },
  );

  it('refuses media types other than audio and video, and unparsable origins', () => {
    expect(permissionAllowed('media', `${APP_ORIGIN}/`, APP_ORIGIN, ['audio', 'unknown'])).toBe(false);
    expect(permissionAllowed('media', 'garbage', APP_ORIGIN, ['audio'])).toBe(false);
  });
});

describe('deep links', () => {
  it('open a meeting', () => {
    expect(parseDeepLink('dienhong://meeting/2f1c7e0a-9b7d-4f7e-8a63-1c2b3d4e5f60')).toEqual({ kind: 'meeting', meetingId: '2f1c7e0a-9b7d-4f7e-8a63-1c2b3d4e5f60' });
    expect(deepLinkFromArgv(['/opt/Diên Hồng/dien-hong', '--no-sandbox', 'dienhong://meeting/abc'])).toEqual({ kind: 'meeting', meetingId: 'abc' });
  });

  it.each([
    'dienhong://meeting/',
    'dienhong://meeting/../../etc/passwd',
    'dienhong://meeting/a%2F..%2Fb',
    'dienhong://meeting/abc/def',
    'dienhong://poll/abc',
    'dienhong://user:pw@meeting/abc',
    'dienhong://meeting:8080/abc',
    'https://meeting/abc',
    'dienhong://meeting/an-oversized-id-' + 'x'.repeat(600),
    'dienhong://meeting/<script>',
    '',
    42,
    null,
  ])('ignore hostile input %s', (input) => {
    expect(parseDeepLink(input)).toBeNull();
  });
});

describe('app:// protocol', () => {
  it('serves files inside the renderer folder only', () => {
    expect(resolveAppFile('/app/renderer', `${APP_ORIGIN}/`)).toBe('/app/renderer/index.html');
    expect(resolveAppFile('/app/renderer', `${APP_ORIGIN}/assets/index-abc.js`)).toBe('/app/renderer/assets/index-abc.js');
    for (const url of [`${APP_ORIGIN}/a%00.js`, 'app://other/index.html', `${APP_ORIGIN}/%E0%A4%A`, 'https://dien-hong/index.html']) {
      expect(resolveAppFile('/app/renderer', url), url).toBeNull();
    }
    // Dot segments, plain or encoded, never climb out of the folder.
    for (const url of [`${APP_ORIGIN}/../secret`, `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc%2fpasswd`]) {
      const file = resolveAppFile('/app/renderer', url);
      expect(file === null || file.startsWith('/app/renderer/'), `${url} → ${file}`).toBe(true);
    }
  });

  it('allows the network to reach only the configured server', () => {
    const policy = contentSecurityPolicy('https://hop.quangninh.gov.vn');
    expect(policy).toContain("connect-src 'self' https://hop.quangninh.gov.vn wss://hop.quangninh.gov.vn");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });
});

describe('server URL and internal certificate authorities', () => {
  it('accept HTTPS servers, and plain HTTP only on this machine', () => {
    expect(acceptableServerUrl(' https://hop.quangninh.gov.vn/ ')).toBe('https://hop.quangninh.gov.vn');
    expect(acceptableServerUrl('http://localhost:8080')).toBe('http://localhost:8080');
    expect(acceptableServerUrl('http://hop.quangninh.gov.vn')).toBeNull();
    expect(acceptableServerUrl('https://user:pw@hop.quangninh.gov.vn')).toBeNull();
    expect(acceptableServerUrl('ftp://hop.quangninh.gov.vn')).toBeNull();
  });

  it('trust a server certificate issued by an added internal CA, for its own name only', () => {
    const chain = [certificate('server')];
    expect(trustedByAddedAuthority('hop.quangninh.test', chain, [certificate('internal-ca')])).toBe(true);
    expect(trustedByAddedAuthority('evil.test', chain, [certificate('internal-ca')])).toBe(false);
    expect(trustedByAddedAuthority('hop.quangninh.test', chain, [certificate('other-ca')])).toBe(false);
    expect(trustedByAddedAuthority('hop.quangninh.test', chain, [])).toBe(false);
    expect(trustedByAddedAuthority('hop.quangninh.test', chain, [certificate('internal-ca')], new Date('2200-01-01'))).toBe(false);
  });

  it('accept only CA certificates as authorities', () => {
    expect(checkAuthority(certificate('internal-ca'))).toMatchObject({ ok: true });
    expect(checkAuthority(certificate('server'))).toEqual({ ok: false, reason: 'not_ca' });
    expect(checkAuthority('-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----')).toEqual({ ok: false, reason: 'unreadable' });
  });
});
