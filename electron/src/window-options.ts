import type { WebPreferences } from 'electron';
import { SERVER_ARGUMENT } from './server-argument.ts';

/**
 * webPreferences for every window, per Electron's security checklist: the
 * renderer is plain web content with no Node, isolated from the preload,
 * and sandboxed by Chromium.
 */
export function secureWebPreferences(preloadPath: string, serverOrigin: string): WebPreferences {
  return {
    preload: preloadPath,
    additionalArguments: [`${SERVER_ARGUMENT}${serverOrigin}`],
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}
