// Shared by every storefront page: calls to the public API through the gateway, the signed-in user, the footer's
// privacy settings button, and the pages' topics for the interest profile (offers and newsletter sections).
const Shop = (() => {
  const token = () => sessionStorage.getItem('shop.token');

  function user() {
    const t = token();
    if (!t) return null;
    const claims = JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return claims.exp * 1000 > Date.now() ? claims : null;
  }

  // JSON in, JSON out; an error answer (problem+json) becomes an Error with the problem's detail.
  // options.keepalive: the request outlives the page (a page view sent just before the visitor moves on).
  async function api(method, path, body, options = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (user()) headers.Authorization = 'Bearer ' + token();
    const response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), keepalive: options.keepalive === true,
    });
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

  // The same header and footer on every page, in the page's language.
  const LINKS = {
    en: [['/demo/', 'Shop'], ['/demo/recipes.html', 'Recipes'], ['/demo/newsletter.html', 'Newsletter'],
      ['/demo/account.html', 'My account'], ['/demo/privacy.html', 'Privacy requests'], ['/demo/fr/', 'Français']],
    fr: [['/demo/fr/', 'Boutique'], ['/demo/', 'English']],
  };
  const SETTINGS = { en: 'Privacy settings', fr: 'Paramètres de confidentialité' };
  const INTERESTS = { en: 'What we think interests you', fr: 'Vos centres d’intérêt (en anglais)' };
  // The purposes under which a page view may be kept; the server decides for each one (it asks consent-service).
  const PROFILE_PURPOSES = ['advertising-cookies', 'newsletter-personalisation'];
  // Work the page's view waits for: a page showing offers chooses them from the earlier visits, not from itself.
  const beforePageView = [];

  function pageViewAfter(promise) {
    beforePageView.push(promise);
  }

  function frame() {
    const lang = document.documentElement.lang === 'fr' ? 'fr' : 'en';
    const nav = Object.assign(document.createElement('nav'), { ariaLabel: 'Shop' });
    nav.append(...LINKS[lang].map(([href, text]) => Object.assign(document.createElement('a'), { href, textContent: text })));
    document.getElementById('shop-header').append(
      Object.assign(document.createElement('strong'), { textContent: 'Northwind Appliances' }), nav,
      Object.assign(document.createElement('span'), { id: 'who' }));
    const settings = Object.assign(document.createElement('button'), { type: 'button', id: 'privacy-settings', textContent: SETTINGS[lang] });
    settings.addEventListener('click', () => PrivacySuite.consent.show());
    document.getElementById('shop-footer').append(settings,
      Object.assign(document.createElement('a'), { href: '/demo/interests.html', textContent: INTERESTS[lang], id: 'interests-link' }),
      Object.assign(document.createElement('a'), { href: '/.well-known/gpc.json', textContent: 'GPC' }),
      Object.assign(document.createElement('a'), { href: '/sdk/privacy-suite.js', textContent: 'Consent SDK' }));
  }

  document.addEventListener('DOMContentLoaded', () => {
    frame();
    const who = document.getElementById('who');
    if (who) who.textContent = user() ? 'Signed in as ' + user().preferred_username : 'Not signed in';
    // The interest profile learns from the topics of the pages seen, only with consent to one of its uses (offers
    // on this site, the newsletter's sections); the server keeps the view for each purpose whose consent holds.
    const topics = document.body.dataset.topics;
    if (topics) {
      PrivacySuite.consent.ready.then(() => Promise.allSettled(beforePageView)).then(() => {
        if (PROFILE_PURPOSES.some((p) => PrivacySuite.consent.has(p))) {
          return api('POST', '/api/offers/page-views', { deviceId: PrivacySuite.consent.deviceId, topics: topics.split(' ') },
            { keepalive: true });
        }
        return null;
      }).catch(() => {});
    }
  });

  return { api, user, token, say, onSubmit, pageViewAfter };
})();
