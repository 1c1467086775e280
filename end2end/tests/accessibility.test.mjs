// Accessibility by a standard measure: axe-core's WCAG 2.0/2.1 A and AA
// rules on the first page, a saved page and the compare page, at phone and
// desktop widths, in light and dark; no serious or critical violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serverAndBrowser, screenshotDir, waitForHydration } from './support/harness.mjs';

const env = serverAndBrowser();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const example = readFileSync(new URL('../../app/src/model/examples/support_ticket_triage.json', import.meta.url), 'utf8');

async function save(body) {
  const response = await fetch(`${env.server.url}/api/v1/scenarios`, { method: 'POST', body });
  assert.equal(response.status, 201);
  return response.json();
}

// axe's violations of serious or critical impact, one line each
async function violations(page) {
  // evaluated over the DevTools protocol, which the page's CSP does not govern
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('the first page, a saved page, the compare page, the gallery and what to measure next pass WCAG 2.1 A/AA (axe-core)', async () => {
  const a = await save(example);
  const b = await save(example.replace('"monthly_growth_pct": 3', '"monthly_growth_pct": 8'));
  // what to measure next, for the example with few-shot's build cost uncertain
  const unsure = JSON.parse(example);
  unsure.approaches.find((x) => x.id === 'fewshot').ranges = { setup_usd: [0, 100000] };
  const measure = `/measure?scenario=${Buffer.from(JSON.stringify(unsure)).toString('base64url')}`;
  const pages = ['/', `/s/${a.id}`, `/compare?a=${a.id}&b=${b.id}`, '/examples', measure];
  const found = [];
  for (const [width, height] of [[375, 812], [1440, 900]]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await env.browser.newContext({ viewport: { width, height }, colorScheme });
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(env.server.url + path);
        await waitForHydration(page);
        for (const line of await violations(page)) found.push(`${path} at ${width} px, ${colorScheme}: ${line}`);
      }
      await context.close();
    }
  }
  assert.deepEqual(found, []);
});

// Every element whose content is wider than its box either scrolls or lets
// it show; nothing pushes the page wider than the phone's screen.
test('nothing is cut off at phone width: tables scroll inside their box', async () => {
  const a = await save(example);
  const b = await save(example.replace('"monthly_growth_pct": 3', '"monthly_growth_pct": 8'));
  const context = await env.browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  for (const path of ['/', `/s/${a.id}`, `/compare?a=${a.id}&b=${b.id}`]) {
    await page.goto(env.server.url + path);
    await waitForHydration(page);
    // open every data table, as a reader would
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const clipped = await page.evaluate(() => {
      const problems = [];
      const width = document.documentElement.scrollWidth;
      if (width > window.innerWidth + 1) problems.push(`the page is ${width} px wide`);
      for (const element of document.querySelectorAll('body *')) {
        const overflow = getComputedStyle(element).overflowX;
        // (a field scrolls its own text)
        if (['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)) continue;
        if ((overflow === 'hidden' || overflow === 'clip') && element.scrollWidth > element.clientWidth + 1) {
          problems.push(`${element.tagName.toLowerCase()}.${element.className} clips its content`);
        }
      }
      let tables = 0;
      for (const table of document.querySelectorAll('table')) {
        tables += 1;
        const box = table.closest('.table-scroll');
        if (!box) problems.push(`a table outside a scrolling box: ${table.className}`);
        else if (table.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'auto') {
          problems.push(`a wide table whose box does not scroll: ${table.className}`);
        }
      }
      if (tables === 0) problems.push('no table on the page');
      return problems;
    });
    assert.deepEqual(clipped, [], path);
  }
  await context.close();
});

// The smallest chart text as shown, in CSS px: live charts measured in the
// DOM, a saved page's images from their SVG source at their shown width.
async function smallestChartText(page) {
  return page.evaluate(async () => {
    let smallest = Infinity;
    const measure = (svg, shownWidth) => {
      const scale = shownWidth / Number(svg.getAttribute('width'));
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent.trim()) continue;
        smallest = Math.min(smallest, parseFloat(text.getAttribute('font-size')) * scale);
      }
    };
    for (const svg of document.querySelectorAll('.chart-svg svg')) {
      if (svg.getBoundingClientRect().width > 0) measure(svg, svg.getBoundingClientRect().width);
    }
    for (const img of document.querySelectorAll('.chart-image img')) {
      const source = await (await fetch(img.currentSrc)).text();
      const svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
      measure(svg, img.getBoundingClientRect().width);
    }
    return smallest;
  });
}

test('chart text is at least 11 CSS px at phone and desktop widths', async () => {
  const saved = await save(example);
  for (const width of [375, 1440]) {
    const context = await env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const path of ['/', `/s/${saved.id}`]) {
      await page.goto(env.server.url + path);
      await waitForHydration(page);
      await page.evaluate(() => document.querySelectorAll('.chart img').forEach((img) => (img.loading = 'eager')));
      const smallest = await smallestChartText(page);
      assert.ok(Number.isFinite(smallest), `${path} at ${width}: no chart text measured`);
      assert.ok(smallest >= 11, `${path} at ${width} px: chart text of ${smallest.toFixed(1)} CSS px`);
    }
    await context.close();
  }
});

test('printing a saved page gives a paginated report without the editor', async () => {
  const a = await save(example);
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/s/${a.id}`);
  await waitForHydration(page);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  assert.equal(await page.locator('.editor-column').isVisible(), false);
  assert.equal(await page.locator('.answer-column .actions').isVisible(), false);
  assert.equal(await page.getByTestId('answer').isVisible(), true);
  assert.ok((await page.locator('figure.chart').count()) >= 5);
  assert.equal(await page.locator('figure.chart').first().isVisible(), true);
  // printed in light colours whatever the screen's scheme, charts too
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(255, 255, 255)');
  const charts = await page.evaluate(() => [...document.querySelectorAll('figure.chart img')].map((img) => img.currentSrc));
  assert.ok(charts.length >= 5 && charts.every((src) => !src.includes('theme=dark')), charts.join('\n'));
  assert.equal(await page.getByText('Download PNG').first().isVisible(), false);
  await page.screenshot({ path: `${screenshotDir}/print-1440.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
  assert.ok(pages.length >= 2, `${pages.length} page(s)`);
  await context.close();
});
