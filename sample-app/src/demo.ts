import { DemoStepError } from './demo/demo-client.js';
import { runDemo } from './demo/run-demo.js';

try {
  const serve = process.argv.includes('--serve');
  await runDemo({ serve });
  if (serve) console.log('\nStill serving (--serve): watch the dashboard, stop with Ctrl+C.');
} catch (error) {
  console.error(error instanceof DemoStepError ? `Demo failed: ${error.message}` : error);
  process.exitCode = 1;
}
