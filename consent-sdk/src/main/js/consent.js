// The consent state of this device: read from consent-service, recorded through it, applied to the page.
import { deviceId, removeCookies } from './device.js';
import { applyTo, cookiesOf, watch } from './blocker.js';
import { openBanner } from './banner.js';
import { textsFor } from './texts.js';
import { consentMode } from './consent-mode.js';

const DAY = 24 * 3600 * 1000;

/**
 * options: api (base URL of the gateway, default ''), maxAgeDays (365), cookieName ('ps_device'),
 * cookies ({purpose: [names]}), consentMode (true or {signal: purpose}), texts ({en: {...}, fr: {...}}),
 * autoShow (true).
 */
export function createConsent(options = {}) {
  const api = (options.api || '').replace(/\/$/, '');
  const maxAge = (options.maxAgeDays || 365) * DAY;
  const gpc = navigator.globalPrivacyControl === true;
  const id = deviceId(options.cookieName || 'ps_device');
  const listeners = [];
  const signals = consentMode(options.consentMode);
  let purposes = [];
  let choices = {};
  let effective = {};

  const call = (method, path, body, token) => fetch(api + path, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(method + ' ' + path + ': ' + r.status))));

  const purpose = (key) => purposes.find((p) => p.key === key);
  const gpcOff = (key) => gpc && !!(purpose(key) || {}).gpcGoverned;
  const fresh = (c) => c && !c.reconsentRequired && Date.now() - Date.parse(c.decidedAt) < maxAge;

  function has(key) {
    const p = purpose(key);
    if (!p) return false;
    if (p.required) return true;
    const c = choices[key];
    // Always a boolean: an undefined "not decided yet" would hide the first decision from on('change') listeners.
    return !gpcOff(key) && Boolean(fresh(c)) && c.granted === true;
  }

  function needsAsking() {
    return purposes.some((p) => !p.required && !gpcOff(p.key) && !fresh(choices[p.key]));
  }

  function apply() {
    const before = effective;
    effective = Object.fromEntries(purposes.map((p) => [p.key, has(p.key)]));
    const changed = Object.keys(effective).filter((k) => before[k] !== undefined && before[k] !== effective[k]);
    changed.filter((k) => !effective[k]).forEach((k) => removeCookies([...(options.cookies || {})[k] || [], ...cookiesOf(k)]));
    applyTo(document, has);
    signals.update(has);
    if (changed.length) listeners.forEach((fn) => fn({ ...effective }, changed));
  }

  function load(state) {
    choices = Object.fromEntries(state.purposes.map((c) => [c.purpose, c]));
    apply();
  }

  function record(decided, method) {
    const url = /^https?:/.test(location.protocol) ? location.origin + location.pathname : undefined;
    const noticeVersions = Object.fromEntries(Object.keys(decided).map((k) => [k, purpose(k).noticeVersion]));
    return call('PUT', '/api/consent/devices/' + id, { choices: decided, method, url, noticeVersions, source: 'banner' }).then(load);
  }

  function show() {
    if (document.querySelector('.psb')) return;
    const lang = (document.documentElement.lang || 'en').slice(0, 2).toLowerCase();
    const texts = textsFor(lang, options.texts);
    const overrides = (options.texts || {}).purposes || {};
    const view = {
      purposes: purposes.map((p) => ({ ...p, ...((overrides[texts.lang] || {})[p.key] || {}) })),
      granted: (key) => (choices[key] || {}).granted === true,
      gpcOff,
      gpc,
      renew: purposes.some((p) => (choices[p.key] || {}).reconsentRequired),
    };
    openBanner(view, texts, (decided, method) => record(decided, method).catch(console.error));
  }

  const ready = Promise.all([call('GET', '/api/consent/purposes'), call('GET', '/api/consent/devices/' + id)])
    .then(([catalogue, state]) => {
      purposes = catalogue;
      load(state);
      watch(has);
      if (options.autoShow !== false && needsAsking()) show();
    });

  return {
    deviceId: id,
    gpc,
    ready,
    has,
    show,
    on(event, fn) {
      if (event === 'change') listeners.push(fn);
    },
    // After sign-in: the device's choices join the account's (consent-service merges them, later decision wins).
    linkAccount(token) {
      return call('POST', '/api/consent/me/devices/' + id, undefined, token)
        .then(() => call('GET', '/api/consent/devices/' + id)).then(load);
    },
  };
}
