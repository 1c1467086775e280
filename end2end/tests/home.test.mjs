// The first page: server-rendered, hydrated, and live as you type.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, watchConsole, waitForHydration, screenshotDir } from './support/harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the break-even updates as you type, without a reload', async () => {
  const page = await browser.newPage();
  const problems = watchConsole(page);
  await page.goto(server.url + '/');
  const verdict = page.getByTestId('verdict');
  // (20000 - 2000) / (12 * (0.004 - 0.0008)) = 468,750
  assert.match(await verdict.textContent(), /468,750 queries\/month/);
  await waitForHydration(page);

  // Mark the document: a reload would lose this.
  await page.evaluate(() => (window.__noReload = true));

  await page.fill('#b-per-query', '0.002');
  // (20000 - 2000) / (12 * (0.004 - 0.002)) = 750,000
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=verdict]')?.textContent.includes('750,000 queries/month'),
  );

  await page.fill('#a-setup', '25000');
  // Prompting now costs more once and per query: it never pays off.
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=verdict]')?.textContent.includes('cheaper at every volume'),
  );
  assert.match(await verdict.textContent(), /^Fine-tuning is cheaper at every volume/);

  await page.fill('#volume', '-5');
  const error = page.locator('label[for=volume] .field-error');
  await page.waitForFunction(() => document.querySelector('label[for=volume] .field-error')?.textContent.length > 0);
  assert.equal(await error.textContent(), 'must not be negative');
  assert.equal(await page.getAttribute('#volume', 'aria-invalid'), 'true');

  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page reloaded');
  mkdirSync(screenshotDir, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(screenshotDir, 'home-1440.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(screenshotDir, 'home-375.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});
