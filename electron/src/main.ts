import { join } from 'node:path';
import { BrowserWindow, app, ipcMain, safeStorage, shell } from 'electron';
import { IPC_CHANNELS } from '#protocol/ipc.ts';
import { createIpcRouter } from './ipc-router.ts';
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

void app.whenReady().then(() => {
  const sessions = new SessionStore(join(app.getPath('userData'), 'session.bin'), safeStorage);
  const route = createIpcRouter(
    {
      'session:load': () => sessions.load(),
      'session:save': (session) => sessions.save(session),
      'session:clear': () => sessions.clear(),
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
