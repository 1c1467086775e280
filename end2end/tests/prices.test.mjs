// The built-in price catalog (prices/catalog.json), as `make prices` builds
// it from the pinned LiteLLM release: no hand edit drifts in, every generated
// price is the pinned file's, every hand-kept figure has a source and a date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, pinnedPriceFile } from '../../scripts/prices.mjs';

const root = join(import.meta.dirname, '../..');
const checkedIn = JSON.parse(readFileSync(join(root, 'prices/catalog.json'), 'utf8'));

test('rebuilding from the pinned LiteLLM file gives the checked-in catalog', () => {
  const { catalog, rust } = build();
  assert.equal(readFileSync(join(root, 'prices/catalog.json'), 'utf8'), catalog, 'run `make prices`; never edit prices/catalog.json');
  assert.equal(readFileSync(join(root, 'app/src/catalog/current.rs'), 'utf8'), rust);
  const { pin } = pinnedPriceFile();
  assert.equal(checkedIn.version, `litellm ${pin.version}`);
  assert.equal(checkedIn.as_of, pin.released);
});

test('every price taken from LiteLLM equals the pinned file\'s, per 1M tokens', () => {
  const { litellm } = pinnedPriceFile();
  const fields = {
    usd_per_1m_input: 'input_cost_per_token',
    usd_per_1m_cached_input: 'cache_read_input_token_cost',
    usd_per_1m_cache_write: 'cache_creation_input_token_cost',
    usd_per_1m_output: 'output_cost_per_token',
    usd_per_1m_batch_input: 'input_cost_per_token_batches',
    usd_per_1m_batch_output: 'output_cost_per_token_batches',
  };
  let compared = 0;
  for (const model of checkedIn.models) {
    const key = model.litellm ?? (model.use === 'fine_tuned' ? undefined : model.id);
    if (key === undefined) continue; // served at its base model's prices, checked below
    const entry = litellm[key];
    assert.ok(entry, `${model.id}: ${key} is not in the pinned file`);
    for (const [field, source] of Object.entries(fields)) {
      const expected = entry[source] ?? (field === 'usd_per_1m_output' && model.use === 'embedding' ? 0 : undefined);
      if (expected === undefined) {
        assert.equal(model[field], undefined, `${model.id}.${field}`);
      } else {
        assert.ok(Math.abs(model[field] - expected * 1e6) <= 1e-9 * Math.max(1, expected * 1e6), `${model.id}.${field}: ${model[field]} vs ${expected * 1e6}`);
        compared += 1;
      }
    }
  }
  assert.ok(compared > 150, `${compared} prices compared`);
});

test('every hand-kept figure has a source and a date; LoRA offerings are served at their base model\'s prices', () => {
  const dated = (item) => /^https:\/\//.test(item.source) && /^\d{4}-\d{2}-\d{2}$/.test(item.as_of);
  const tuned = checkedIn.models.filter((m) => m.use === 'fine_tuned');
  assert.ok(tuned.length >= 10);
  for (const model of tuned) {
    assert.ok(dated(model), model.id);
    assert.ok(model.usd_per_1m_training > 0, model.id);
    const base = checkedIn.models.find((m) => m.id === model.base);
    assert.ok(base?.fine_tunable, `${model.id}: base ${model.base}`);
    if (!model.litellm) {
      assert.equal(model.usd_per_1m_input, base.usd_per_1m_input, model.id);
      assert.equal(model.usd_per_1m_output, base.usd_per_1m_output, model.id);
    }
  }
  for (const providers of ['OpenAI', 'Google', 'Mistral', 'Together', 'Fireworks']) {
    assert.ok(tuned.some((m) => m.provider === providers), `${providers} fine-tuning`);
  }
  assert.ok(!tuned.some((m) => m.provider === 'Anthropic'));
  assert.ok(checkedIn.no_fine_tuning.some((n) => n.provider === 'Anthropic' && dated(n)));
  for (const item of [...checkedIn.gpus, ...checkedIn.throughput]) assert.ok(dated(item), item.id);
  for (const size of ['8B', '70B']) assert.ok(checkedIn.throughput.some((p) => p.label.startsWith(size)), size);
  const chat = checkedIn.models.filter((m) => m.use === 'chat');
  assert.ok(chat.length >= 40, `${chat.length} chat models`);
  assert.ok(checkedIn.models.filter((m) => m.use === 'embedding').length >= 3);
});
