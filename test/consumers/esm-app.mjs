import * as common from '@nestjs/common';
import * as core from '@nestjs/core';
import * as sigra from '@sigra/nestjs-telemetry';
import story from './consumer-story.cjs';

await story.run(sigra, common, core);
