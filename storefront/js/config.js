// Deployment settings of the storefront, read before the SDK. Edit for your own realm and cookies.
window.SHOP_CONFIG = {
  keycloak: 'http://127.0.0.1:8180',
  realm: 'privacy',
  clientId: 'privacy-web',
};
// Options of the consent SDK: the first-party cookies each purpose's scripts set (removed when it is withdrawn).
window.PrivacySuiteOptions = {
  cookies: { 'analytics-cookies': ['shop_analytics'] },
  consentMode: true,
};
