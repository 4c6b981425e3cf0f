// Banner texts per language, chosen from <html lang>; every text can be overridden with options.texts.<lang>.
export const TEXTS = {
  en: {
    title: 'Your privacy choices',
    intro: 'We use cookies and similar technologies for the purposes below. Those that are not strictly necessary run only if you agree. You can change your mind at any time.',
    acceptAll: 'Accept all',
    rejectAll: 'Reject all',
    settings: 'Choose per purpose',
    save: 'Save my choices',
    back: 'Back',
    alwaysOn: 'Always on',
    notice: 'Notice version',
    gpc: 'Your browser sends a Global Privacy Control signal. We honour it: advertising stays off.',
    gpcPurpose: 'Off because of your Global Privacy Control signal',
    renew: 'Our notice has changed since your last choice. Please choose again.',
  },
  fr: {
    title: 'Vos choix de confidentialité',
    intro: 'Nous utilisons des témoins (cookies) et des technologies semblables pour les finalités ci-dessous. Ceux qui ne sont pas strictement nécessaires ne sont utilisés qu’avec votre accord. Vous pouvez changer d’avis à tout moment.',
    acceptAll: 'Tout accepter',
    rejectAll: 'Tout refuser',
    settings: 'Choisir par finalité',
    save: 'Enregistrer mes choix',
    back: 'Retour',
    alwaysOn: 'Toujours actif',
    notice: 'Version de l’avis',
    gpc: 'Votre navigateur envoie un signal Global Privacy Control. Nous le respectons : la publicité reste désactivée.',
    gpcPurpose: 'Désactivé en raison de votre signal Global Privacy Control',
    renew: 'Notre avis a changé depuis votre dernier choix. Veuillez choisir à nouveau.',
  },
};

export function textsFor(lang, overrides) {
  const language = TEXTS[lang] ? lang : 'en';
  return { lang: language, ...TEXTS[language], ...((overrides || {})[language] || {}) };
}
