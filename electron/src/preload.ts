import { contextBridge, ipcRenderer } from 'electron';
import type { IpcChannel, IpcPayload, IpcResult } from '#protocol/ipc.ts';
import type { Platform } from '#protocol/platform.ts';
import { SERVER_ARGUMENT } from './server-argument.ts';

/**
 * The only bridge between the sandboxed renderer and the main process: the
 * renderer's `platform` interface over the typed IPC contract. No Electron
 * or Node object crosses it. Must stay free of runtime imports besides
 * electron: a sandboxed preload cannot load other files.
 */
function invoke<C extends IpcChannel>(channel: C, payload: IpcPayload<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, payload) as Promise<IpcResult<C>>;
}

const serverOrigin = process.argv.find((argument) => argument.startsWith(SERVER_ARGUMENT))?.slice(SERVER_ARGUMENT.length) ?? '';

const desktopPlatform: Platform = {
  kind: 'desktop',
  serverUrl: () => serverOrigin,
  loadSession: () => invoke('session:load', undefined),
  saveSession: (session) => invoke('session:save', session),
  clearSession: () => invoke('session:clear', undefined),
  readCachedDocument: (versionId) => invoke('documents:read', { versionId }),
  cacheDocument: (versionId, bytes, meetingStartsAt) =>
    invoke('documents:write', { versionId, bytes, ...(meetingStartsAt && { meetingStartsAt }) }),
  clearDocumentCache: () => invoke('documents:clear', undefined),
  cachedVersionIds: () => invoke('documents:list', undefined),
  saveFile: (fileName, bytes, mimeType) => invoke('file:save', { fileName, bytes, mimeType }),
  features: { screenPicker: true, serverSettings: true, systemNotifications: true },
  notify: (notice) => invoke('notify:show', notice),
  listDisplaySources: () => invoke('display:sources', undefined),
  chooseDisplaySource: (sourceId) => invoke('display:choose', { sourceId }),
  setServerUrl: (url) => invoke('server:set', { url }),
  addCertificateAuthority: (pem) => invoke('server:add-authority', { pem }),
};

contextBridge.exposeInMainWorld('dienHongDesktop', desktopPlatform);
