const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] as string);
}

/**
 * Headers of every dashboard response: scripts and styles from the dashboard's own assets only,
 * nothing inline, no framing, no caching of what the page shows.
 */
export const DASHBOARD_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The page: a shell the client script fills from the stream. Data never goes through HTML: the
 * script writes it as text nodes, so label values and metadata cannot inject markup.
 */
export function dashboardPage(basePath: string): string {
  const base = escapeHtml(basePath);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sigra auth dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/assets/uPlot.min.css">
<link rel="stylesheet" href="${base}/assets/dashboard.css">
<script defer src="${base}/assets/uPlot.iife.min.js"></script>
<script defer src="${base}/assets/dashboard.client.js"></script>
</head>
<body data-base="${base}">
<header>
<h1>Sigra auth dashboard</h1>
<p id="status" data-state="connecting">connecting…</p>
</header>
<main>
<div id="charts"></div>
<aside>
<h2>Security signals</h2>
<p class="hint">Latest first, metadata as the policy let it through.</p>
<ol id="feed"></ol>
</aside>
</main>
</body>
</html>
`;
}
