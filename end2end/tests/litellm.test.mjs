// The LiteLLM price file converter the page loads when a file is picked
// (public/litellm.js), on its own: which entries become models, at what
// prices, and which files are refused. What the page then checks (negative
// prices, duplicates, an empty result) is the Rust catalog's `check`, covered
// with the import itself in decide.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCatalog, fromLiteLLM } from '../../public/litellm.js';

// The shape of LiteLLM's file, entries copied in its own style.
const SAMPLE = {
  sample_spec: {
    max_tokens: 'LEGACY parameter. set to max_output_tokens if provider specifies it.',
    input_cost_per_token: 0.0,
    output_cost_per_token: 0.0,
    litellm_provider: 'one of https://docs.litellm.ai/docs/providers',
    mode: 'one of: chat, embedding, completion, image_generation, audio_transcription',
  },
  'gpt-4.1-mini': {
    max_tokens: 32768, max_input_tokens: 1047576,
    input_cost_per_token: 4e-7, output_cost_per_token: 1.6e-6, cache_read_input_token_cost: 1e-7,
    input_cost_per_token_batches: 2e-7, output_cost_per_token_batches: 8e-7,
    litellm_provider: 'openai', mode: 'chat', supports_vision: true,
  },
  'ft:gpt-4o-mini-2024-07-18': {
    input_cost_per_token: 3e-7, output_cost_per_token: 1.2e-6, cache_read_input_token_cost: 1.5e-7,
    litellm_provider: 'openai', mode: 'chat',
  },
  'text-embedding-3-small': { input_cost_per_token: 2e-8, output_cost_per_token: 0.0, litellm_provider: 'openai', mode: 'embedding' },
  'claude-haiku-4-5': {
    input_cost_per_token: 1e-6, output_cost_per_token: 5e-6, cache_read_input_token_cost: 1e-7,
    cache_creation_input_token_cost: 1.25e-6, input_cost_per_token_batches: 5e-7, output_cost_per_token_batches: 2.5e-6,
    deprecation_date: '2026-10-01', litellm_provider: 'anthropic', mode: 'chat',
  },
  'dall-e-3': { litellm_provider: 'openai', mode: 'image_generation', input_cost_per_pixel: 1e-8 },
  'whisper-1': { mode: 'audio_transcription', input_cost_per_second: 0.0001, output_cost_per_second: 0.0001 },
};

test('token-priced models are imported per 1M tokens, sorted by id, with provider, cache and batch prices', () => {
  const catalog = fromLiteLLM(JSON.stringify(SAMPLE), 'prices.json', '2026-11-29');
  assert.equal(catalog.as_of, '2026-11-29');
  assert.equal(catalog.name, 'LiteLLM price file prices.json');
  assert.equal(catalog.version, 'imported prices.json');
  assert.deepEqual(catalog.models.map((m) => m.id), ['claude-haiku-4-5', 'ft:gpt-4o-mini-2024-07-18', 'gpt-4.1-mini', 'text-embedding-3-small']);
  const mini = catalog.models[2];
  assert.deepEqual(mini, {
    id: 'gpt-4.1-mini', label: 'gpt-4.1-mini', provider: 'OpenAI', use: 'chat',
    usd_per_1m_input: 0.4, usd_per_1m_cached_input: 0.1, usd_per_1m_output: 1.6,
    usd_per_1m_batch_input: 0.2, usd_per_1m_batch_output: 0.8,
    source: 'LiteLLM price file prices.json', as_of: '2026-11-29',
  });
  const haiku = catalog.models[0];
  assert.equal(haiku.provider, 'Anthropic');
  assert.equal(haiku.usd_per_1m_cache_write, 1.25);
  assert.equal(haiku.retires, '2026-10-01');
  assert.equal(catalog.models[1].use, 'fine_tuned');
  assert.equal(catalog.models[1].usd_per_1m_training, undefined);
  assert.equal(catalog.models[3].use, 'embedding');
});

test('files that are not LiteLLM price files are refused with a reason', () => {
  assert.throws(() => fromLiteLLM('{"m": ', 'x.json', '2026-11-29'), /not a price file/);
  for (const other of ['[]', '[1, 2]', '{"sample_spec": {}}', '{"m": {"price": 1}}', '{"m": {"input_cost_per_token": 1e-6}}']) {
    assert.throws(() => fromLiteLLM(other, 'x.json', '2026-11-29'), /not a LiteLLM price file: no entry names a litellm_provider/, other);
  }
});

test('odd values count as absent and other fields are skipped', () => {
  const text = JSON.stringify({
    'listed-oddly': 'not an object',
    'string-price': { input_cost_per_token: '0.1', output_cost_per_token: 1e-6, litellm_provider: 'openai' },
    nested: {
      input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, litellm_provider: 'some_host', deprecation_date: 'soon',
      supported_regions: ['us', { deep: [1, 2, null] }], mode: null, supports_vision: true,
    },
    'integer-price': { input_cost_per_token: 0, output_cost_per_token: 0 },
  });
  const catalog = fromLiteLLM(text, 'f.json', '2026-12-01');
  assert.deepEqual(catalog.models.map((m) => m.id), ['integer-price', 'nested']);
  const nested = catalog.models[1];
  assert.deepEqual([nested.usd_per_1m_input, nested.usd_per_1m_output, nested.use], [1, 2, 'chat']);
  // an unknown provider keeps LiteLLM's name; a date that is not one is dropped
  assert.equal(nested.provider, 'some_host');
  assert.equal(nested.retires, undefined);
  assert.equal(catalog.models[0].provider, '');
});

test('a catalog that breaks a rule is refused naming the model', () => {
  const file = (entries) => JSON.stringify(Object.fromEntries(entries.map(([id, input]) => [id, { input_cost_per_token: input, output_cost_per_token: 1e-6, litellm_provider: 'openai', mode: 'chat' }])));
  assert.throws(() => fromLiteLLM(file([['m', -1e-6]]), 'x.json', '2026-12-02'), /^Error: m: has a price that is negative, not a number, or above \$1M per 1M tokens$/);
  assert.throws(() => fromLiteLLM(file([['big', 2]]), 'x.json', '2026-12-02'), /^Error: big: has a price/);
  assert.throws(() => checkCatalog({ models: [] }), /lists no model with token prices/);
  const model = { id: 'a', usd_per_1m_input: 1, usd_per_1m_output: 1 };
  assert.throws(() => checkCatalog({ models: [model, model] }), /^Error: a: is listed twice$/);
  assert.throws(() => checkCatalog({ models: [{ ...model, usd_per_1m_batch_output: Number.NaN }] }), /a: has a price/);
  assert.throws(() => checkCatalog({ models: Array.from({ length: 10_001 }, (_, i) => ({ ...model, id: `m${i}` })) }), /more than 10000 models/);
  assert.equal(fromLiteLLM(file([['ok', 1e-6]]), 'x.json', '2026-12-02').models.length, 1);
});
