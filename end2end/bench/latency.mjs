// Input-to-updated-chart latency in the browser, and the size of what the
// first page downloads. Starts the release server, opens the dashboard on the
// example scenario (fine-tuning carries ranges, so the 10,000-sample Monte
// Carlo runs in wasm after edits), then types into a field N times and
// times each edit until the amortization chart's SVG has been replaced, and
// until the next animation frame after that (when the browser can paint).
// Then the same at a typing pace (a key every 125 ms), where the Monte Carlo
// (run 60 ms after a keystroke unless another comes first) falls between
// keystrokes; and an edit followed by a pause, until the uncertainty chart
// has been redrawn.
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
    const column = document.querySelector('.answer-column');
    const amortization = () => document.querySelector('[data-testid=chart-amortization] .chart-svg.light');
    const uncertainty = () => document.querySelector('[data-testid=chart-uncertainty] .chart-svg.light');
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    // Resolves with the time `chart()` is next redrawn: patched in place or
    // replaced by a new node (watch the whole answer column, accept either).
    const redrawn = (chart) => {
      const old = chart();
      return new Promise((resolve) => {
        const observer = new MutationObserver((records) => {
          if (chart() !== old || records.some((r) => old.contains(r.target))) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(column, { childList: true, subtree: true, characterData: true });
      });
    };
    // Each value differs from the last by enough to move pixels.
    const type = (value) => {
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };

    // 1. One edit per frame, faster than anyone types.
    const dom = [];
    const frame = [];
    for (let i = 0; i < n; i++) {
      await nextFrame();
      const changed = redrawn(amortization);
      const start = performance.now();
      type(4000 + (i % 2 ? 1000 : 2000) + i);
      const updated = await changed;
      const painted = await nextFrame();
      dom.push(updated - start);
      frame.push(painted - start);
    }

    // 2. Typing pace, a key every 125 ms: the Monte Carlo of one keystroke
    // runs between keystrokes; does it delay the next one, and does every
    // keystroke get its own probabilities?
    await sleep(500);
    const paced = [];
    let ownMonteCarlo = 0;
    for (let i = 0; i < n / 2; i++) {
      const start = performance.now();
      const changed = redrawn(amortization);
      let simulated = false;
      redrawn(uncertainty).then((at) => (simulated = at < start + 125));
      type(i % 2 ? 9000 : 30000);
      paced.push((await changed) - start);
      await sleep(Math.max(0, start + 125 - performance.now()));
      if (simulated) ownMonteCarlo++;
    }

    // 3. An edit, then a pause: until the uncertainty chart (drawn from the
    // 10,000 samples) is redrawn.
    const settled = [];
    for (let i = 0; i < Math.max(10, Math.floor(n / 10)); i++) {
      await sleep(400);
      const changed = redrawn(uncertainty);
      const start = performance.now();
      type(i % 2 ? 12000 : 40000);
      settled.push((await changed) - start);
    }
    return { dom, frame, paced, ownMonteCarlo, settled };
  }, iterations);

  const result = {
    date: new Date().toISOString().slice(0, 10),
    iterations,
    monte_carlo_samples: 10000,
    input_to_chart_dom_ms: summary(samples.dom),
    input_to_next_frame_ms: summary(samples.frame),
    typing_pace_input_to_chart_dom_ms: summary(samples.paced),
    typing_pace_keystrokes_with_their_own_monte_carlo: `${samples.ownMonteCarlo} of ${Math.floor(iterations / 2)}`,
    // includes the 60 ms the page waits for another keystroke before simulating
    input_to_monte_carlo_chart_ms: summary(samples.settled),
    first_page_bytes: sizes,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await server.stop();
}
