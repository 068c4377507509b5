import {
  IOS_HINT_DISMISSED_KEY,
  installOffer,
  isIosSafari,
  type BeforeInstallPromptEvent,
  type InstallOffer
} from './install-offer';

/**
 * The browser's install offer for this visit. Created when the layout first loads this module, so
 * the listeners are in place before Chromium fires `beforeinstallprompt` (it fires once a visit).
 */
class InstallPrompt {
  #event = $state<BeforeInstallPromptEvent | null>(null);
  #installed = $state(false);
  #standalone = $state(false);
  #iosSafari = false;
  #hintDismissed = $state(false);

  constructor() {
    if (typeof window === 'undefined') return;
    const standalone = window.matchMedia('(display-mode: standalone)');
    // iOS Safari's home-screen app reports itself here rather than through display-mode.
    const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
    this.#standalone = standalone.matches || iosStandalone;
    this.#iosSafari = isIosSafari(navigator.userAgent, navigator.maxTouchPoints);
    this.#hintDismissed = readHintDismissed();
    // Lives as long as the app, so the listeners are never removed.
    standalone.addEventListener('change', (event) => (this.#standalone = event.matches || iosStandalone));
    window.addEventListener('beforeinstallprompt', (event) => {
      // Kept for our own button, instead of Chromium's mini-infobar on phones.
      event.preventDefault();
      this.#event = event as BeforeInstallPromptEvent;
    });
    window.addEventListener('appinstalled', () => {
      this.#installed = true;
      this.#event = null;
    });
  }

  get offer(): InstallOffer {
    return installOffer({
      standalone: this.#standalone,
      installed: this.#installed,
      canPrompt: this.#event !== null,
      iosSafari: this.#iosSafari
    });
  }

  /** Whether the person has put the iOS steps away on this device. */
  get hintDismissed(): boolean {
    return this.#hintDismissed;
  }

  /** Shows the browser's install dialog. A prompt can be shown only once, so it is spent either way. */
  async install(): Promise<void> {
    const event = this.#event;
    if (!event) return;
    this.#event = null;
    await event.prompt();
    const { outcome } = await event.userChoice;
    // `appinstalled` follows an accepted prompt too; this hides the action without waiting for it.
    if (outcome === 'accepted') this.#installed = true;
  }

  dismissHint(): void {
    this.#hintDismissed = true;
    try {
      localStorage.setItem(IOS_HINT_DISMISSED_KEY, '1');
    } catch {
      // Private browsing may refuse storage; the hint stays hidden for this visit all the same.
    }
  }
}

function readHintDismissed(): boolean {
  try {
    return localStorage.getItem(IOS_HINT_DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** The install offer, shared by the header entry and the Settings section. */
export const installPrompt = new InstallPrompt();
