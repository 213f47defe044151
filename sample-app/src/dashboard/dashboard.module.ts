import { SigraDashboardModule } from '@sigra/nestjs-telemetry/dashboard';
import { randomBytes } from 'node:crypto';

/**
 * The dashboard's token: `SIGRA_DASHBOARD_TOKEN` when set, else a fresh one per start, printed
 * with the dashboard's URL (as Jupyter does).
 */
export const DASHBOARD_TOKEN = process.env.SIGRA_DASHBOARD_TOKEN ?? randomBytes(24).toString('hex');

/** The live auth dashboard at `/sigra`, for holders of the token. */
export const DashboardModule = SigraDashboardModule.forRoot({
  path: 'sigra',
  auth: { token: DASHBOARD_TOKEN },
});

/** The link that opens the dashboard of the app at `origin`, token included. */
export function dashboardUrl(origin: string): string {
  return `${origin}/sigra?token=${DASHBOARD_TOKEN}`;
}
