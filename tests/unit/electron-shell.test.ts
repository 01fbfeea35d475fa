import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentCache } from '../../electron/src/document-cache.ts';
import { createIpcRouter, type IpcHandlers } from '../../electron/src/ipc-router.ts';
import type { SecretBox } from '../../electron/src/session-store.ts';
import { SessionStore } from '../../electron/src/session-store.ts';
import { secureWebPreferences } from '../../electron/src/window-options.ts';

/** Stands in for Electron's safeStorage (the OS keychain), which needs the Electron binary. */
function fakeKeychain(available = true): SecretBox {
  const seal = (text: string) => Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(seal(plain)),
    decryptString: (encrypted) => Buffer.from(encrypted.map((byte) => byte ^ 0x5a)).toString('utf8'),
  };
}

const session = {
  token: 'header.payload.signature',
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  user: { id: 'u1', username: 'daibieu1', displayName: 'Lê Văn Hùng', role: 'delegate' as const, unitId: null },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dien-hong-electron-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('window hardening', () => {
  it('isolates and sandboxes the renderer with no Node integration', () => {
    const preferences = secureWebPreferences('/app/preload.cjs', 'https://hop.example.vn');
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(preferences.additionalArguments).toEqual(['--dien-hong-server=https://hop.example.vn']);
  });
});

describe('IPC router', () => {
  const calls: string[] = [];
  const warnings: string[] = [];
  const handlers: IpcHandlers = {
    'session:load': async () => null,
    'session:save': async () => void calls.push('save'),
    'session:clear': async () => void calls.push('clear'),
    'documents:read': async () => null,
    'documents:write': async () => void calls.push('write'),
    'documents:clear': async () => undefined,
    'documents:list': async () => [],
    'server:set': async () => ({ ok: true }),
    'server:add-authority': async () => ({ ok: true }),
    'display:sources': async () => [],
    'display:choose': async () => undefined,
    'notify:show': async () => true,
    'file:save': async () => undefined,
  };
  const route = createIpcRouter(handlers, {
    trustedOrigin: () => 'https://hop.example.vn',
    log: { warn: (message) => void warnings.push(message) },
  });
  const app = 'https://hop.example.vn/#/meetings';

  it('runs a well-formed call from the app’s own origin', async () => {
    await route('session:save', app, session);
    expect(calls).toContain('save');
  });

  it.each([
    ['a malformed payload', 'session:save', app, { token: 42 }],
    ['an extra field', 'documents:read', app, { versionId: 'v1', path: '../../etc/passwd' }],
    ['a hostile version id', 'documents:read', app, { versionId: '../key' }],
    ['an unknown channel', 'shell:exec', app, 'rm -rf /'],
    ['a foreign origin', 'session:load', 'https://evil.example.com/', undefined],
    ['a sender without a URL', 'session:load', 'not a url', undefined],
  ])('refuses %s with a logged error', async (_case, channel, sender, payload) => {
    const before = warnings.length;
    await expect(route(channel, sender, payload)).rejects.toThrow(/^dien-hong-ipc:/);
    expect(warnings.length).toBe(before + 1);
  });
});

describe('login token storage', () => {
  it('keeps the session encrypted on disk and reads it back', async () => {
    const store = new SessionStore(join(dir, 'session.bin'), fakeKeychain());
    await store.save(session);
    expect((await readFile(join(dir, 'session.bin'))).toString()).not.toContain(session.token);
    expect(await new SessionStore(join(dir, 'session.bin'), fakeKeychain()).load()).toEqual(session);
    await store.clear();
    expect(await new SessionStore(join(dir, 'session.bin'), fakeKeychain()).load()).toBeNull();
  });

  it('never writes the token to disk without a keychain', async () => {
    const store = new SessionStore(join(dir, 'session.bin'), fakeKeychain(false));
    await store.save(session);
    expect(await store.load()).toEqual(session);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('offline document cache', () => {
  const pdf = new Uint8Array(Buffer.from('%PDF-1.7\nBáo cáo kinh tế – xã hội\n%%EOF'));
  const limits = { maxBytes: 1024, maxAgeDays: 30 };

  it('round-trips a document, encrypted at rest', async () => {
    const cache = await DocumentCache.open(dir, fakeKeychain(), limits);
    await cache?.write('v1', pdf);
    const stored = await readFile(join(dir, 'v1.bin'));
    expect(stored.includes(Buffer.from('Báo cáo'))).toBe(false);
    const reopened = await DocumentCache.open(dir, fakeKeychain(), limits);
    expect(await reopened?.read('v1')).toEqual(pdf);
  });

  it('detects a tampered file, removes it and reports it missing', async () => {
    const warnings: string[] = [];
    const cache = await DocumentCache.open(dir, fakeKeychain(), limits, { warn: (message) => void warnings.push(message) });
    await cache?.write('v1', pdf);
    const sealed = await readFile(join(dir, 'v1.bin'));
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    await writeFile(join(dir, 'v1.bin'), sealed);
    expect(await cache?.read('v1')).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(cache?.versionIds).toEqual([]);
  });

  it('refuses a file moved under another version’s name', async () => {
    const cache = await DocumentCache.open(dir, fakeKeychain(), limits);
    await cache?.write('v1', pdf);
    await cache?.write('v2', new Uint8Array(Buffer.from('%PDF-1.7 other')));
    await writeFile(join(dir, 'v2.bin'), await readFile(join(dir, 'v1.bin')));
    expect(await cache?.read('v2')).toBeNull();
  });

  it('evicts the least recently used beyond the size budget, and past meetings by age', async () => {
    let now = Date.parse('2026-11-21T08:00:00Z');
    const cache = await DocumentCache.open(dir, fakeKeychain(), { maxBytes: 100, maxAgeDays: 30 }, { now: () => now });
    const forty = new Uint8Array(40);
    await cache?.write('old', forty, '2026-09-01T08:00:00+07:00');
    expect(cache?.versionIds).toEqual([]);
    await cache?.write('a', forty);
    now += 1000;
    await cache?.write('b', forty);
    now += 1000;
    await cache?.read('a');
    now += 1000;
    await cache?.write('c', forty);
    expect(cache?.versionIds.sort()).toEqual(['a', 'c']);
  });

  it('is not available at all without a keychain, so nothing is stored in the clear', async () => {
    expect(await DocumentCache.open(dir, fakeKeychain(false), limits)).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('wipes every document on logout', async () => {
    const cache = await DocumentCache.open(dir, fakeKeychain(), limits);
    await cache?.write('v1', pdf);
    await cache?.clear();
    expect(await cache?.read('v1')).toBeNull();
    expect((await readdir(dir)).filter((name) => name.endsWith('.bin') && name !== 'key.bin')).toEqual([]);
  });
});
