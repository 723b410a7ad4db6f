// The web app's journeys in a real Chromium (Debian's, driven by playwright-core) against the whole platform: the
// identity provider's real sign-in page, the gateway serving the built app, every service, Kafka and PostgreSQL.
const { projectConfig } = require('../../../jest.preset.js');

module.exports = {
  ...projectConfig(__dirname, 'web-e2e'),
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/support/timeouts.ts'],
};
