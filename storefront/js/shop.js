// Shared by every storefront page: calls to the public API through the gateway, the signed-in user, the footer's
// privacy settings button, and the pages' topics for the newsletter's interest profile.
const Shop = (() => {
  const token = () => sessionStorage.getItem('shop.token');

  function user() {
    const t = token();
    if (!t) return null;
    const claims = JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return claims.exp * 1000 > Date.now() ? claims : null;
  }

  // JSON in, JSON out; an error answer (problem+json) becomes an Error with the problem's detail.
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (user()) headers.Authorization = 'Bearer ' + token();
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const detail = data && (data.detail || data.title);
      const fields = data && data.errors ? ' (' + data.errors.map((e) => e.field + ': ' + e.message).join('; ') + ')' : '';
      throw Object.assign(new Error((detail || response.statusText) + fields), { status: response.status, data });
    }
    return data;
  }

  function say(id, text) {
    document.getElementById(id).textContent = text;
  }

  function onSubmit(formId, handler, outputId) {
    document.getElementById(formId).addEventListener('submit', (event) => {
      event.preventDefault();
      handler(new FormData(event.target)).catch((e) => say(outputId, 'Sorry: ' + e.message));
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const who = document.getElementById('who');
    if (who) who.textContent = user() ? 'Signed in as ' + user().preferred_username : 'Not signed in';
    const settings = document.getElementById('privacy-settings');
    if (settings) settings.addEventListener('click', () => PrivacySuite.consent.show());
    // The newsletter's interest profile learns from the topics of the pages seen, only with consent.
    const topics = document.body.dataset.topics;
    if (topics) {
      PrivacySuite.consent.ready.then(() => {
        if (PrivacySuite.consent.has('newsletter-personalisation')) {
          api('POST', '/api/newsletter/browsing-events', { deviceId: PrivacySuite.consent.deviceId, topics: topics.split(' ') })
            .catch(() => {});
        }
      });
    }
  });

  return { api, user, token, say, onSubmit };
})();
