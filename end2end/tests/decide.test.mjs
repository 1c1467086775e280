// Deciding: the "Should we fine-tune?" checklist and its verdict (saved with
// the scenario), model pickers filled from the price catalog, a LiteLLM
// catalog import, token-priced training runs, "share without saving" links,
// and the side-by-side compare page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, watchConsole, waitForHydration, screenshotDir } from './support/harness.mjs';

const env = serverAndBrowser();

async function open(path = '/', width = 1440, context) {
  context ??= await env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(env.server.url + path);
  await waitForHydration(page);
  return { context, page, problems };
}

const text = (page, testid) => page.getByTestId(testid).first().textContent();
const waitText = (page, testid, pattern) =>
  page.waitForFunction(
    ([id, source]) => new RegExp(source).test(document.querySelector(`[data-testid=${id}]`)?.textContent ?? ''),
    [testid, pattern.source],
  );

test('the checklist verdict combines readiness with the numbers and is saved', async () => {
  const { context, page, problems } = await open();
  // Server-rendered first paint already carries the verdict.
  const firstPaint = await (await fetch(env.server.url + '/')).text();
  assert.match(firstPaint, /Not ready: retrieval recall unmeasured\./);
  assert.equal(await text(page, 'verdict-headline'), 'Not ready: retrieval recall unmeasured.');

  await page.fill('#ready-recall', '0.55');
  await waitText(page, 'verdict-headline', /retrieval recall is 55%, below 70%: fix retrieval first/);
  assert.equal(await page.getByTestId('verdict').getAttribute('data-status'), 'not-ready');

  // ready, but with 240 engineer hours to build it pays off above 3.51M only
  await page.fill('#ready-recall', '0.85');
  await waitText(page, 'verdict-headline', /^Ready, but it does not pay off yet\. Fine-tuning becomes cheapest above 3\.51M queries\/month; you are at 2M\.$/);
  assert.equal(await page.getByTestId('verdict').getAttribute('data-status'), 'not-worth-it');

  await page.fill('#volume', '5M');
  await waitText(page, 'verdict-headline', /^Fine-tuning is cheapest above 3\.51M queries\/month and you are at 5M\.$/);
  assert.equal(await page.getByTestId('verdict').getAttribute('data-status'), 'fine-tune');

  await page.fill('#volume', '100k');
  await waitText(page, 'verdict-headline', /^Ready, but it does not pay off yet\. Fine-tuning becomes cheapest above 3\.51M queries\/month; you are at 100k\.$/);

  await page.check('#ready-latency');
  await waitText(page, 'verdict-headline', /^Fine-tune for a latency need the API cannot meet, though it costs more\./);

  // Saved with the scenario: the saved page (server-rendered) shows the same.
  await page.getByTestId('save').click();
  await page.waitForURL(/\/s\/[A-Za-z0-9_-]{22}$/);
  const id = page.url().split('/s/')[1];
  const saved = await (await fetch(`${env.server.url}/api/v1/scenarios/${id}`)).json();
  assert.equal(saved.scenario.readiness.retrieval_recall, 0.85);
  assert.equal(saved.scenario.readiness.latency_need, true);
  const html = await (await fetch(`${env.server.url}/s/${id}`)).text();
  assert.match(html, /Fine-tune for a latency need the API cannot meet/);
  await page.getByTestId('verdict-headline').waitFor();
  assert.equal(await page.isChecked('#ready-latency'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Opens card `index`'s model picker, searches `query` and picks `model`. */
async function pick(page, index, query, model) {
  const picker = page.locator(`#a${index}-model`);
  if (!(await picker.evaluate((d) => d.open))) await picker.locator('summary').click();
  await picker.locator('input[type=search]').fill(query);
  await picker.locator(`button[data-model="${model}"]`).click();
}
const fieldIs = (page, selector, value) =>
  page.waitForFunction(([s, v]) => document.querySelector(s)?.value === v, [selector, value]);

test('the catalog is fetched when a picker opens: searchable, grouped by provider, and picking fills the card', async () => {
  const { context, page, problems } = await open();
  // The catalog's name and date are on the page before it is fetched.
  assert.equal(await text(page, 'catalog-name'), 'LiteLLM 1.110.2 prices');
  assert.equal(await text(page, 'catalog-date'), '2026-11-20');
  assert.equal(await page.getByTestId('catalog-stale').isHidden(), true);
  const fetched = [];
  page.on('request', (request) => request.url().endsWith('/api/v1/catalog') && fetched.push(request.url()));

  // By keyboard: open the first card's picker, search, pick.
  await page.locator('#a0-model summary').focus();
  await page.keyboard.press('Enter');
  // the search box takes the focus once the list is drawn
  await page.waitForFunction(() => document.activeElement?.matches('#a0-model input[type=search]'));
  await page.keyboard.type('sonnet 4-6');
  await page.locator('#a0-model button[data-model="claude-sonnet-4-6"]').waitFor();
  const groups = await page.locator('#a0-model .provider').allTextContents();
  assert.deepEqual(groups, ['Anthropic']);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await fieldIs(page, '#a0-per-query-usd-per-1m-input', '3');
  assert.equal(await page.inputValue('#a0-per-query-usd-per-1m-output'), '15');
  assert.equal(await page.inputValue('#a0-per-query-usd-per-1m-cached-input'), '0.3');
  // LiteLLM's batch price for it is half price
  assert.equal(await page.inputValue('#a0-per-query-batch-discount'), '0.5');
  assert.equal(fetched.length, 1, 'the catalog is fetched once, when a picker first opens');

  // Every provider is there, with prices per 1M tokens and "fine-tunable".
  await page.locator('#a1-model summary').click();
  await page.locator('#a1-model .provider').first().waitFor();
  const providers = await page.locator('#a1-model .provider').allTextContents();
  for (const provider of ['OpenAI', 'Anthropic', 'Google', 'Mistral', 'Together', 'Fireworks']) {
    assert.ok(providers.includes(provider), `${provider} in ${providers}`);
  }
  assert.ok((await page.locator('#a1-model button.model-option').count()) >= 40);
  assert.match(
    await page.locator('#a1-model button[data-model="gpt-4.1-mini"] .model-prices').textContent(),
    /^\$0\.400 in · \$1\.60 out · batch −50% · fine-tunable/,
  );
  await page.locator('#a1-model summary').click();

  // A fine-tuning card lists fine-tuning offerings with their training
  // price, and says who offers none.
  await page.locator('#a3-model summary').click();
  await page.locator('#a3-model input[type=search]').fill('claude');
  await page.getByTestId('no-fine-tuning').first().waitFor();
  assert.match(await text(page, 'no-fine-tuning'), /Anthropic's API offers no fine-tuning of Claude models/);
  assert.equal(await page.locator('#a3-model button.model-option').count(), 0);
  // a batch-priced model: its own discount (LiteLLM: $2.225 batch for $3.75)
  await pick(page, 3, 'gpt-4o', 'ft:gpt-4o');
  await fieldIs(page, '#a3-per-query-usd-per-1m-input', '3.75');
  assert.equal(await page.inputValue('#a3-per-query-usd-per-1m-output'), '15');
  assert.equal(await page.inputValue('#a3-per-query-batch-discount'), '0.4067');

  // A GPU preset fills the self-hosting fields, which stay editable.
  await page.check('#a3-section-self-hosted');
  await page.getByTestId('gpu-preset-picker').locator('summary').click();
  await page.locator('button[data-preset="70b-h100"]').click();
  await fieldIs(page, '#a3-self-hosted-usd-per-gpu-hour', '2.99');
  assert.equal(await page.inputValue('#a3-self-hosted-tokens-per-second'), '900');
  assert.equal(await page.inputValue('#a3-self-hosted-utilization'), '0.6');
  assert.equal(await page.inputValue('#a3-self-hosted-min-gpus'), '2');
  await page.fill('#a3-self-hosted-usd-per-gpu-hour', '2.5');
  assert.equal(await page.inputValue('#a3-self-hosted-usd-per-gpu-hour'), '2.5');

  // Saved, the scenario records the catalog its prices came from.
  await page.getByTestId('save').click();
  await page.waitForURL(/\/s\/[A-Za-z0-9_-]{22}$/);
  const id = page.url().split('/s/')[1];
  const saved = await (await fetch(`${env.server.url}/api/v1/scenarios/${id}`)).json();
  assert.equal(saved.scenario.prices_from, 'litellm 1.110.2, as of 2026-11-20');
  assert.equal(await page.getByTestId('prices-from').isHidden(), true, 'today\'s catalog: nothing to say');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a scenario priced from another catalog says so, and old prices are flagged', async () => {
  // A scenario saved when another catalog was current.
  const scenario = JSON.parse(readFileSync(join(import.meta.dirname, '../../app/src/model/examples/support_ticket_triage.json'), 'utf8'));
  scenario.prices_from = 'litellm 1.74.0, as of 2025-07-01';
  const created = await (await fetch(`${env.server.url}/api/v1/scenarios`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(scenario),
  })).json();
  const html = await (await fetch(`${env.server.url}/s/${created.id}`)).text();
  assert.match(html, /This scenario's prices were filled from litellm 1\.74\.0, as of 2025-07-01, not from the prices shown here\./);
  // Seen 300 days after the catalog's date, the page warns and points to the import.
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2027-09-16T12:00:00Z'));
  await page.goto(`${env.server.url}/s/${created.id}`);
  await waitForHydration(page);
  await page.getByTestId('catalog-stale').waitFor({ state: 'visible' });
  assert.match(await text(page, 'catalog-stale'), /over 180 days old and may have moved: import a newer LiteLLM price file/);
  assert.match(await text(page, 'catalog'), /\(300 days old\)/);
  await context.close();
});

test('the model picker at phone and desktop widths', async () => {
  for (const width of [375, 1440]) {
    const { context, page, problems } = await open('/', width);
    await page.locator('#a0-model summary').click();
    await page.locator('#a0-model input[type=search]').fill('llama');
    await page.locator('#a0-model button.model-option').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen at ${width}px`);
    const box = await page.locator('#a0-model .model-list').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width, `the list fits at ${width}px`);
    await page.locator('#a0-model').screenshot({ path: join(screenshotDir, `model-picker-${width}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a LiteLLM price file replaces the catalog, survives a reload and can be undone', async () => {
  const { context, page, problems } = await open();
  const litellm = {
    sample_spec: { input_cost_per_token: 0.0, output_cost_per_token: 0.0, mode: 'one of: chat, embedding' },
    'gpt-5-mini': { input_cost_per_token: 2.5e-7, output_cost_per_token: 2e-6, cache_read_input_token_cost: 2.5e-8, input_cost_per_token_batches: 1.25e-7, litellm_provider: 'openai', mode: 'chat' },
    'ft:gpt-4.1-mini-2025-04-14': { input_cost_per_token: 8e-7, output_cost_per_token: 3.2e-6, litellm_provider: 'openai', mode: 'chat' },
    'dall-e-3': { mode: 'image_generation', input_cost_per_pixel: 1e-8 },
  };
  await page.getByTestId('catalog-file').setInputFiles({
    name: 'model_prices_and_context_window.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(litellm)),
  });
  await waitText(page, 'catalog-status', /Imported 2 models/);
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(await text(page, 'catalog-date'), today);
  assert.match(await text(page, 'catalog-name'), /LiteLLM price file model_prices_and_context_window\.json/);
  await pick(page, 0, 'gpt-5', 'gpt-5-mini');
  await fieldIs(page, '#a0-per-query-usd-per-1m-input', '0.25');
  assert.equal(await page.inputValue('#a0-per-query-usd-per-1m-cached-input'), '0.025');
  assert.equal(await page.inputValue('#a0-per-query-batch-discount'), '0.5');

  await page.reload();
  await waitForHydration(page);
  await waitText(page, 'catalog-name', /LiteLLM price file/);
  // The example still names gpt-4.1, which the imported file lacks.
  await page.locator('#a1-model summary').click();
  await page.getByTestId('model-missing').waitFor();
  assert.match(await text(page, 'model-missing'), /^gpt-4\.1-mini is not in this catalog/);

  // Not LiteLLM's file; LiteLLM's shape with an impossible price.
  await page.getByTestId('catalog-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"m": {"price": 1}}') });
  await waitText(page, 'catalog-status', /Not imported: not a LiteLLM price file/);
  await page.getByTestId('catalog-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"m": {"input_cost_per_token": -1, "output_cost_per_token": 1, "litellm_provider": "openai"}}') });
  await waitText(page, 'catalog-status', /Not imported: m: has a price that is negative/);
  await page.getByRole('button', { name: 'Use built-in prices' }).click();
  await waitText(page, 'catalog-date', /2026-11-20/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('share without saving: the link carries the scenario, and the old draft can come back', async () => {
  const { context, page, problems } = await open();
  await page.fill('#scenario-name', 'Unsaved what-if');
  await page.fill('#growth', '7');
  await page.getByTestId('share-unsaved').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#scenario=[A-Za-z0-9_-]+$/);

  // A colleague with an empty browser opens it.
  const colleague = await open('/', 1440);
  await colleague.page.goto(link);
  await waitForHydration(colleague.page);
  await colleague.page.waitForFunction(() => document.querySelector('#scenario-name')?.value === 'Unsaved what-if');
  assert.equal(await colleague.page.inputValue('#growth'), '7');
  assert.match(await text(colleague.page, 'home-status'), /not saved/);
  assert.equal(new URL(colleague.page.url()).hash, '', 'the fragment is cleared after loading');
  await colleague.context.close();

  // In a browser with its own draft, the draft is one click away.
  const own = await open('/', 1440);
  await own.page.fill('#scenario-name', 'My own draft');
  await own.page.goto(link);
  await waitForHydration(own.page);
  await own.page.waitForFunction(() => document.querySelector('#scenario-name')?.value === 'Unsaved what-if');
  await own.page.getByTestId('restore-draft').click();
  await own.page.waitForFunction(() => document.querySelector('#scenario-name')?.value === 'My own draft');

  // A damaged link says so and keeps the draft.
  await own.page.goto(env.server.url + '/#scenario=not-a-scenario');
  await waitForHydration(own.page);
  await waitText(own.page, 'home-status', /This share link could not be opened/);
  assert.equal(await own.page.inputValue('#scenario-name'), 'My own draft');
  assert.deepEqual([...problems, ...own.problems], []);
  await own.context.close();
  await context.close();
});

test('compare: two scenarios and two revisions side by side', async () => {
  const post = async (scenario) =>
    (await fetch(`${env.server.url}/api/v1/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(scenario) })).json();
  // the shipped example, as the first page shows it
  const base = JSON.parse(readFileSync(new URL('../../app/src/model/examples/support_ticket_triage.json', import.meta.url), 'utf8'));
  const a = await post({ ...base, name: 'Triage at 2M' });
  const b = await post({ ...base, name: 'Triage at 50k', volume: { ...base.volume, queries_per_month: 50000 } });
  // a second revision of A
  const put = await fetch(`${env.server.url}/api/v1/scenarios/${a.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${a.edit_key}`, 'if-match': '"1"' },
    body: JSON.stringify({ ...base, name: 'Triage at 2M', volume: { ...base.volume, queries_per_month: 20000 } }),
  });
  assert.equal(put.status, 200);

  for (const width of [375, 1440]) {
    const { context, page, problems } = await open(`/compare?a=${a.id}&ra=1&b=${env.server.url}/s/${b.id}`, width);
    // rendered by the server alone: the page loads no wasm at all
    assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm'))), false);
    const left = page.getByTestId('compare-a');
    const right = page.getByTestId('compare-b');
    assert.match(await left.locator('h2').textContent(), /Triage at 2M · revision 1/);
    assert.match(await left.getByTestId('headline').textContent(), /Few-shot gpt-4.1-mini \(20 examples, cached\) is cheapest at 2M queries\/month/);
    assert.match(await right.locator('h2').textContent(), /Triage at 50k · revision 1/);
    assert.match(await right.getByTestId('headline').textContent(), /at 50k queries\/month/);
    assert.equal(await page.getByTestId('compare-chart').count(), 2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}px`);
    await page.screenshot({ path: join(screenshotDir, `compare-${width}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  }

  // Two revisions of one scenario, picked with the form (works before wasm too).
  const { context, page, problems } = await open('/compare');
  await page.fill('#compare-a', a.id);
  await page.fill('#compare-ra', '1');
  await page.fill('#compare-b', a.id);
  await page.getByTestId('compare-submit').click();
  await page.waitForURL(/\/compare\?a=/);
  await page.getByTestId('compare-chart').nth(1).waitFor();
  assert.match(await page.getByTestId('compare-b').locator('h2').textContent(), /revision 2/);
  assert.match(await page.getByTestId('compare-b').getByTestId('headline').textContent(), /at 20k queries\/month/);

  // It leads with what changed: the one input, the new winner, signed moves.
  const inputs = page.getByTestId('compare-inputs');
  assert.equal(await inputs.locator('tbody tr').count(), 1);
  assert.deepEqual(
    await inputs.locator('tbody tr').first().locator('th, td').allTextContents(),
    ['volume.queries_per_month', '2000000', '20000'],
  );
  assert.equal(
    await page.getByTestId('compare-winner').textContent(),
    'Few-shot gpt-4.1-mini (20 examples, cached) is the cheapest in both.',
  );
  const row = (what) => page.getByTestId('compare-answer').locator('tr', { hasText: what }).first().locator('td').allTextContents();
  const [totalA, totalB, totalChange] = await row('Total over 24 months: Fine-tuned gpt-4.1-mini');
  assert.match(totalChange, /^-\$\d/, `${totalA} -> ${totalB}: ${totalChange}`);
  const [, , breakEvenChange] = await row('Break-even: Fine-tuned gpt-4.1-mini vs Prompted gpt-4.1');
  assert.equal(breakEvenChange, 'no change');
  // one chart: A's curves dashed over B's
  assert.match(await page.getByTestId('compare-overlay').locator('.chart-svg.light').innerHTML(), /A \(dashed\): Fine-tuned gpt-4.1-mini/);
  // the changes come first, before the two answers
  assert.ok(await page.evaluate(() =>
    document.querySelector('[data-testid=compare-changes]').compareDocumentPosition(document.querySelector('[data-testid=compare-a]')) & Node.DOCUMENT_POSITION_FOLLOWING));

  // A saved page links each revision to the one before it.
  await page.goto(`${env.server.url}/s/${a.id}`);
  await waitForHydration(page);
  await page.locator('details.revisions summary').click();
  await page.getByRole('link', { name: 'Compare with the previous revision' }).click();
  await page.waitForURL(new RegExp(`/compare\\?a=${a.id}&ra=1&b=${a.id}&rb=2$`));
  assert.equal(await page.getByTestId('compare-inputs').locator('tbody tr').count(), 1);

  // A wrong id says so.
  await page.goto(`${env.server.url}/compare?a=nope&b=${a.id}`);
  await waitForHydration(page);
  assert.match(await page.getByTestId('compare-a').textContent(), /No such scenario or revision/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the example gallery: six situations with their answers, each opens as an unsaved scenario', async () => {
  const { context, page, problems } = await open('/');
  await Promise.all([page.waitForURL('**/examples'), page.getByTestId('examples').click()]);
  await waitForHydration(page);
  const cards = await page.$$eval('.example', (items) =>
    items.map((item) => [item.dataset.testid, item.querySelector('.example-answer').textContent]),
  );
  assert.deepEqual(
    cards.map(([id]) => id),
    ['support-ticket-triage', 'high-volume-routing', 'voice-agent', 'strict-format-extraction', 'internal-tool', 'knowledge-assistant'].map((s) => `example-${s}`),
  );
  // the answers are the model's (the same sentence the first page leads with)
  const answer = Object.fromEntries(cards);
  assert.match(answer['example-high-volume-routing'], /^Fine-tuned gpt-4.1-nano is cheapest at 40M queries\/month/);
  assert.match(answer['example-strict-format-extraction'], /^Fine-tuned gpt-4.1-mini is cheapest/);
  assert.match(answer['example-internal-tool'], /^Prompted gpt-4.1-mini is cheapest at 5,000 queries\/month/);
  assert.match(answer['example-knowledge-assistant'], /^RAG on gpt-4.1-mini is cheapest/);
  for (const width of [375, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(screenshotDir, `examples-${width}.png`), fullPage: true });
  }
  // opening one: the first page, with that scenario, unsaved
  await page.getByTestId('example-knowledge-assistant').getByRole('link', { name: 'Open this example' }).click();
  await waitForHydration(page);
  await page.waitForFunction(() => document.querySelector('#scenario-name')?.value === 'Knowledge assistant over changing product docs');
  await waitText(page, 'key-figures', /^CheapestRAG on gpt-4.1-mini/);
  assert.match(await text(page, 'home-status'), /not saved until you save it/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('what to measure next: from the answer to a ranked page of the inputs worth knowing, and back', async () => {
  const { context, page, problems } = await open('/');
  // unsure what few-shot (cheapest at the point values) costs to build
  await page.fill('#a1-setup-usd', '0 (0 to 100000)');
  await page.waitForFunction(() => document.querySelector('[data-testid=p-cheapest]:not(.updating) [data-testid=measure-next]'));
  await Promise.all([page.waitForURL('**/measure?scenario=*'), page.getByTestId('measure-next').click()]);
  await waitText(page, 'measure-first', /^Measure One-time setup besides engineer hours of Few-shot gpt-4.1-mini \(20 examples, cached\) first: knowing it could save up to \$[\d,.]+k?; knowing everything, \$[\d,.]+k?\.$/);
  const rows = await page.$$eval('[data-testid=measure-table] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, 4, 'one row per ranged input');
  assert.deepEqual(rows[0].slice(0, 4), ['1', 'One-time setup besides engineer hours', 'Few-shot gpt-4.1-mini (20 examples, cached)', '0 to 100k']);
  assert.ok(rows.some((r) => r[4] === "won't change the decision"), 'an input that cannot change the choice says so');
  assert.equal(await page.locator('[data-testid=measure-chart] .chart-svg.light svg').count(), 1);
  for (const width of [375, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(screenshotDir, `measure-${width}.png`), fullPage: true });
  }
  // back to the scenario, range and all
  await page.getByRole('link', { name: 'Back to the scenario' }).click();
  await waitForHydration(page);
  await page.waitForFunction(() => /100/.test(document.querySelector('#a1-setup-usd')?.value ?? ''));
  assert.deepEqual(problems, []);
  await context.close();
});
