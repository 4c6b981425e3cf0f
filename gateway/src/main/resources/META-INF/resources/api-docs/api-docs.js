// Renders the gateway's merged API document. A file of its own, not an inline script, so that the page's
// Content-Security-Policy can allow scripts from this origin only.
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#api-docs',
    deepLinking: true,
    // shows x-required-roles next to each operation
    showExtensions: true,
    // no calls to the public validator service: the page talks to this origin only
    validatorUrl: null,
  });
});
