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

test('a model picker fills prices and a token-priced run is worked out as you type', async () => {
  const { context, page, problems } = await open();
  // The catalog and its date are on the page.
  assert.equal(await text(page, 'catalog-date'), '2025-07-01');
  const ftPicker = page.locator('#a3-model');
  assert.equal(await ftPicker.inputValue(), 'ft:gpt-4.1-mini');
  await ftPicker.selectOption('ft:gpt-4.1');
  await page.waitForFunction(() => document.querySelector('#a3-per-query-usd-per-1m-input')?.value === '3');
  assert.equal(await page.inputValue('#a3-per-query-usd-per-1m-output'), '12');
  assert.equal(await page.inputValue('#a3-per-query-usd-per-1m-cached-input'), '0.75');

  // A new fine-tuning card prices its runs by training tokens.
  await page.getByTestId('add-approach').click();
  await page.waitForSelector('#a4-training-tokens-epochs');
  assert.match(await text(page, 'usd-per-run'), /\$15\.00/); // 2,000 x 500 x 3 at $5 per 1M
  await page.fill('#a4-training-tokens-epochs', '4');
  await waitText(page, 'usd-per-run', /\$20\.00/);
  await page.fill('#a4-data-examples', '5000');
  await waitText(page, 'usd-per-run', /\$50\.00/);
  await page.locator('#a4-model').selectOption('ft:gpt-4.1-nano');
  await waitText(page, 'usd-per-run', /\$15\.00/); // 10M tokens at $1.50
  // Tokens per query by the prompt's parts.
  await page.fill('#a4-prompt-system-tokens', '600');
  await waitText(page, 'prompt-tokens', /^800 input tokens per query, 0 of them cached$/);
  await page.check('#a2-prompt-parts'); // the example's RAG card: 3,300 input tokens
  await page.waitForSelector('#a2-prompt-chunks');
  assert.equal(await page.inputValue('#a2-prompt-system-tokens'), '3300');
  await page.fill('#a2-prompt-chunks', '5');
  await page.fill('#a2-prompt-tokens-per-chunk', '300');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid=prompt-tokens]')].some((p) => p.textContent === '4,800 input tokens per query, 0 of them cached'),
  );
  // Absurd input: the model's message next to the field, no crash.
  await page.fill('#a4-training-tokens-epochs', '-1');
  await page.waitForFunction(() => document.querySelector('#a4-training-tokens-epochs')?.getAttribute('aria-invalid') === 'true');
  assert.match(await page.locator('#a4-training-tokens-epochs-error').textContent(), /must not be negative/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a LiteLLM price file replaces the catalog, survives a reload and can be undone', async () => {
  const { context, page, problems } = await open();
  const litellm = {
    sample_spec: { input_cost_per_token: 0.0, output_cost_per_token: 0.0, mode: 'one of: chat, embedding' },
    'gpt-5-mini': { input_cost_per_token: 2.5e-7, output_cost_per_token: 2e-6, cache_read_input_token_cost: 2.5e-8, litellm_provider: 'openai', mode: 'chat' },
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
  await page.locator('#a0-model').selectOption('gpt-5-mini');
  await page.waitForFunction(() => document.querySelector('#a0-per-query-usd-per-1m-input')?.value === '0.25');
  assert.equal(await page.inputValue('#a0-per-query-usd-per-1m-cached-input'), '0.025');

  await page.reload();
  await waitForHydration(page);
  await waitText(page, 'catalog-name', /LiteLLM/);
  // The example still names gpt-4.1, which the imported file lacks.
  assert.match(await page.locator('#a1-model option:checked').textContent(), /not in this catalog/);

  await page.getByTestId('catalog-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"m": {"input_cost_per_token": -1, "output_cost_per_token": 1}}') });
  await waitText(page, 'catalog-status', /Not imported: m: has a price that is negative/);
  await page.getByRole('button', { name: 'Use built-in prices' }).click();
  await waitText(page, 'catalog-date', /2025-07-01/);
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

  // A wrong id says so.
  await page.goto(`${env.server.url}/compare?a=nope&b=${a.id}`);
  await waitForHydration(page);
  assert.match(await page.getByTestId('compare-a').textContent(), /No such scenario or revision/);
  assert.deepEqual(problems, []);
  await context.close();
});
