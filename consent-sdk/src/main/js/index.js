// ES module entry: import { init } from '/sdk/privacy-suite.mjs'; const ps = init({ api: 'https://shop.example' });
import { createConsent } from './consent.js';

export { DEFAULT_MAPPING } from './consent-mode.js';

export function init(options) {
  return { consent: createConsent(options) };
}
