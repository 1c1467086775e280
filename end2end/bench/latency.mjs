// Input-to-updated-chart latency in the browser, and the size of what the
// first page downloads. Starts the release server, opens the dashboard on the
// example scenario (fine-tuning carries ranges, so the 10,000-sample Monte
// Carlo runs in wasm after edits), then types into a field N times and
// times each edit until the amortization chart's SVG has been replaced, and
// until the next animation frame after that (when the browser can paint).
// The Monte Carlo runs once typing pauses for 150 ms; the last figure is an
// edit followed by a pause, until the uncertainty chart has been redrawn.
//
//   node bench/latency.mjs [iterations]      (from end2end/, after `make build`)
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer, launchBrowser, waitForHydration } from '../tests/support/harness.mjs';

const iterations = Number(process.argv[2] ?? 200);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
};

const server = await startServer();
const browser = await launchBrowser();
try {
  // What the first page downloads, raw and compressed.
  const html = await (await fetch(server.url + '/')).text();
  // the stylesheet and module script are in the HTML; the module loads the wasm
  const assets = [...html.matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g)].map((m) => m[1]);
  assets.push('/pkg/breakeven.wasm');
  const sizes = {};
  for (const path of new Set(assets)) {
    const body = Buffer.from(await (await fetch(server.url + path)).arrayBuffer());
    sizes[path] = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }

  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(server.url + '/');
  await waitForHydration(page);
  const samples = await page.evaluate(async (n) => {
    const input = document.querySelector('#a1-setup-usd');
    const chart = () => document.querySelector('[data-testid=chart-amortization] .chart-svg.light');
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    const dom = [];
    const frame = [];
    for (let i = 0; i < n; i++) {
      await nextFrame();
      // The chart is either patched in place or replaced with a new node:
      // watch the whole answer column and accept either.
      const old = chart();
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver((records) => {
          if (chart() !== old || records.some((r) => old.contains(r.target))) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(document.querySelector('.answer-column'), { childList: true, subtree: true, characterData: true });
      });
      const start = performance.now();
      input.value = String(4000 + (i % 2 ? 1000 : 2000) + i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const updated = await changed;
      const painted = await nextFrame();
      dom.push(updated - start);
      frame.push(painted - start);
    }
    // The Monte Carlo follows once typing pauses: time an edit until the
    // uncertainty chart (drawn from the 10,000 samples) is replaced.
    const uncertainty = () => document.querySelector('[data-testid=chart-uncertainty] .chart-svg.light');
    const settled = [];
    for (let i = 0; i < Math.max(10, Math.floor(n / 10)); i++) {
      await new Promise((r) => setTimeout(r, 400));
      const old = uncertainty();
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver((records) => {
          if (uncertainty() !== old || records.some((r) => old.contains(r.target))) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(document.querySelector('.answer-column'), { childList: true, subtree: true });
      });
      const start = performance.now();
      // far apart, so that the drawing changes (a dollar moves no pixel)
      input.value = String(i % 2 ? 9000 : 30000);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      settled.push((await changed) - start);
    }
    return { dom, frame, settled };
  }, iterations);

  const result = {
    date: new Date().toISOString().slice(0, 10),
    iterations,
    monte_carlo_samples: 10000,
    input_to_chart_dom_ms: summary(samples.dom),
    input_to_next_frame_ms: summary(samples.frame),
    // includes the 150 ms pause the page waits for before simulating
    input_to_monte_carlo_chart_ms: summary(samples.settled),
    first_page_bytes: sizes,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await server.stop();
}
