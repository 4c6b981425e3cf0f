// "Offers for you" on the home pages: GET /api/offers for this browser's device id (or the signed-in account),
// after the SDK knows the visitor's choices and again whenever they change. Ranked by interest only while
// advertising consent holds; the server says whether it is personalised and why, and the page shows that line.
// Server text goes in through textContent only; a link is used only when it is an http(s) address.
(() => {
  const LIMIT = 4;
  const TEXTS = {
    en: {
      loading: 'Loading our offers…',
      unavailable: 'Our offers cannot be shown just now.',
      matched: 'Because you looked at: ',
      until: 'Until ',
      topics: { appliances: 'New appliances', recipes: 'Recipes', 'care-tips': 'Care and maintenance', offers: 'Offers' },
      basis: {},
    },
    fr: {
      loading: 'Chargement de nos offres…',
      unavailable: 'Nos offres ne peuvent pas être affichées pour le moment.',
      matched: 'Parce que vous avez consulté : ',
      until: 'Jusqu’au ',
      topics: { appliances: 'Nouveaux appareils', recipes: 'Recettes', 'care-tips': 'Entretien', offers: 'Promotions' },
      // The service explains in English; the French page says the same per basis.
      basis: {
        interests: 'Choisies selon les centres d’intérêt de vos visites, parce que vous acceptez les cookies publicitaires.',
        'no-consent': 'Nos offres du moment, les mêmes pour tous : vous n’avez pas accepté les cookies publicitaires, '
          + 'vos centres d’intérêt ne sont donc pas utilisés.',
        gpc: 'Nos offres du moment, les mêmes pour tous : votre navigateur envoie le signal Global Privacy Control, '
          + 'vos centres d’intérêt ne sont donc pas utilisés.',
        'no-profile': 'Nos offres du moment, les mêmes pour tous : nous ne connaissons encore aucun de vos centres d’intérêt.',
        'no-match': 'Nos offres du moment, les mêmes pour tous : aucune ne correspond à vos centres d’intérêt.',
        'no-device': 'Nos offres du moment, les mêmes pour tous.',
        'consent-unavailable': 'Nos offres du moment, les mêmes pour tous : votre consentement n’a pas pu être vérifié, '
          + 'vos centres d’intérêt ne sont donc pas utilisés.',
      },
    },
  };
  // The service learns of a changed choice through an event, a moment after the banner recorded it: an answer that
  // contradicts the choice this browser holds is asked again, after 0.5, 1, 2, 4, 8 and 16 seconds.
  const RETRIES = 6;
  const FIRST_RETRY_MS = 500;

  const texts = TEXTS[document.documentElement.lang === 'fr' ? 'fr' : 'en'];
  let generation = 0;
  let firstShown;
  // This page's own view is reported only after its offers were chosen (from the earlier visits).
  Shop.pageViewAfter(new Promise((resolve) => { firstShown = resolve; }));

  function safeLink(link) {
    if (!link) return null;
    try {
      const url = new URL(link, location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function element(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function offerItem(offer) {
    const item = element('li', undefined, 'offer');
    item.dataset.key = offer.key;
    if (document.documentElement.lang !== 'en') item.lang = 'en'; // the catalogue is in English
    const title = element('h3');
    const href = safeLink(offer.link);
    if (href) {
      const link = element('a', offer.title);
      link.href = href;
      title.append(link);
    } else {
      title.textContent = offer.title;
    }
    item.append(title, element('p', offer.description));
    const matched = offer.matchedTopics || [];
    if (matched.length) {
      const because = element('p', texts.matched + matched.map((t) => texts.topics[t] || t).join(', '), 'because');
      because.lang = document.documentElement.lang;
      item.append(because);
    }
    if (offer.validUntil) {
      item.append(element('p', texts.until + new Date(offer.validUntil).toLocaleDateString(document.documentElement.lang), 'until'));
    }
    return item;
  }

  function show(answer) {
    const list = document.getElementById('offers');
    list.dataset.personalised = String(answer.personalised === true);
    list.dataset.basis = answer.basis;
    list.replaceChildren(...(answer.offers || []).map(offerItem));
    Shop.say('offers-basis', texts.basis[answer.basis] || answer.explanation);
  }

  // The answer contradicts this browser's choice: the service has not yet heard of the change.
  function stale(answer) {
    const allowed = PrivacySuite.consent.has('advertising-cookies');
    return allowed ? answer.basis === 'no-consent' : answer.personalised === true;
  }

  async function load(attempt = 0, mine = ++generation) {
    try {
      const answer = await Shop.api('GET', '/api/offers?deviceId=' + encodeURIComponent(PrivacySuite.consent.deviceId)
        + '&limit=' + LIMIT);
      if (mine !== generation) return; // a newer load (a later choice) has started
      show(answer);
      if (stale(answer) && attempt < RETRIES) {
        setTimeout(() => { if (mine === generation) load(attempt + 1, mine); }, FIRST_RETRY_MS * 2 ** attempt);
      }
    } catch (e) {
      if (mine !== generation) return;
      const list = document.getElementById('offers');
      delete list.dataset.personalised;
      list.dataset.basis = 'unavailable';
      list.replaceChildren();
      Shop.say('offers-basis', texts.unavailable);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    Shop.say('offers-basis', texts.loading);
    // Without an answer from consent-service the SDK grants nothing; the offers are then the same for everyone.
    PrivacySuite.consent.ready.catch(() => {}).then(() => load()).finally(firstShown);
    PrivacySuite.consent.on('change', () => load());
  });
})();
