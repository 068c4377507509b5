import { describe, expect, it } from 'vitest';
import { installOffer, isIosSafari, type InstallFacts } from '$lib/pwa/install-offer';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const IPHONE_CHROME =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1';
const MAC_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const DESKTOP_CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

const facts = (overrides: Partial<InstallFacts>): InstallFacts => ({
  standalone: false,
  installed: false,
  canPrompt: false,
  iosSafari: false,
  ...overrides
});

describe('installOffer', () => {
  it('offers the browser prompt when one is held', () => {
    expect(installOffer(facts({ canPrompt: true }))).toBe('prompt');
  });

  it('offers the Add to Home Screen steps on iOS Safari', () => {
    expect(installOffer(facts({ iosSafari: true }))).toBe('ios-hint');
  });

  it('offers nothing once running as the installed app', () => {
    expect(installOffer(facts({ standalone: true, canPrompt: true, iosSafari: true }))).toBe('installed');
  });

  it('offers nothing once installed during this visit, even with a stale prompt', () => {
    expect(installOffer(facts({ installed: true, canPrompt: true }))).toBe('installed');
  });

  it('offers nothing in a browser that has not fired beforeinstallprompt', () => {
    expect(installOffer(facts({}))).toBe('none');
  });
});

describe('isIosSafari', () => {
  it('recognises Safari on an iPhone', () => {
    expect(isIosSafari(IPHONE_SAFARI)).toBe(true);
  });

  it('recognises an iPad reporting a Mac user agent by its touch screen', () => {
    expect(isIosSafari(MAC_SAFARI, 5)).toBe(true);
  });

  it('does not take Safari on a Mac for iOS', () => {
    expect(isIosSafari(MAC_SAFARI, 0)).toBe(false);
  });

  it('does not take Chrome on iOS for Safari', () => {
    expect(isIosSafari(IPHONE_CHROME)).toBe(false);
  });

  it('does not take desktop Chrome for iOS', () => {
    expect(isIosSafari(DESKTOP_CHROME)).toBe(false);
  });
});
