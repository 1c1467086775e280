// The first page on a throttled phone profile: Chromium with a 4x CPU
// slowdown, 150 ms round trip, 1.6 Mbps down (750 kbps up), a cold cache,
// at 375 x 812. Measures first contentful paint, when hydration ends (the
// body's data-hydrated mark) and when a keystroke first changes the answer
// (typing into the first approach's setup cost from the moment the field
// exists until the headline changes): "interactive". Each run in a fresh
// context (nothing cached); medians of N runs.
//
//   node bench/phone.mjs [runs]      (from end2end/, after `make build`)
import { startServer, launchBrowser } from '../tests/support/harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const browser = await launchBrowser();
const results = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
    const start = Date.now();
    await page.goto(server.url + '/', { waitUntil: 'commit' });
    // type as soon as the field exists, until the answer changes
    await page.waitForSelector('#a1-setup-usd');
    const before = await page.textContent('[data-testid=headline]');
    let interactive = null;
    for (let attempt = 0; attempt < 2000 && interactive === null; attempt++) {
      await page.fill('#a1-setup-usd', String(900_000 + attempt));
      const changed = await page
        .waitForFunction((old) => document.querySelector('[data-testid=headline]')?.textContent !== old, before, { timeout: 50 })
        .then(() => true, () => false);
      if (changed) interactive = Date.now() - start;
    }
    const paint = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return fcp ? fcp.startTime : null;
    });
    const hydrated = await page.evaluate(() => {
      const mark = performance.getEntriesByName('hydrated')[0];
      return mark ? mark.startTime : null;
    });
    results.push({ first_contentful_paint_ms: paint, hydrated_mark_ms: hydrated, keystroke_changes_answer_ms: interactive, bytes_on_the_wire: bytes });
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const pick = (key) => results.map((r) => r[key]).filter((x) => x !== null);
console.log(JSON.stringify({
  profile: '4x CPU slowdown, 150 ms RTT, 1.6 Mbps down / 750 kbps up, cold cache, 375x812',
  runs: results,
  median: {
    first_contentful_paint_ms: median(pick('first_contentful_paint_ms')),
    keystroke_changes_answer_ms: median(pick('keystroke_changes_answer_ms')),
    bytes_on_the_wire: median(pick('bytes_on_the_wire')),
  },
}, null, 2));
