import type { Platform } from '#protocol/platform.ts';
import { webPlatform } from './web-platform.ts';

declare global {
  interface Window {
    /** Present only inside the desktop app, exposed by its preload. */
    dienHongDesktop?: Platform;
  }
}

/** The desktop implementation when running in Electron, the web one otherwise. */
export const platform: Platform = window.dienHongDesktop ?? webPlatform;
