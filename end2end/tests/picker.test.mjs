// The pickers' lists (public/picker.js) on their own: which models a card
// lists, how search narrows them, how a row states prices, and that its
// figures agree with what the wasm fills in (`ModelPrice::batch_discount`,
// `format::money_per_query`). The page itself is tested in decide.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchDiscount, forKind, grouped, priceLine, usd } from '../../public/picker.js';

const catalog = JSON.parse(readFileSync(join(import.meta.dirname, '../../prices/catalog.json'), 'utf8'));

test('a card lists its kind of models, and search narrows by name, id or provider', () => {
  const chat = forKind(catalog, 'prompting');
  const tuned = forKind(catalog, 'fine_tuning');
  assert.ok(chat.every((m) => m.use === 'chat') && chat.length >= 40);
  assert.ok(tuned.every((m) => m.use === 'fine_tuned') && tuned.length >= 10);
  const all = grouped(chat, '');
  assert.deepEqual(all.map(([p]) => p), ['OpenAI', 'Anthropic', 'Google', 'Mistral', 'Together', 'Fireworks']);
  assert.deepEqual(grouped(chat, 'ANTHROPIC haiku').map(([p, ms]) => [p, ms.map((m) => m.id)]), [['Anthropic', ['claude-haiku-5-5', 'claude-haiku-4-5']]]);
  assert.deepEqual(grouped(chat, 'llama 70b').map(([p]) => p), ['Together', 'Fireworks']);
  assert.deepEqual(grouped(tuned, 'claude'), []);
  assert.deepEqual(grouped(chat, 'no such model'), []);
});

test('a row states prices per 1M tokens as the page writes money, and its facts', () => {
  assert.deepEqual([usd(0), usd(0.4), usd(0.025), usd(1.6), usd(30)], ['$0', '$0.400', '$0.0250', '$1.60', '$30.00']);
  const mini = catalog.models.find((m) => m.id === 'gpt-4.1-mini');
  assert.equal(priceLine(mini, false, catalog.as_of, '2026-12-02'), '$0.400 in · $1.60 out · batch −50% · fine-tunable · retires 2027-01-14');
  assert.equal(priceLine(mini, false, catalog.as_of, '2027-02-01'), '$0.400 in · $1.60 out · batch −50% · fine-tunable · retired 2027-01-14');
  const lora = catalog.models.find((m) => m.id === 'ft:llama-3.1-8b-lora');
  assert.equal(priceLine(lora, true, catalog.as_of, '2026-12-02'), '$0.180 in · $0.180 out · training $0.480 · as of 2025-07-01');
});

test('the batch discount a row shows is the one the card gets', () => {
  // ModelPrice::batch_discount: 1 - batch / input, rounded to 0.0001
  assert.equal(batchDiscount(catalog.models.find((m) => m.id === 'ft:gpt-4o')), 0.4067);
  assert.equal(batchDiscount(catalog.models.find((m) => m.id === 'gpt-4.1')), 0.5);
  assert.equal(batchDiscount(catalog.models.find((m) => m.id === 'llama-3.1-8b')), undefined);
});
