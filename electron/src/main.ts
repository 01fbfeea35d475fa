import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  Notification,
  app,
  desktopCapturer,
  dialog,
  ipcMain,
  net,
  protocol,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';
import { IPC_CHANNELS } from '#protocol/ipc.ts';
import { APP_ORIGIN, APP_SCHEME, contentSecurityPolicy, resolveAppFile } from './app-protocol.ts';
import { checkAuthority, trustedByAddedAuthority } from './certificate-trust.ts';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink, type DeepLink } from './deep-link.ts';
import { SettingsStore, acceptableServerUrl } from './desktop-settings.ts';
import { DocumentCache } from './document-cache.ts';
import { createIpcRouter } from './ipc-router.ts';
import { navigationDecision } from './navigation.ts';
import { permissionAllowed } from './permissions.ts';
import { SessionStore } from './session-store.ts';
import { secureWebPreferences } from './window-options.ts';

/**
 * Desktop shell. Kept thin: every decision lives in a module that is tested
 * without Electron (navigation, permissions, IPC validation, storage, deep
 * links, certificates); this file only wires them to the real Electron APIs.
 *
 * The renderer loads from app://dien-hong (the bundled out/renderer) or, in
 * development, from DIEN_HONG_RENDERER_URL (the Vite dev server).
 */
const RENDERER_DIR = join(__dirname, '..', 'renderer');
const devRendererUrl = process.env.DIEN_HONG_RENDERER_URL;
const appUrl = devRendererUrl ? new URL(devRendererUrl).href : `${APP_ORIGIN}/index.html`;
const appOrigin = devRendererUrl ? new URL(devRendererUrl).origin : APP_ORIGIN;
/** Offline document budget: a few sessions' papers, dropped a month after their meeting. */
const CACHE_LIMITS = { maxBytes: 2 * 1024 * 1024 * 1024, maxAgeDays: 30 };

const log = {
  warn: (message: string, details?: Record<string, unknown>) => console.warn(`[dien-hong] ${message}`, details ?? ''),
};

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
if (!app.requestSingleInstanceLock()) app.quit();
app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

const settings = new SettingsStore(join(app.getPath('userData'), 'settings.json'));
let mainWindow: BrowserWindow | null = null;
let chosenDisplaySource: string | null = null;
let pendingDeepLink: DeepLink | null = deepLinkFromArgv(process.argv);

function serverOrigin(): string {
  return settings.current.serverUrl ?? process.env.DIEN_HONG_SERVER_URL ?? '';
}

function guardContents(contents: WebContents): void {
  const route = (event: { preventDefault(): void }, url: string) => {
    const decision = navigationDecision(url, appOrigin);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') void shell.openExternal(url);
    else log.warn('navigation blocked', { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', route);
  contents.on('will-redirect', route);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationDecision(url, appOrigin) === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function openDeepLink(link: DeepLink): void {
  if (!mainWindow) {
    pendingDeepLink = link;
    return;
  }
  // A fragment change: the app routes to the meeting without reloading (a running conference survives).
  void mainWindow.loadURL(`${appUrl}#/meetings/${link.meetingId}`);
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 600,
    title: 'Diên Hồng',
    icon: join(__dirname, '..', '..', 'resources', 'icons', 'png', '512x512.png'),
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs'), serverOrigin()),
  });
  const link = pendingDeepLink;
  pendingDeepLink = null;
  void window.loadURL(link ? `${appUrl}#/meetings/${link.meetingId}` : appUrl);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

async function serveAppFile(request: Request): Promise<Response> {
  const file = resolveAppFile(RENDERER_DIR, request.url);
  if (!file) return new Response('not found', { status: 404 });
  const response = await net.fetch(pathToFileURL(file).href);
  if (!file.endsWith('.html')) return response;
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', contentSecurityPolicy(serverOrigin()));
  return new Response(response.body, { status: response.status, headers });
}

void app.whenReady().then(async () => {
  await settings.load();
  protocol.handle(APP_SCHEME, serveAppFile);

  const media = session.defaultSession;
  media.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(permissionAllowed(permission, details.requestingUrl ?? contents.getURL(), appOrigin, mediaTypes));
  });
  media.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, appOrigin));
  // getDisplayMedia() captures what the app's own picker chose; nothing is shared without a choice.
  media.setDisplayMediaRequestHandler(async (request, callback) => {
    const sources = await desktopCapturer.getSources({ types: ['screen', 'window'] });
    const source = sources.find((candidate) => candidate.id === chosenDisplaySource);
    chosenDisplaySource = null;
    if (!source || !permissionAllowed('display-capture', request.securityOrigin, appOrigin)) return callback({});
    callback({ video: source });
  });
  // Internal CAs widen trust for the configured server only; other certificate errors stand.
  media.setCertificateVerifyProc((request, callback) => {
    if (request.verificationResult === 'net::OK') return callback(-3);
    const chain: string[] = [];
    for (let certificate: Electron.Certificate | undefined = request.certificate; certificate && chain.length < 8; certificate = certificate.issuerCert) {
      chain.push(certificate.data);
    }
    const configuredHost = serverOrigin() ? new URL(serverOrigin()).hostname : '';
    const trusted =
      request.hostname === configuredHost &&
      request.verificationResult === 'net::ERR_CERT_AUTHORITY_INVALID' &&
      trustedByAddedAuthority(request.hostname, chain, settings.current.authorities);
    callback(trusted ? 0 : -3);
  });

  const sessions = new SessionStore(join(app.getPath('userData'), 'session.bin'), safeStorage);
  const documents = await DocumentCache.open(join(app.getPath('userData'), 'documents'), safeStorage, CACHE_LIMITS, { warn: log.warn });
  if (!documents) log.warn('no OS keychain: documents will not be kept for offline reading');

  const route = createIpcRouter(
    {
      'session:load': () => sessions.load(),
      'session:save': (stored) => sessions.save(stored),
      'session:clear': () => sessions.clear(),
      'documents:read': async ({ versionId }) => (await documents?.read(versionId)) ?? null,
      'documents:write': async ({ versionId, bytes, meetingStartsAt }) => documents?.write(versionId, bytes, meetingStartsAt),
      'documents:clear': async () => documents?.clear(),
      'documents:list': async () => documents?.versionIds ?? [],
      'file:save': async ({ fileName, bytes }) => {
        const options = { defaultPath: join(app.getPath('documents'), fileName) };
        const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        if (!choice.canceled && choice.filePath) await writeFile(choice.filePath, bytes);
      },
      'server:set': async ({ url }) => {
        const origin = acceptableServerUrl(url);
        if (!origin) return { ok: false, reason: 'invalid_url' };
        await settings.update({ serverUrl: origin });
        // The preload learns the server at window creation: start a fresh window.
        setImmediate(() => {
          const previous = mainWindow;
          createWindow();
          previous?.destroy();
        });
        return { ok: true, detail: origin };
      },
      'server:add-authority': async ({ pem }) => {
        const verdict = checkAuthority(pem);
        if (!verdict.ok) return verdict;
        await settings.update({ authorities: [...new Set([...settings.current.authorities, pem.trim()])] });
        return { ok: true, detail: verdict.subject };
      },
      'display:sources': async () => {
        const sources = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 320, height: 180 } });
        return sources.map((source) => ({
          id: source.id,
          name: source.name,
          kind: source.id.startsWith('screen:') ? ('screen' as const) : ('window' as const),
          thumbnail: source.thumbnail.toDataURL(),
        }));
      },
      'display:choose': async ({ sourceId }) => {
        chosenDisplaySource = sourceId;
      },
      'notify:show': async ({ title, body, meetingId }) => {
        if (!Notification.isSupported()) return false;
        const notice = new Notification({ title, body });
        if (meetingId) notice.on('click', () => openDeepLink({ kind: 'meeting', meetingId }));
        notice.show();
        return true;
      },
    },
    { trustedOrigin: () => appOrigin, log },
  );
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => route(channel, event.senderFrame?.url ?? '', payload));
  }
  createWindow();
});

// Windows and Linux hand a deep link to the running instance as a command-line argument.
app.on('second-instance', (_event, argv) => {
  const link = deepLinkFromArgv(argv);
  if (link) openDeepLink(link);
  else mainWindow?.focus();
});
// macOS hands it as an event.
app.on('open-url', (event, url) => {
  event.preventDefault();
  const link = parseDeepLink(url);
  if (link) openDeepLink(link);
});
// Every web contents, the main window's included, gets the navigation guards.
app.on('web-contents-created', (_event, contents) => guardContents(contents));
app.on('window-all-closed', () => app.quit());

