/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
// Configuration binding: `Section__Key` environment variables become `Section:Key` settings.
function loadConfiguration(env) {
  const settings = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.includes('__')) settings[name.split('__').join(':')] = value;
  }
  return {
    get(key) {
      return settings[key];
    },
    require(key) {
      const value = settings[key];
      if (value === undefined || value === '') {
        throw new InvalidOperationError(`${key} is not configured`);
      }
      return value;
    },
  };
}

class InvalidOperationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InvalidOperationError';
  }
}

module.exports = { loadConfiguration };
