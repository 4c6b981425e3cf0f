// Sign-in through Keycloak: authorization code flow with PKCE (public client privacy-web), the token kept in this
// tab's sessionStorage only. After sign-in the device's consent choices are linked to the account.
const Auth = (() => {
  const cfg = window.SHOP_CONFIG;
  const oidc = cfg.keycloak + '/realms/' + cfg.realm + '/protocol/openid-connect';
  const back = location.origin + '/demo/account.html';

  const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

  async function signIn() {
    const verifier = random();
    const state = random();
    sessionStorage.setItem('shop.pkce', JSON.stringify({ verifier, state }));
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    location.assign(oidc + '/auth?' + new URLSearchParams({
      client_id: cfg.clientId, response_type: 'code', scope: 'openid', redirect_uri: back, state,
      code_challenge: challenge, code_challenge_method: 'S256',
    }));
  }

  // On the way back from Keycloak: exchange the code, then link this device's consents to the account.
  async function completeSignIn() {
    const params = new URLSearchParams(location.search);
    const pending = JSON.parse(sessionStorage.getItem('shop.pkce') || 'null');
    if (!params.has('code') || !pending || params.get('state') !== pending.state) return false;
    sessionStorage.removeItem('shop.pkce');
    history.replaceState(null, '', location.pathname);
    const response = await fetch(oidc + '/token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code', client_id: cfg.clientId, code: params.get('code'),
        redirect_uri: back, code_verifier: pending.verifier,
      }),
    });
    if (!response.ok) throw new Error('Keycloak refused the sign-in (' + response.status + ')');
    const tokens = await response.json();
    sessionStorage.setItem('shop.token', tokens.access_token);
    sessionStorage.setItem('shop.idToken', tokens.id_token);
    await PrivacySuite.consent.ready;
    await PrivacySuite.consent.linkAccount(tokens.access_token);
    return true;
  }

  function signOut() {
    const idToken = sessionStorage.getItem('shop.idToken');
    sessionStorage.removeItem('shop.token');
    sessionStorage.removeItem('shop.idToken');
    location.assign(oidc + '/logout?' + new URLSearchParams({
      client_id: cfg.clientId, post_logout_redirect_uri: back, ...(idToken ? { id_token_hint: idToken } : {}),
    }));
  }

  return { signIn, completeSignIn, signOut };
})();
