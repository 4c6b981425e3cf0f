// Script-tag entry: <script src="/sdk/privacy-suite.js" data-api="" data-max-age-days="365" data-consent-mode></script>
// sets window.PrivacySuite.consent. Options in window.PrivacySuiteOptions (cookies, texts, ...) are merged in.
import { createConsent } from './consent.js';

const tag = document.currentScript;
const data = tag ? tag.dataset : {};
const options = {
  api: data.api !== undefined ? data.api : tag ? new URL(tag.src, location.href).origin : '',
  maxAgeDays: Number(data.maxAgeDays) || undefined,
  consentMode: data.consentMode !== undefined,
  ...(window.PrivacySuiteOptions || {}),
};

window.PrivacySuite = { consent: createConsent(options) };
