import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless (docs/platform.md "Browser tests"; no --user-data-dir: launch() makes a fresh profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
