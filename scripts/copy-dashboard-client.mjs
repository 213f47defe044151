// The dashboard page's own script and styles are browser files, not TypeScript: the build copies
// them next to the compiled module that serves them.
import { cpSync } from 'node:fs';

cpSync('lib/dashboard/client', 'dist/dashboard/client', { recursive: true });
