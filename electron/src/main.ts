import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { BrowserWindow, app, dialog, ipcMain, safeStorage, shell } from 'electron';
import { IPC_CHANNELS } from '#protocol/ipc.ts';
import { createIpcRouter } from './ipc-router.ts';
import { DocumentCache } from './document-cache.ts';
import { SessionStore } from './session-store.ts';
import { secureWebPreferences } from './window-options.ts';

/**
 * Desktop shell. Kept thin: every decision lives in a module that is tested
 * without Electron; this file only wires them to the real Electron APIs.
 */
const serverUrl = new URL(process.env.DIEN_HONG_SERVER_URL ?? 'http://localhost:8080');

if (!app.requestSingleInstanceLock()) app.quit();

const log = {
  warn: (message: string, details?: Record<string, unknown>) => console.warn(`[dien-hong] ${message}`, details ?? ''),
};

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 600,
    title: 'Diên Hồng',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs'), serverUrl.origin),
  });
  // Only the server's own pages load in the window; anything else opens in the system browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== serverUrl.origin) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(serverUrl.href);
  return window;
}

/** Offline document budget: a few sessions' papers, dropped a month after their meeting. */
const CACHE_LIMITS = { maxBytes: 2 * 1024 * 1024 * 1024, maxAgeDays: 30 };

void app.whenReady().then(async () => {
  const sessions = new SessionStore(join(app.getPath('userData'), 'session.bin'), safeStorage);
  const documents = await DocumentCache.open(join(app.getPath('userData'), 'documents'), safeStorage, CACHE_LIMITS, { warn: log.warn });
  if (!documents) log.warn('no OS keychain: documents will not be kept for offline reading');
  const route = createIpcRouter(
    {
      'session:load': () => sessions.load(),
      'session:save': (session) => sessions.save(session),
      'session:clear': () => sessions.clear(),
      'documents:read': async ({ versionId }) => (await documents?.read(versionId)) ?? null,
      'documents:write': async ({ versionId, bytes, meetingStartsAt }) => documents?.write(versionId, bytes, meetingStartsAt),
      'documents:clear': async () => documents?.clear(),
      'file:save': async ({ fileName, bytes }) => {
        const window = BrowserWindow.getFocusedWindow();
        const options = { defaultPath: join(app.getPath('documents'), fileName) };
        const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        if (!choice.canceled && choice.filePath) await writeFile(choice.filePath, bytes);
      },
    },
    { trustedOrigin: () => serverUrl.origin, log },
  );
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => route(channel, event.senderFrame?.url ?? '', payload));
  }
  createWindow();
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
});

app.on('window-all-closed', () => app.quit());
