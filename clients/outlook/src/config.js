/* Deployment settings of the mailwarden add-in (edit before publishing; see docs/api.md).
 * apiKey: an API key bound to the organisation's domain ("<key> client=outlook sender=DOMAIN"),
 * because anyone who can open the add-in's files can read it. */
globalThis.MAILWARDEN_CONFIG = {
  apiUrl: "https://mailwarden.example.gov.uk",
  apiKey: "REPLACE-WITH-THE-OUTLOOK-CLIENT-KEY",
  timeoutMs: 4000,
  failOpen: true,
};
