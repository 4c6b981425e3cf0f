// "What we think interests you": the interest profile kept for this browser's device id (or the signed-in
// account), in the service's plain words and topic by topic, and its deletion. Server text only through textContent.
const STRENGTH = { strong: 'Strong', moderate: 'Moderate', slight: 'Slight' };

function cell(text) {
  return Object.assign(document.createElement('td'), { textContent: text });
}

function interestRow(interest) {
  const row = document.createElement('tr');
  row.dataset.topic = interest.topic;
  row.dataset.purpose = interest.purpose;
  const topic = Object.assign(document.createElement('th'), { scope: 'row', textContent: interest.title || interest.topic });
  row.append(topic,
    cell((STRENGTH[interest.strength] || interest.strength) + ' (about ' + interest.weight + ' recent visits)'),
    cell(interest.usedFor + ' (' + interest.purpose + ')'),
    cell(interest.lastSeenAt ? new Date(interest.lastSeenAt).toLocaleString('en') : ''));
  return row;
}

async function showInterests() {
  const profile = await Shop.api('GET', '/api/offers/interests?deviceId=' + encodeURIComponent(PrivacySuite.consent.deviceId));
  Shop.say('interests-summary', profile.summary);
  const interests = profile.interests || [];
  document.getElementById('interests').replaceChildren(...interests.map(interestRow));
  document.getElementById('interests-table').hidden = interests.length === 0;
  document.getElementById('delete-interests').disabled = interests.length === 0;
  return interests;
}

document.addEventListener('DOMContentLoaded', () => {
  const failed = (e) => Shop.say('interests-summary', 'Sorry, your interests cannot be shown just now: ' + e.message);
  document.getElementById('whose').textContent = Shop.user()
    ? 'You are signed in: this is what we keep for your account.'
    : 'You are not signed in: this is what we keep for this browser (its privacy cookie).';
  document.getElementById('delete-interests').addEventListener('click', async () => {
    try {
      await Shop.api('DELETE', '/api/offers/interests?deviceId=' + encodeURIComponent(PrivacySuite.consent.deviceId));
      Shop.say('interests-result', 'Deleted. Your consent is unchanged: withdraw it in the privacy settings to stop '
        + 'us learning from the pages you view.');
      await showInterests();
    } catch (e) {
      Shop.say('interests-result', 'Sorry: ' + e.message);
    }
  });
  document.getElementById('refresh-interests').addEventListener('click', () => showInterests().catch(failed));
  // The device id is the SDK's; the profile is read once it is known.
  PrivacySuite.consent.ready.catch(() => {}).then(showInterests).catch(failed);
});
