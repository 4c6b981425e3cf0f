// Newsletter sign-up (double opt-in) and a preview ordered by the reader's interests, only when personalisation
// is allowed: with consent, signed in and subscribed; otherwise the catalogue order, and the page says so.
document.addEventListener('DOMContentLoaded', async () => {
  const topics = await Shop.api('GET', '/api/newsletter/topics');
  const box = document.getElementById('topics');
  topics.forEach((t) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    Object.assign(input, { type: 'checkbox', name: 'topics', value: t.key, checked: true });
    label.append(input, ' ' + t.title);
    box.append(label);
  });

  Shop.onSubmit('subscribe', async (form) => {
    await Shop.api('POST', '/api/newsletter/subscriptions', {
      email: form.get('email'), topics: form.getAll('topics'), deviceId: PrivacySuite.consent.deviceId,
    });
    Shop.say('subscribe-result', 'Thank you. Please confirm with the link we have just emailed to you.');
  }, 'subscribe-result');

  await PrivacySuite.consent.ready;
  let scores = {};
  let note = 'Not personalised: sign in, subscribe and allow newsletter personalisation to see your topics first.';
  if (Shop.user() && PrivacySuite.consent.has('newsletter-personalisation')) {
    try {
      const me = await Shop.api('GET', '/api/newsletter/me');
      me.interests.forEach((i) => { scores[i.topic] = Math.max(scores[i.topic] || 0, i.score); });
      note = 'Personalised: ordered by the topics of the pages you read.';
    } catch (e) {
      note = 'Not personalised: ' + e.message;
    }
  }
  Shop.say('preview-note', note);
  const list = document.getElementById('preview');
  [...topics].sort((a, b) => (scores[b.key] || 0) - (scores[a.key] || 0)).forEach((t) => {
    const item = document.createElement('li');
    item.textContent = t.title + ': ' + t.description;
    list.append(item);
  });
});
