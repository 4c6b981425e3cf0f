// Privacy requests: access, portability, erasure, objection or a question. Signed in, the token proves who asks;
// otherwise a code mailed to the address does, or, for a visitor with neither, holding this browser's consent cookie
// (its device id, sent in the body and then in the X-Device-Id header, never in a URL). Visitors see their requests'
// status and download a fulfilled package.
let current = null;
const DEVICE_REQUESTS = 'privacy-suite-device-requests';

function describe(request) {
  return request.type + ' request ' + request.id + ': ' + request.status + ', answer due by '
    + new Date(request.dueAt).toLocaleDateString();
}

/** For a request made with the device id alone: the browser holding the id reads it. */
async function asDevice(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json', 'X-Device-Id': PrivacySuite.consent.deviceId } });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error((data && (data.detail || data.title)) || response.statusText);
  return data;
}

async function download(request, byDevice) {
  const path = '/api/privacy-requests/' + request.id + '/export';
  const data = byDevice ? await asDevice(path) : await Shop.api('GET', path);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  link.download = 'my-data-' + request.id + '.json';
  link.click();
}

function show(listId, requests, byDevice) {
  document.getElementById(listId).replaceChildren(...requests.map((r) => {
    const item = Object.assign(document.createElement('li'), { textContent: describe(r) + ' ' });
    if (r.status === 'FULFILLED' && (r.type === 'ACCESS' || r.type === 'PORTABILITY')) {
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Download my data' });
      button.addEventListener('click', () => download(r, byDevice).catch((e) => Shop.say('request-result', 'Sorry: ' + e.message)));
      item.append(button);
    }
    return item;
  }));
}

async function listMine() {
  show('requests', await Shop.api('GET', '/api/privacy-requests'), false);
}

function deviceRequestIds() {
  return JSON.parse(localStorage.getItem(DEVICE_REQUESTS) || '[]');
}

async function listDevice() {
  const ids = deviceRequestIds();
  document.getElementById('device-mine').hidden = ids.length === 0;
  const requests = await Promise.all(ids.map((id) => asDevice('/api/privacy-requests/' + id).catch(() => null)));
  show('device-requests', requests.filter((r) => r), true);
}

async function send(form) {
  const [type, objection] = form.get('type').split(':');
  const body = { type, jurisdiction: form.get('jurisdiction'), message: form.get('message') || null };
  if (objection) body.objection = objection;
  const byDevice = !Shop.user() && form.get('useDevice') === 'on';
  if (byDevice) body.deviceId = PrivacySuite.consent.deviceId;
  else if (!Shop.user()) body.email = form.get('email');
  current = await Shop.api('POST', '/api/privacy-requests', body);
  Shop.say('request-result', 'Received. ' + describe(current));
  document.getElementById('verify').hidden = current.status !== 'UNVERIFIED';
  if (byDevice) {
    const ids = deviceRequestIds();
    if (!ids.includes(current.id)) localStorage.setItem(DEVICE_REQUESTS, JSON.stringify(ids.concat(current.id)));
    await listDevice();
  }
  if (Shop.user()) await listMine();
}

async function verify(form) {
  current = await Shop.api('POST', '/api/privacy-requests/' + current.id + '/verify', { code: form.get('code') });
  document.getElementById('verify').hidden = true;
  Shop.say('request-result', 'Thank you, your address is confirmed. ' + describe(current));
  if (Shop.user()) await listMine();
}

document.addEventListener('DOMContentLoaded', () => {
  Shop.onSubmit('request', send, 'request-result');
  Shop.onSubmit('verify', verify, 'request-result');
  const signedIn = !!Shop.user();
  document.getElementById('email-field').hidden = signedIn;
  document.getElementById('request-email').required = !signedIn;
  document.getElementById('use-device').addEventListener('change', (e) => {
    document.getElementById('request-email').required = !e.target.checked;
    document.getElementById('request-email').disabled = e.target.checked;
  });
  document.getElementById('device-refresh').addEventListener('click', () => listDevice().catch((e) => Shop.say('request-result', 'Sorry: ' + e.message)));
  if (!signedIn) listDevice().catch((e) => Shop.say('request-result', 'Sorry: ' + e.message));
  document.getElementById('mine').hidden = !signedIn;
  if (signedIn) {
    document.getElementById('refresh').addEventListener('click', () => listMine().catch((e) => Shop.say('request-result', 'Sorry: ' + e.message)));
    listMine().catch((e) => Shop.say('request-result', 'Sorry: ' + e.message));
  }
});
