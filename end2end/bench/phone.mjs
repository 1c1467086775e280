// The first page on a throttled phone profile (issue #18): Chromium with a
// 4x CPU slowdown, 150 ms round trip, 1.6 Mbps down / 750 kbps up, cold
// cache, a 375 x 812 viewport. For each cold load it records, from the
// navigation's start:
//   - first contentful paint (the server-rendered answer is in the HTML);
//   - hydrated: the wasm downloaded, compiled and the page hydrated (the app
//     marks `body[data-hydrated]`);
//   - interactive: hydrated plus one keystroke into the volume field until
//     the answer's headline shows the new volume (what "a keystroke changes
//     the answer" means to a user). The keystroke is typed once the bench has
//     seen the page hydrate (it checks once a second, not to load the
//     throttled page), so its latency is added to the hydration time rather
//     than read from the clock, which would count the bench's own wait.
// The page's own clock is used throughout (an init script watches the body's
// attribute), so nothing polls the throttled page.
//
//   node bench/phone.mjs [loads]      (from end2end/, after `make build`)
import { startServer, launchBrowser } from '../tests/support/harness.mjs';

const loads = Number(process.argv[2] ?? 5);
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const server = await startServer();
const browser = await launchBrowser();
const results = [];
try {
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6e6 / 8) | 0,
      uploadThroughput: (750e3 / 8) | 0,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body?.dataset.hydrated === 'true') {
          window.__hydratedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
    });
    let bytes = 0;
    page.on('response', async (response) => {
      const length = Number((await response.allHeaders())['content-length'] ?? 0);
      bytes += length;
    });
    await page.goto(server.url + '/', { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction(() => window.__hydratedAt, null, { polling: 1000, timeout: 120_000 });
    const timing = await page.evaluate(async () => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const hydrated = window.__hydratedAt;
      // one keystroke, timed until the headline names the new volume
      const input = document.querySelector('#volume');
      const answer = document.querySelector('[data-testid=answer]');
      const start = performance.now();
      const changed = new Promise((resolve) => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid=headline]')?.textContent.includes('3M queries/month')) {
            observer.disconnect();
            resolve(performance.now());
          }
        }).observe(answer.parentElement, { subtree: true, childList: true, characterData: true });
      });
      input.value = '3000000';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const answered = await changed;
      return { paint, hydrated, keystroke: answered - start, interactive: hydrated + (answered - start) };
    });
    results.push({ ...timing, bytes });
    console.log(`load ${i + 1}: FCP ${timing.paint.toFixed(0)} ms, hydrated ${timing.hydrated.toFixed(0)} ms, keystroke ${timing.keystroke.toFixed(0)} ms, interactive ${timing.interactive.toFixed(0)} ms`);
    await context.close();
  }
  const pick = (key) => median(results.map((r) => r[key])).toFixed(0);
  console.log(
    JSON.stringify({
      profile: '4x CPU, 150 ms RTT, 1.6 Mbps down, cold cache, 375 px',
      loads,
      median_ms: { first_contentful_paint: +pick('paint'), hydrated: +pick('hydrated'), keystroke: +pick('keystroke'), interactive: +pick('interactive') },
    }),
  );
} finally {
  await browser.close();
  await server.stop();
}
