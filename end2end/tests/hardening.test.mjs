// Hardening seen from the browser: the first page's compressed download stays
// within budget, assets are served compressed (wasm and CSS included), the CSP
// holds (any violation is a console error, which fails every test here), and
// hostile names render as text in the page, the SVG charts and the PNG export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, watchConsole, waitForHydration } from './support/harness.mjs';

// The hardening issue's budget: 350 KB (the bundle is at about 340 KB, see
// docs/performance.md, "Bundle"); the test fails as soon as it grows past.
const TARGET_BYTES = 350_000;
const BUDGET_BYTES = TARGET_BYTES;

const env = serverAndBrowser();

test(`the first page downloads under ${BUDGET_BYTES / 1000} KB of compressed wasm, JS and CSS`, async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  const assets = [];
  const catalogFetches = [];
  page.on('request', (request) => request.url().includes('/api/v1/catalog') && catalogFetches.push(request.url()));
  page.on('requestfinished', async (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/pkg/')) return;
    const response = await request.response();
    const sizes = await request.sizes();
    assets.push({
      path: url.pathname,
      encoding: (await response.allHeaders())['content-encoding'] ?? 'identity',
      bytes: sizes.responseBodySize,
    });
  });
  await page.goto(env.server.url + '/');
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  const kinds = assets.map((a) => a.path.split('.').pop()).sort();
  assert.deepEqual([...new Set(kinds)], ['css', 'js', 'wasm'], JSON.stringify(assets));
  for (const asset of assets) {
    assert.equal(asset.encoding, 'br', `${asset.path} is not served brotli-compressed`);
  }
  const total = assets.reduce((sum, a) => sum + a.bytes, 0);
  console.log(`first-page download: ${total} bytes compressed (target ${TARGET_BYTES}, ${total <= TARGET_BYTES ? 'met' : 'not met'})`, JSON.stringify(assets));
  assert.ok(total < BUDGET_BYTES, `first page downloads ${total} bytes, over the ${BUDGET_BYTES} budget`);
  // the price catalog is data, fetched when a picker opens, never up front
  assert.deepEqual(catalogFetches, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile names render as text in the page, the SVG and the PNG', async () => {
  const hostileName = '<script>alert(1)</script>';
  const hostileLabel = '<img src=x onerror=alert(2)><svg onload=alert(3)>';
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(env.server.url + '/');
  await waitForHydration(page);
  // Typed live into the editor, hostile text stays text.
  await page.fill('#a1-label', '"><img src=y onerror=alert(4)>');
  await page.waitForFunction(() => document.querySelector('table.costs')?.textContent.includes('onerror=alert(4)'));
  assert.equal(await page.locator('main img').count(), 0);
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('breakeven:draft')));
  draft.name = hostileName;
  draft.approaches[0].label = hostileLabel;
  const created = await (
    await fetch(`${env.server.url}/api/v1/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(draft),
    })
  ).json();

  await page.goto(`${env.server.url}/s/${created.id}`);
  await waitForHydration(page);
  assert.equal(await page.inputValue('#scenario-name'), hostileName);
  assert.equal(await page.inputValue('#a0-label'), hostileLabel);
  // The label shows up as text in the answer table. The only images in the
  // page are the six charts, linked from the server.
  assert.ok((await page.locator('table.costs').textContent()).includes(hostileLabel));
  const sources = await page.locator('main img').evaluateAll((images) => images.map((i) => i.getAttribute('src')));
  assert.equal(sources.length, 6);
  for (const src of sources) assert.match(src, new RegExp(`^/api/v1/scenarios/${created.id}/chart/\\w+\\.svg\\?revision=1&width=520&height=600$`));
  // In the chart images (SVG documents) the name and label are text: the
  // page's narrow image (whose legend cuts long labels) and the full-size one.
  const parse = async (path) => {
    const chartSvg = await (await fetch(env.server.url + path)).text();
    return page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror') !== null,
        text: doc.documentElement.textContent,
        active: doc.querySelectorAll('script, img, image, foreignObject, [onload], [onerror]').length,
      };
    }, chartSvg);
  };
  for (const path of [sources[0], sources[0].replace('&width=520&height=600', '')]) {
    const parsed = await parse(path);
    assert.equal(parsed.error, false, path);
    assert.ok(parsed.text.includes(hostileLabel.slice(0, 12)), `the SVG legend shows the label as text: ${path}`);
    assert.ok(parsed.text.includes(hostileName), `the SVG footer shows the name as text: ${path}`);
    assert.equal(parsed.active, 0, path);
  }
  const full = await parse(sources[0].replace('&width=520&height=600', ''));
  assert.ok(full.text.includes(hostileLabel), 'the full-size legend shows the whole label');
  assert.deepEqual(dialogs, []);

  const png = await fetch(`${env.server.url}/api/v1/scenarios/${created.id}/chart/amortization.png`);
  assert.equal(png.status, 200);
  assert.equal(png.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await png.arrayBuffer());
  assert.ok(bytes.length > 10_000, 'the PNG has content');
  assert.deepEqual(problems, []);
  await context.close();
});
