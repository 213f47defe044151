import { DemoStepError } from './demo/demo-client.js';
import { runDemo } from './demo/run-demo.js';

try {
  await runDemo();
} catch (error) {
  console.error(error instanceof DemoStepError ? `Demo failed: ${error.message}` : error);
  process.exitCode = 1;
}
