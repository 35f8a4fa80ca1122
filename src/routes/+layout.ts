// The whole app is a prerendered static shell; everything else happens in the browser.
export const prerender = true;
export const ssr = false;
