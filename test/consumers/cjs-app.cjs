'use strict';

const { run } = require('./consumer-story.cjs');

run(require('@sigra/nestjs-telemetry'), require('@nestjs/common'), require('@nestjs/core')).catch(
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
