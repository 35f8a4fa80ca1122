// The one place that says how Debian's Chromium is started headless here (tests and benchmark).
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, sandbox-less headless run on a machine without a display or outside network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];
