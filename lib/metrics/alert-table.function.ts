import { sigraAlertRules } from './sigra-alert-rules.function.js';

interface AlertRow {
  alert?: string;
  expr: string;
  for?: string;
  labels?: { severity: string };
  annotations?: { summary: string };
}

/**
 * Renders the alerts of `sigraAlertRules()` (default thresholds) as the README's Markdown table:
 * name, severity, `for`, the expression and what it means.
 */
export function renderAlertTable(): string {
  const rows = sigraAlertRules()
    .groups.flatMap((group) => group.rules as AlertRow[])
    .filter((rule) => rule.alert !== undefined)
    .map((rule) => {
      const cells = [
        `[${rule.alert}](#${rule.alert?.toLowerCase()})`,
        rule.labels?.severity,
        `\`${rule.for}\``,
        `\`${rule.expr.replaceAll('|', '\\|')}\``,
        rule.annotations?.summary,
      ];
      return `| ${cells.join(' | ')} |`;
    });
  return [
    '| alert | severity | for | expression (default thresholds) | summary |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
