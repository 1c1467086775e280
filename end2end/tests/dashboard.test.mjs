// The dashboard at `/`: the first visit shows an answer, edits update it live
// (the cost model runs in wasm), ranges give probabilities, keyboard-only use
// works, and no page logs a console error or hydration warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, watchConsole, waitForHydration, screenshotDir } from './support/harness.mjs';

const env = serverAndBrowser();

async function openDashboard(width = 1440) {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(env.server.url + '/');
  await waitForHydration(page);
  return { context, page, problems };
}

const headline = (page) => page.getByTestId('headline').textContent();

test('first visit: the example scenario is answered before anyone types', async () => {
  const { context, page, problems } = await openDashboard();
  assert.equal(
    await headline(page),
    'Few-shot gpt-4.1-mini (20 examples, cached) is cheapest at 2M queries/month: $84.5k over 24 months, $28.2k (25%) less than Fine-tuned gpt-4.1-mini.',
  );
  // the four large numbers come first
  const figures = await page.$$eval('[data-testid=key-figures] > div', (rows) =>
    rows.map((row) => [row.querySelector('dt').textContent, row.querySelector('strong').textContent]),
  );
  assert.deepEqual(figures, [
    ['Cheapest', 'Few-shot gpt-4.1-mini (20 examples, cached)'],
    ['Saving', '$28.2k'],
    ['Payback', 'none needed'],
    ['Break-even', '3.51M'],
  ]);
  const sentences = await page.getByTestId('break-evens').textContent();
  assert.match(sentences, /Fine-tuned gpt-4.1-mini would pay off above 3.51M queries\/month/);
  // the brief's thesis, in the example's own numbers
  assert.match(sentences, /People are 62% of Fine-tuned gpt-4.1-mini's cost over 24 months/);
  await page.screenshot({ path: join(screenshotDir, 'dashboard-1440.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('people, a launch delay and the incumbent: priced, said in words and drawn', async () => {
  const { context, page, problems } = await openDashboard();
  const sentences = () => page.getByTestId('break-evens').textContent();
  // the example's fine-tuning card (a3) takes three months to launch:
  // until then the incumbent (the first card, prompting) serves its traffic
  await page.fill('#a3-launch-months', '3');
  await page.waitForFunction(() => /starts serving in month 4; until then Prompted gpt-4.1 serves its traffic/.test(document.querySelector('[data-testid=break-evens]')?.textContent ?? ''));
  // "what you run today" is the few-shot card: it now pays for the wait
  await page.selectOption('#incumbent', 'fewshot');
  await page.waitForFunction(() => /until then Few-shot gpt-4.1-mini \(20 examples, cached\) serves its traffic/.test(document.querySelector('[data-testid=break-evens]')?.textContent ?? ''));
  // engineer hours, priced at the team's rate, with the brief's defaults
  await page.check('#a3-section-effort');
  await page.waitForSelector('#a3-effort-setup-hours');
  assert.equal(await page.inputValue('#a3-effort-setup-hours'), '240 (160 to 480)');
  await page.fill('#engineer-hour', '150');
  await page.waitForFunction(() => /People are \d+% of Fine-tuned gpt-4.1-mini's cost over 24 months/.test(document.querySelector('[data-testid=break-evens]')?.textContent ?? ''));
  // where the money goes: the sixth chart, its table naming every category
  const breakdown = page.getByTestId('chart-breakdown');
  await breakdown.locator('svg').first().waitFor();
  assert.match(await breakdown.locator('details').textContent(), /People.*Data.*Training.*Evals.*Inference.*Errors.*Fixed.*Before launch.*Setup/s);
  // the launch month is marked on the cumulative chart
  assert.match(await page.getByTestId('chart-amortization').innerHTML(), /launch, month 3/);
  await page.screenshot({ path: join(screenshotDir, 'people-launch-1440.png'), fullPage: true });
  // a delayed incumbent is refused, naming the field
  await page.fill('#a1-launch-months', '2');
  await page.waitForFunction(() => document.querySelector('#a1-launch-months')?.getAttribute('aria-invalid') === 'true');
  assert.match(await page.locator('#a1-launch-months-error').textContent(), /must be 0: "fewshot" is the incumbent/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('editing a card changes the verdict and the break-even sentence live', async () => {
  const { context, page, problems } = await openDashboard();
  await page.evaluate(() => (window.__noReload = true));
  // Make fine-tuning's per-query price far dearer: few-shot takes over.
  await page.fill('#a3-per-query-usd-per-1m-input', '8');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=headline]')?.textContent.startsWith('Few-shot gpt-4.1-mini'),
  );
  assert.match(await headline(page), /^Few-shot gpt-4.1-mini \(20 examples, cached\) is cheapest at 2M queries\/month/);
  // A volume the model rejects: the message appears by the field, nothing crashes.
  await page.fill('#volume', '-5');
  await page.waitForFunction(() => document.querySelector('#volume')?.getAttribute('aria-invalid') === 'true');
  assert.match(await page.locator('.volume .field-error').textContent(), /must not be negative/);
  assert.match(await headline(page), /^Fix 1 highlighted field/);
  await page.fill('#volume', '20k');
  await page.waitForFunction(() => document.querySelector('[data-testid=headline]')?.textContent.includes('20k queries/month'));
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page reloaded');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a range on a field gives the probability that each approach is cheapest', async () => {
  const { context, page, problems } = await openDashboard();
  // Start from a scenario without ranges: remove fine-tuning's.
  await page.fill('#a3-training-runs', '8');
  await page.fill('#a3-training-usd-per-run', '300');
  await page.fill('#a3-effort-setup-hours', '240');
  await page.waitForFunction(() => !document.querySelector('[data-testid=p-cheapest]'));
  // few-shot (the cheapest at the point values) may cost up to $100k more to build
  await page.fill('#a1-setup-usd', '0 (0 to 100000)');
  await page.waitForSelector('[data-testid=p-cheapest]');
  const text = await page.getByTestId('p-cheapest').textContent();
  assert.match(text, /10000 samples/);
  const percents = [...text.matchAll(/(\d+)%/g)].map((m) => Number(m[1]));
  assert.equal(percents.length, 4);
  const sum = percents.reduce((a, b) => a + b, 0);
  assert.ok(sum >= 98 && sum <= 102, `probabilities sum to ${sum}`);
  assert.ok(percents[3] > 0 && percents[3] < 100, 'fine-tuning is neither certain nor impossible');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keystrokes redraw the cost charts in the system theme; the Monte Carlo follows a pause', async () => {
  const { context, page, problems } = await openDashboard();
  const svgOf = (testid, theme) =>
    page.evaluate(([t, th]) => document.querySelector(`[data-testid=${t}] .chart-svg.${th}`).innerHTML, [testid, theme]);
  const probabilities = await page.getByTestId('p-cheapest').textContent();
  const band = await svgOf('chart-uncertainty', 'light');
  // Every class the probabilities block takes, from before the keystroke on.
  await page.evaluate(() => {
    window.probabilityClasses = [];
    new MutationObserver(() => {
      const block = document.querySelector('[data-testid=p-cheapest]');
      if (block) window.probabilityClasses.push(block.className);
    }).observe(document.querySelector('[data-testid=answer]'), { childList: true, subtree: true });
  });
  // A range on few-shot's setup cost (cheapest at the point values) moves the probabilities.
  await page.fill('#a1-setup-usd', '0 (0 to 100000)');
  await page.waitForFunction((before) => document.querySelector('[data-testid=p-cheapest]').textContent !== before, probabilities);
  // drawn again in the light theme only (the system's here)
  assert.match(await svgOf('chart-amortization', 'light'), /^<svg/);
  assert.equal(await svgOf('chart-amortization', 'dark'), '');
  // until the Monte Carlo of the keystroke arrived, the old figures said they were being updated
  const classes = await page.evaluate(() => window.probabilityClasses);
  assert.ok(classes.includes('probabilities updating'), `classes seen: ${classes}`);
  assert.equal(await page.getByTestId('p-cheapest').getAttribute('class'), 'probabilities');
  const updatingNote = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid=p-cheapest] h3'), '::after').content);
  assert.equal(updatingNote, 'none', 'no "updating" note once settled');
  assert.notEqual(await svgOf('chart-uncertainty', 'light'), band, 'the uncertainty chart was redrawn');
  assert.match(await page.getByTestId('p-cheapest').textContent(), /10000 samples/);
  // The system switches to dark: the dark drawings replace the light ones.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-amortization] .chart-svg.dark').innerHTML.startsWith('<svg'));
  assert.equal(await svgOf('chart-amortization', 'light'), '');
  assert.match(await svgOf('chart-uncertainty', 'dark'), /^<svg/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: add an approach and edit it', async () => {
  const { context, page, problems } = await openDashboard();
  await page.focus('#new-kind');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.dataset.testid);
  assert.equal(focused, 'add-approach');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=approach-card]').length === 5);
  await page.focus('#a4-setup-usd');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('999999');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid=card-summary]')][4]?.textContent.includes('$1,033,619 one-time'),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing keeps focus and caret; a structural edit redraws only the cards it changed', async () => {
  const { context, page, problems } = await openDashboard();
  // Keystrokes: the box keeps its focus and caret (the form is not redrawn).
  await page.focus('#a1-setup-usd');
  await page.keyboard.press('End');
  await page.keyboard.type('5');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('0');
  const typed = await page.evaluate(() => {
    const box = document.activeElement;
    return { id: box.id, caret: box.selectionStart, value: box.value };
  });
  assert.equal(typed.id, 'a1-setup-usd');
  assert.match(typed.value, /05$/);
  assert.equal(typed.caret, typed.value.length - 1);
  // Mark every card's element, then switch a section on in the third card.
  const marks = () =>
    page.evaluate(() => [...document.querySelectorAll('[data-testid=approach-card]')].map((card) => card.__mark ?? null));
  await page.evaluate(() => document.querySelectorAll('[data-testid=approach-card]').forEach((card, i) => (card.__mark = i)));
  await page.check('#a2-section-self-hosted');
  await page.waitForSelector('#a2-self-hosted-usd-per-gpu-hour');
  assert.deepEqual(await marks(), [0, 1, null, 3], 'only the third card is drawn again');
  assert.equal(await page.inputValue('#a1-setup-usd'), typed.value, 'what was typed stays');
  // Removing the second card redraws the cards that moved up, not the first.
  await page.evaluate(() => document.querySelectorAll('[data-testid=approach-card]').forEach((card, i) => (card.__mark = i)));
  await page.locator('[data-testid=approach-card]').nth(1).getByRole('button', { name: 'Remove' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=approach-card]').length === 3);
  assert.deepEqual(await marks(), [0, null, null]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone and desktop layouts', async () => {
  for (const width of [375, 1440]) {
    const { context, page, problems } = await openDashboard(width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}px`);
    await page.screenshot({ path: join(screenshotDir, `dashboard-${width}-full.png`), fullPage: true });
    // the header's engineer hour and "what you run today", and the breakdown
    // chart, fit the width
    for (const selector of ['#engineer-hour', '#incumbent', '[data-testid=chart-breakdown] svg']) {
      const box = await page.locator(selector).first().boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width + 0.5, `${selector} at ${width}px: ${JSON.stringify(box)}`);
    }
    await page.getByTestId('chart-breakdown').screenshot({ path: join(screenshotDir, `breakdown-${width}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});
