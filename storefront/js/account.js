// Sign-up, sign-in, the profile with per-field sharing, app-usage consent and closing the account.
const FIELDS = { displayName: 'Display name', bio: 'About me', city: 'City', website: 'Website' };

async function showProfile() {
  const me = await Shop.api('GET', '/api/accounts/me');
  const form = document.getElementById('profile');
  form.replaceChildren();
  Object.entries(FIELDS).forEach(([key, title]) => {
    const label = Object.assign(document.createElement('label'), { htmlFor: 'f-' + key, textContent: title });
    const input = Object.assign(document.createElement('input'), { id: 'f-' + key, name: key, type: 'text', value: me.profile[key] || '' });
    const share = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'share', value: key, checked: me.sharedFields.includes(key) });
    share.append(box, ' share publicly');
    form.append(label, input, share);
  });
  form.append(Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Save profile' }));
  showClosure(me.closure);
}

async function saveProfile(form) {
  const profile = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, form.get(k) || null]));
  await Shop.api('PATCH', '/api/accounts/me', { profile, sharedFields: form.getAll('share') });
  Shop.say('account-result', 'Profile saved.');
}

async function showPublicProfile(event) {
  event.preventDefault();
  const shown = await Shop.api('GET', '/api/accounts/' + encodeURIComponent(Shop.user().preferred_username) + '/public');
  document.getElementById('public-profile').textContent = JSON.stringify(shown.profile, null, 2);
}

// App usage is consent-based: the switch records the account's choice, and the service refuses events without it.
async function showAppUsage() {
  const state = await Shop.api('GET', '/api/consent/me');
  const choice = state.purposes.find((p) => p.purpose === 'app-usage-data');
  document.getElementById('app-usage-consent').checked = !!(choice && choice.granted && !choice.reconsentRequired);
  const events = await Shop.api('GET', '/api/accounts/me/app-usage');
  document.getElementById('usage-list').replaceChildren(...events.map((e) => Object.assign(document.createElement('li'),
    { textContent: e.appliance + ', ' + e.program + ', ' + e.duration })));
}

async function setAppUsageConsent(event) {
  await Shop.api('PUT', '/api/consent/me', {
    choices: { 'app-usage-data': event.target.checked }, method: 'custom', source: 'preference-center',
    url: location.origin + location.pathname,
  });
  Shop.say('usage-result', event.target.checked ? 'App usage data allowed.' : 'App usage data no longer allowed.');
}

async function sendUsage() {
  try {
    await Shop.api('POST', '/api/accounts/me/app-usage', { appliance: 'dishwasher', program: 'eco', duration: 'PT45M' });
    Shop.say('usage-result', 'Usage event stored.');
  } catch (e) {
    Shop.say('usage-result', 'Not stored: ' + e.message);
  }
  await showAppUsage();
}

function showClosure(closure) {
  const pending = closure && closure.status === 'CLOSURE_PENDING';
  document.getElementById('cancel-closure').hidden = !pending;
  document.getElementById('close-account').hidden = pending;
  if (pending) {
    const holds = closure.holds.map((h) => h.reason + ' until ' + new Date(h.until).toLocaleDateString()).join(', ');
    Shop.say('closure-result', 'Closing is waiting for: ' + holds + '. Expected on '
      + new Date(closure.expectedClosureAt).toLocaleDateString() + '.');
  }
}

async function closeAccount() {
  const closure = await Shop.api('POST', '/api/accounts/me/closure');
  if (closure.status === 'CLOSED') {
    Shop.say('closure-result', 'Your account is closed. Goodbye.');
    sessionStorage.removeItem('shop.token');
  } else {
    showClosure(closure);
  }
}

async function cancelClosure() {
  await Shop.api('DELETE', '/api/accounts/me/closure');
  Shop.say('closure-result', 'Closing cancelled: your account stays open.');
  showClosure(null);
}

async function signUp(form) {
  const displayName = form.get('displayName');
  await Shop.api('POST', '/api/accounts', {
    username: form.get('username'), email: form.get('email'), password: form.get('password'),
    profile: displayName ? { displayName } : {},
  });
  Shop.say('account-result', 'Account created. You can sign in now.');
}

const failing = (fn) => (event) => fn(event).catch((e) => Shop.say('account-result', 'Sorry: ' + e.message));

document.addEventListener('DOMContentLoaded', async () => {
  try {
    if (await Auth.completeSignIn()) Shop.say('account-result', 'Signed in; this device\'s privacy choices now follow your account.');
  } catch (e) {
    Shop.say('account-result', 'Sorry: ' + e.message);
  }
  const signedIn = !!Shop.user();
  document.getElementById('who').textContent = signedIn ? 'Signed in as ' + Shop.user().preferred_username : 'Not signed in';
  document.getElementById('signed-in').hidden = !signedIn;
  document.getElementById('signed-out').hidden = signedIn;
  document.getElementById('sign-in').addEventListener('click', Auth.signIn);
  Shop.onSubmit('sign-up', signUp, 'account-result');
  if (!signedIn) return;
  document.getElementById('sign-out').addEventListener('click', Auth.signOut);
  Shop.onSubmit('profile', saveProfile, 'account-result');
  document.getElementById('public-link').addEventListener('click', failing(showPublicProfile));
  document.getElementById('app-usage-consent').addEventListener('change', failing(setAppUsageConsent));
  document.getElementById('send-usage').addEventListener('click', failing(sendUsage));
  document.getElementById('close-account').addEventListener('click', failing(closeAccount));
  document.getElementById('cancel-closure').addEventListener('click', failing(cancelClosure));
  await failing(showProfile)();
  await failing(showAppUsage)();
});
