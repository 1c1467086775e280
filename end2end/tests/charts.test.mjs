// Charts in the page and "Download PNG": the file that arrives is a PNG of
// the requested size, for a saved scenario (GET) and an unsaved one (form POST).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serverAndBrowser, watchConsole, waitForHydration } from './support/harness.mjs';

const env = serverAndBrowser();

function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await download.path());
}

test('charts are drawn in the page and download as PNG', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(env.server.url + '/');
  await waitForHydration(page);
  for (const kind of ['amortization', 'per_query', 'totals', 'uncertainty', 'sensitivity']) {
    const svg = page.locator(`[data-testid=chart-${kind}] .chart-svg.light svg`);
    assert.equal(await svg.count(), 1, `${kind} chart missing`);
  }
  // live: a new name shows up in the chart footer without a reload
  await page.fill('#scenario-name', 'Renamed plan');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=chart-amortization] svg')?.textContent.includes('Renamed plan'),
  );
  // unsaved: the form posts the scenario
  const unsaved = await downloaded(page, '[data-testid=download-totals]');
  assert.deepEqual(pngSize(unsaved), [1200, 630]);

  // saved: a plain link to the cached export
  await page.getByTestId('save').click();
  await page.waitForURL(/\/s\//);
  await waitForHydration(page);
  const saved = await downloaded(page, '[data-testid=download-amortization]');
  assert.deepEqual(pngSize(saved), [1200, 630]);
  assert.deepEqual(problems, []);
  await context.close();
});
