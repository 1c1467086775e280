// Charts in the page and "Download PNG": the file that arrives is a PNG of
// the requested size, for a saved scenario (GET) and an unsaved one (form POST).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, watchConsole, waitForHydration, screenshotDir } from './support/harness.mjs';

const env = serverAndBrowser();

function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await download.path());
}

test('hydration adopts the server-drawn charts; the first keystroke draws the system theme only', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  // every rewrite of a chart's drawing or data table once the page is hydrated
  await page.addInitScript(() => {
    window.chartWrites = [];
    new MutationObserver((records) => {
      if (document.body?.dataset.hydrated !== 'true') return;
      for (const r of records) {
        const box = r.target.closest?.('.chart-svg, .chart-data');
        if (box) window.chartWrites.push(`${box.closest('figure').dataset.testid} ${box.className}`);
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(env.server.url + '/');
  await waitForHydration(page);
  // the Monte Carlo runs just after hydration (60 ms, then about 20 ms here)
  await page.waitForTimeout(1500);
  assert.deepEqual(await page.evaluate(() => window.chartWrites), [], 'no chart drawn again after hydration');
  for (const kind of ['amortization', 'uncertainty', 'breakdown']) {
    for (const theme of ['light', 'dark']) {
      const html = await page.evaluate(([k, t]) => document.querySelector(`[data-testid=chart-${k}] .chart-svg.${t}`).innerHTML, [kind, theme]);
      assert.match(html, /^<svg/, `${kind} ${theme}: the server's drawing is kept`);
    }
  }
  await page.fill('#volume', '3000000');
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-amortization] .chart-svg.dark').innerHTML === '');
  const light = await page.evaluate(() => document.querySelector('[data-testid=chart-amortization] .chart-svg.light').innerHTML);
  assert.match(light, /^<svg/);
  // the breakdown follows the pause: drawn again for the new volume
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-breakdown] .chart-svg.dark').innerHTML === '');
  assert.ok((await page.evaluate(() => window.chartWrites)).includes('chart-uncertainty chart-svg light'));
  assert.deepEqual(problems, []);
  await context.close();
});

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

test('a saved page shows its revision as images, and draws the charts live once edited', async () => {
  // light on a desktop, dark on a phone
  for (const [colorScheme, width, height] of [['light', 1440, 900], ['dark', 375, 812]]) {
    const context = await env.browser.newContext({ colorScheme, viewport: { width, height } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(env.server.url + '/');
    await waitForHydration(page);
    await page.fill('#scenario-name', `Saved in ${colorScheme}`);
    await page.getByTestId('save').click();
    await page.waitForURL(/\/s\//);
    const id = new URL(page.url()).pathname.split('/')[2];
    // a fresh load: what the server rendered, hydrated
    await page.reload();
    await waitForHydration(page);
    assert.equal(await page.locator('.chart-svg').count(), 0, 'nothing drawn inline');
    for (const kind of ['amortization', 'per_query', 'totals', 'uncertainty', 'sensitivity']) {
      const image = page.locator(`[data-testid=chart-${kind}] img`);
      await image.scrollIntoViewIfNeeded();
      await page.waitForFunction((k) => {
        const img = document.querySelector(`[data-testid=chart-${k}] img`);
        return img.complete && img.naturalWidth > 0;
      }, kind);
      const shown = await image.evaluate((img) => [img.currentSrc, img.naturalWidth, img.alt]);
      // drawn at the page's size (520 px), like the live charts, so its text is as legible
      const expected = `/api/v1/scenarios/${id}/chart/${kind}.svg?revision=1&width=520&height=600` + (colorScheme === 'dark' ? '&theme=dark' : '');
      assert.equal(new URL(shown[0]).pathname + new URL(shown[0]).search, expected, `${kind} in ${colorScheme}`);
      assert.equal(shown[1], 520);
      assert.match(shown[2], /data table/);
    }
    await page.screenshot({ path: join(screenshotDir, `saved-${colorScheme}-${width}.png`), fullPage: true });
    // the images fit the column: nothing scrolls sideways
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page overflows sideways');
    const image = await (await fetch(`${env.server.url}/api/v1/scenarios/${id}/chart/amortization.svg?revision=1`)).text();
    assert.ok(image.includes(`Saved in ${colorScheme}`), 'the image is of this scenario');
    // an edit draws the charts in the page, in the system's theme
    await page.fill('#scenario-name', 'Edited after saving');
    await page.waitForFunction(
      (theme) => document.querySelector(`[data-testid=chart-amortization] .chart-svg.${theme} svg`)?.textContent.includes('Edited after saving'),
      colorScheme,
    );
    assert.equal(await page.locator('[data-testid=chart-amortization] img').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a chart opens large over the whole window, by mouse or keyboard, and closes', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(env.server.url + '/');
  await waitForHydration(page);
  const figure = page.getByTestId('chart-amortization');
  const small = await figure.boundingBox();
  const smallSvg = await figure.locator('.chart-svg.light svg').boundingBox();
  await figure.getByText('Open large').click();
  const large = await figure.boundingBox();
  assert.ok(large.width >= 1400 && large.height >= 880, `open large: ${JSON.stringify(large)}`);
  const svg = await figure.locator('.chart-svg.light svg').boundingBox();
  // as tall as the window allows (900 px, less the caption)
  assert.ok(svg.height > 1.25 * smallSvg.height && svg.height > 750, `the chart itself is larger: ${JSON.stringify(svg)} vs ${JSON.stringify(smallSvg)}`);
  await page.screenshot({ path: join(screenshotDir, 'chart-large-1440.png') });
  await figure.getByText('Close').click();
  const closed = await figure.boundingBox();
  assert.ok(Math.abs(closed.width - small.width) < 2, 'back in the column');
  // by keyboard: the toggle takes focus and Space opens it
  await page.getByTestId('large-breakdown').focus();
  await page.keyboard.press('Space');
  const breakdown = await page.getByTestId('chart-breakdown').boundingBox();
  assert.ok(breakdown.width >= 1400, 'opened by keyboard');
  await page.keyboard.press('Space');
  assert.deepEqual(problems, []);
  await context.close();
});
