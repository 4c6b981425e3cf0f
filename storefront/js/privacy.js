// Privacy requests: access, erasure or a question. Signed in, the token proves who asks; otherwise a code mailed
// to the address does. Signed-in visitors see their requests' status and download a fulfilled access package.
let current = null;

function describe(request) {
  return request.type + ' request ' + request.id + ': ' + request.status + ', answer due by '
    + new Date(request.dueAt).toLocaleDateString();
}

async function download(request) {
  const data = await Shop.api('GET', '/api/privacy-requests/' + request.id + '/export');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  link.download = 'my-data-' + request.id + '.json';
  link.click();
}

async function listMine() {
  const requests = await Shop.api('GET', '/api/privacy-requests');
  document.getElementById('requests').replaceChildren(...requests.map((r) => {
    const item = Object.assign(document.createElement('li'), { textContent: describe(r) + ' ' });
    if (r.status === 'FULFILLED' && r.type === 'ACCESS') {
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Download my data' });
      button.addEventListener('click', () => download(r).catch((e) => Shop.say('request-result', 'Sorry: ' + e.message)));
      item.append(button);
    }
    return item;
  }));
}

async function send(form) {
  const body = { type: form.get('type'), jurisdiction: form.get('jurisdiction'), message: form.get('message') || null };
  if (!Shop.user()) body.email = form.get('email');
  current = await Shop.api('POST', '/api/privacy-requests', body);
  Shop.say('request-result', 'Received. ' + describe(current));
  document.getElementById('verify').hidden = current.status !== 'UNVERIFIED';
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
  document.getElementById('mine').hidden = !signedIn;
  if (signedIn) {
    document.getElementById('refresh').addEventListener('click', () => listMine().catch((e) => Shop.say('request-result', 'Sorry: ' + e.message)));
    listMine().catch((e) => Shop.say('request-result', 'Sorry: ' + e.message));
  }
});
