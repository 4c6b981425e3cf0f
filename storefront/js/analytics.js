// The shop's analytics tag, held back by the SDK until "analytics-cookies" is granted (see data-purpose in the pages).
window.shopAnalyticsRuns = (window.shopAnalyticsRuns || 0) + 1;
document.cookie = 'shop_analytics=' + Date.now() + '; Max-Age=31536000; Path=/; SameSite=Lax';
const status = document.getElementById('analytics-status');
if (status) status.textContent = 'Analytics is running on this page.';
