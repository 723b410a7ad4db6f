module.exports = {
  ...require('../../jest.preset.js').projectConfig(__dirname, 'dev'),
  testMatch: ['<rootDir>/*.spec.ts'],
};
