// The fault suite: each test injects a real fault (a signal, a cut, a race) into real processes and counts what the
// users would see. `npm test` runs the quick ones (*.fault-spec.ts); with PP_FAULTS=all (`npm run test:faults`,
// CI) the slow ones (*.slow-fault-spec.ts) run too.
const all = process.env.PP_FAULTS === 'all';
module.exports = {
  ...require('../../jest.preset.js').projectConfig(__dirname, 'faults'),
  testMatch: ['<rootDir>/test/**/*.fault-spec.ts', ...(all ? ['<rootDir>/test/**/*.slow-fault-spec.ts'] : [])],
};
