// Google Consent Mode v2: every signal denied by default, then granted exactly when its mapped purpose is.
export const DEFAULT_MAPPING = {
  ad_storage: 'advertising-cookies',
  ad_user_data: 'advertising-cookies',
  ad_personalization: 'advertising-cookies',
  analytics_storage: 'analytics-cookies',
};

export function consentMode(setting) {
  if (!setting) return { update() {} };
  const mapping = setting === true ? DEFAULT_MAPPING : setting;
  const gtag = window.gtag || function () {
    (window.dataLayer = window.dataLayer || []).push(arguments);
  };
  const values = (has) => Object.fromEntries(Object.entries(mapping).map(([signal, p]) => [signal, has(p) ? 'granted' : 'denied']));
  gtag('consent', 'default', { ...values(() => false), wait_for_update: 500 });
  return { update: (has) => gtag('consent', 'update', values(has)) };
}
