// The Sigra dashboard page. Plain browser script, no build step: it reads the stream's snapshot
// and updates, keeps the points of the last `points × resolutionMs`, and redraws uPlot charts.
// Everything from the server is written as text (textContent), never parsed as HTML.
/* global uPlot */
'use strict';

(() => {
  const base = document.body.dataset.base ?? '';
  const token = new URLSearchParams(location.search).get('token');
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777'];
  const QUANTILE_COLORS = { p50: '#2563eb', p95: '#d97706', p99: '#dc2626' };

  /** Everything the page knows; exposed as `window.sigraDashboard` for inspection and tests. */
  const state = {
    resolutionMs: 1000,
    points: 600,
    /** Server clock minus ours, so the time axis follows the server. */
    clockOffset: 0,
    /** Charts by id. */
    charts: new Map(),
    series: new Map(),
    feed: [],
    updates: 0,
  };
  window.sigraDashboard = state;

  /** A chart's drawn state, by metric name: its line labels and uPlot's data columns. */
  state.chart = (name) => {
    const chart = [...state.charts.values()].find((candidate) => candidate.info.name === name);
    if (chart === undefined || chart.plot === null) return undefined;
    return {
      labels: chart.plot.series.slice(1).map((series) => series.label),
      data: chart.plot.data,
      histogram: chart.histogram?.data[1],
    };
  };

  const status = document.getElementById('status');
  const chartsRoot = document.getElementById('charts');
  const feedRoot = document.getElementById('feed');

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setStatus(name, text) {
    status.dataset.state = name;
    status.textContent = text;
  }

  function labelText(labels) {
    const entries = Object.entries(labels);
    return entries.length === 0
      ? 'all'
      : entries.map(([key, value]) => `${key}=${value}`).join(', ');
  }

  function unitText(chart) {
    if (chart.type === 'counter') return 'per second';
    return chart.unit === 'unit' ? '' : chart.unit;
  }

  // ---- charts -------------------------------------------------------------------------------

  function groupSection(group) {
    let section = chartsRoot.querySelector(`section[data-group="${CSS.escape(group)}"]`);
    if (section === null) {
      section = element('section');
      section.dataset.group = group;
      section.append(element('h2', '', group), element('div', 'grid'));
      chartsRoot.append(section);
    }
    return section.querySelector('.grid');
  }

  function addChart(info) {
    const card = element('article', 'chart');
    card.dataset.metric = info.name;
    card.dataset.type = info.type;
    const title = element('h3', '', info.name);
    const unit = unitText(info);
    if (unit) title.append(element('span', 'unit', ` (${unit})`));
    card.append(title);
    if (info.description) card.append(element('p', 'description', info.description));
    const chart = { info, card, series: [], plot: null, histogram: null, select: null };
    if (info.type === 'distribution' || info.type === 'summary') {
      chart.select = element('select');
      chart.select.setAttribute('aria-label', `${info.name} label set`);
      chart.select.addEventListener('change', () => {
        chart.picked = true;
        rebuild(chart);
      });
      card.append(chart.select);
    }
    chart.empty = element('p', 'empty', 'No events yet.');
    chart.plotRoot = element('div', 'plot');
    card.append(chart.empty, chart.plotRoot);
    if (info.type === 'distribution') {
      card.append(element('h4', '', 'Histogram since start'));
      chart.histogramRoot = element('div', 'plot histogram');
      card.append(chart.histogramRoot);
    }
    groupSection(info.group).append(card);
    state.charts.set(info.id, chart);
  }

  function addSeries(info) {
    if (state.series.has(info.id)) return;
    const chart = state.charts.get(info.chart);
    const series = { info, chart, points: new Map(), bucketCounts: [] };
    state.series.set(info.id, series);
    chart.series.push(series);
    if (chart.select !== null) {
      const option = element('option', '', labelText(info.labels));
      option.value = String(info.id);
      chart.select.append(option);
    }
    chart.dirty = true;
  }

  function addPoints({ series: id, points, bucketCounts }) {
    const series = state.series.get(id);
    if (series === undefined) return;
    for (const [time, ...values] of points) series.points.set(time, values);
    if (bucketCounts !== undefined) series.bucketCounts = bucketCounts;
  }

  function eventCount(series) {
    let count = 0;
    for (const values of series.points.values()) count += values[0];
    return count;
  }

  /** The series a distribution or summary chart shows: the one picked, else the busiest. */
  function selected(chart) {
    if (chart.picked) return state.series.get(Number(chart.select.value));
    let busiest = chart.series[0];
    for (const series of chart.series) {
      if (eventCount(series) > eventCount(busiest)) busiest = series;
    }
    if (busiest !== undefined) chart.select.value = String(busiest.info.id);
    return busiest;
  }

  /** The lines of a chart: label sets for counters, sums and last values; fields otherwise. */
  function lines(chart) {
    const { type, fields } = chart.info;
    if (type === 'distribution' || type === 'summary') {
      const series = selected(chart);
      if (series === undefined) return [];
      const shown = type === 'distribution' ? ['p50', 'p95', 'p99'] : ['avg', 'min', 'max'];
      return shown.map((field, i) => ({
        label: field,
        color: QUANTILE_COLORS[field] ?? COLORS[i],
        series,
        field: fields.indexOf(field),
      }));
    }
    const field = type === 'sum' ? 1 : 0;
    return chart.series.map((series, i) => ({
      label: labelText(series.info.labels),
      color: COLORS[i % COLORS.length],
      series,
      field,
    }));
  }

  function now() {
    return Date.now() + state.clockOffset;
  }

  /** Aligned columns for uPlot: one slot per `resolutionMs`, the last `points` of them. */
  function columns(chart, lineList) {
    const step = state.resolutionMs;
    const end = now() - (now() % step);
    const start = end - (state.points - 1) * step;
    const times = [];
    const data = lineList.map(() => []);
    const carries = chart.info.type === 'sum' || chart.info.type === 'last_value';
    const previous = lineList.map(() => null);
    for (let time = start; time <= end; time += step) {
      times.push(time / 1000);
      lineList.forEach((line, i) => {
        const values = line.series.points.get(time);
        let value = values === undefined ? null : values[line.field];
        if (chart.info.type === 'counter') value = ((value ?? 0) * 1000) / step;
        else if (carries && value === null) value = previous[i];
        else if (values !== undefined && values[0] === 0) value = null;
        previous[i] = value;
        data[i].push(value);
      });
    }
    return [times, ...data];
  }

  function forget(series) {
    const oldest = now() - state.points * state.resolutionMs;
    for (const time of series.points.keys()) if (time < oldest) series.points.delete(time);
  }

  function plotWidth(root) {
    return Math.max(280, root.clientWidth || 420);
  }

  function rebuild(chart) {
    chart.plot?.destroy();
    chart.plot = null;
    chart.histogram?.destroy();
    chart.histogram = null;
    chart.dirty = false;
    const lineList = lines(chart);
    chart.lines = lineList;
    chart.empty.hidden = lineList.length > 0;
    if (lineList.length === 0) return;
    chart.plot = new uPlot(
      {
        width: plotWidth(chart.plotRoot),
        height: 180,
        legend: { live: false },
        cursor: { show: true, drag: { x: false, y: false } },
        scales: {
          y: { range: (_u, min, max) => [Math.min(0, min ?? 0), max > 0 ? max * 1.1 : 1] },
        },
        series: [
          {},
          ...lineList.map((line) => ({
            label: line.label,
            stroke: line.color,
            width: 1.5,
            spanGaps: false,
            // Latencies arrive now and then: isolated points must show.
            points: { show: chart.info.type === 'distribution' || chart.info.type === 'summary' },
          })),
        ],
      },
      columns(chart, lineList),
      chart.plotRoot,
    );
    if (chart.info.type === 'distribution') buildHistogram(chart, lineList[0].series);
  }

  function bucketLabels(bounds) {
    return [...bounds.map((bound) => `≤${bound}`), `>${bounds.at(-1) ?? 0}`];
  }

  function buildHistogram(chart, series) {
    const labels = bucketLabels(chart.info.buckets);
    const counts = labels.map((_label, i) => series.bucketCounts[i] ?? 0);
    chart.histogram = new uPlot(
      {
        width: plotWidth(chart.histogramRoot),
        height: 140,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, labels.length - 0.5] } },
        axes: [
          { values: (_u, ticks) => ticks.map((tick) => labels[tick] ?? ''), rotate: -45, size: 60 },
          {},
        ],
        series: [
          {},
          {
            label: 'count',
            fill: 'rgba(37, 99, 235, 0.35)',
            stroke: '#2563eb',
            paths: uPlot.paths.bars({ size: [0.8, 40] }),
            points: { show: false },
          },
        ],
      },
      [labels.map((_label, i) => i), counts],
      chart.histogramRoot,
    );
  }

  function redraw() {
    for (const chart of state.charts.values()) {
      for (const series of chart.series) forget(series);
      // Unless a label set was picked, follow the busiest one.
      if (chart.select !== null && !chart.picked && chart.lines?.[0]?.series !== selected(chart)) {
        chart.dirty = true;
      }
      if (chart.dirty || chart.plot === null) {
        if (chart.series.length > 0 || chart.dirty) rebuild(chart);
        continue;
      }
      chart.plot.setData(columns(chart, chart.lines));
      if (chart.histogram !== null) {
        const series = chart.lines[0].series;
        chart.histogram.setData([
          chart.histogram.data[0],
          chart.histogram.data[0].map((i) => series.bucketCounts[i] ?? 0),
        ]);
      }
    }
  }

  // ---- security feed ------------------------------------------------------------------------

  function addFeedEntry(entry) {
    // The snapshot and the first update may both carry an entry.
    if (entry.seq <= (state.feed.at(-1)?.seq ?? 0)) return;
    state.feed.push(entry);
    if (state.feed.length > 50) state.feed.shift();
    const item = element('li');
    item.dataset.event = entry.event;
    const time = element(
      'time',
      '',
      new Date(entry.time).toLocaleTimeString([], { hour12: false }),
    );
    time.dateTime = new Date(entry.time).toISOString();
    item.append(time, element('strong', '', entry.event));
    const list = element('dl');
    for (const [key, value] of Object.entries(entry.metadata)) {
      list.append(element('dt', '', key), element('dd', '', String(value)));
    }
    item.append(list);
    feedRoot.prepend(item);
    while (feedRoot.children.length > 50) feedRoot.lastElementChild.remove();
  }

  // ---- stream -------------------------------------------------------------------------------

  function apply(message) {
    state.clockOffset = message.now - Date.now();
    for (const info of message.series) addSeries(info);
    for (const points of message.data) addPoints(points);
    for (const entry of message.feed) addFeedEntry(entry);
    state.updates++;
    redraw();
  }

  function reset(snapshot) {
    state.resolutionMs = snapshot.resolutionMs;
    state.points = snapshot.points;
    state.charts.clear();
    state.series.clear();
    state.feed = [];
    chartsRoot.replaceChildren();
    feedRoot.replaceChildren();
    for (const info of snapshot.charts) addChart(info);
  }

  const source = new EventSource(`${base}/stream${query}`);
  source.addEventListener('snapshot', (event) => {
    const snapshot = JSON.parse(event.data);
    reset(snapshot);
    apply(snapshot);
    setStatus('live', 'live');
  });
  source.addEventListener('update', (event) => apply(JSON.parse(event.data)));
  source.addEventListener('error', () => setStatus('reconnecting', 'reconnecting…'));
  setInterval(redraw, 1000);
  addEventListener('resize', () => {
    for (const chart of state.charts.values()) chart.dirty = true;
    redraw();
  });
})();
