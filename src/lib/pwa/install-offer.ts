// What the app can offer towards installing itself, decided from plain facts so it is testable
// without a browser. The reactive state that gathers those facts is install-prompt.svelte.ts.

/** Chromium's `beforeinstallprompt` event; not in TypeScript's DOM library. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

/**
 * `prompt`: the browser will show its install dialog when asked. `ios-hint`: iOS Safari has no such
 * dialog, so the person is told the Share → Add to Home Screen steps. `installed`: running as the
 * installed app, or installed during this visit. `none`: this browser offers nothing (yet).
 */
export type InstallOffer = 'prompt' | 'ios-hint' | 'installed' | 'none';

export interface InstallFacts {
  standalone: boolean;
  installed: boolean;
  canPrompt: boolean;
  iosSafari: boolean;
}

/** The one offer to make; a prompt the browser holds wins over the iOS steps. */
export function installOffer(facts: InstallFacts): InstallOffer {
  if (facts.standalone || facts.installed) return 'installed';
  if (facts.canPrompt) return 'prompt';
  if (facts.iosSafari) return 'ios-hint';
  return 'none';
}

// Other iOS browsers name themselves in the user agent; their share menus differ from Safari's.
const OTHER_IOS_BROWSERS = /CriOS|FxiOS|EdgiOS|OPiOS|GSA\//;

/**
 * Safari on an iPhone, iPod or iPad. iPadOS 13+ reports a Mac user agent by default, so a "Macintosh"
 * with a touch screen counts as an iPad (no Mac has one).
 */
export function isIosSafari(userAgent: string, maxTouchPoints = 0): boolean {
  const ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  return ios && /Safari\//.test(userAgent) && !OTHER_IOS_BROWSERS.test(userAgent);
}

/** The localStorage key that remembers a dismissed iOS hint, per device. */
export const IOS_HINT_DISMISSED_KEY = 'ims:install-hint-dismissed';
