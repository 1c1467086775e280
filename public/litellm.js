// Reads LiteLLM's price file (`model_prices_and_context_window.json`) into
// Breakeven's catalog format. One converter for two uses: the page loads this
// module only when a team imports a file (a dynamic import from the wasm, so
// it is not part of the first download), and `make prices`
// (scripts/prices.mjs) builds the built-in catalog with it from the pinned
// LiteLLM release. Both check what they get with `checkCatalog`.
// Tested in end2end/tests/litellm.test.mjs and prices.test.mjs.
//
// The file is an object keyed by model name whose entries give per-token
// costs (`input_cost_per_token`, `output_cost_per_token`,
// `cache_read_input_token_cost`, `cache_creation_input_token_cost`, and the
// batch API's `*_batches`), a `mode` and a `litellm_provider`. Entries without
// token prices (images, audio, the `sample_spec` template) are skipped;
// fine-tuned models are the ones LiteLLM names `ft:...`. LiteLLM has no
// training prices, so imported models carry none.

/** Providers' names as the picker shows them; others keep LiteLLM's name. */
export const PROVIDER_NAMES = {
  openai: 'OpenAI',
  azure: 'Azure OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google',
  'vertex_ai-language-models': 'Google',
  'vertex_ai-embedding-models': 'Google',
  mistral: 'Mistral',
  together_ai: 'Together',
  fireworks_ai: 'Fireworks',
  bedrock: 'AWS Bedrock',
  bedrock_converse: 'AWS Bedrock',
  groq: 'Groq',
  deepinfra: 'DeepInfra',
  xai: 'xAI',
};

/** A per-token cost as USD per 1M tokens, rounded to 1e-6 so that 4e-07
 * reads as 0.4 rather than 0.39999999999999997. */
export function per1m(entry, key) {
  const value = entry[key];
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e12) / 1e6 : undefined;
}

/** What an entry is priced for: `chat`, `fine_tuned`, `embedding`, or
 * undefined for anything else. */
export function modelUse(id, entry) {
  const mode = typeof entry.mode === 'string' ? entry.mode : 'chat';
  if (mode === 'embedding') return 'embedding';
  if (['chat', 'completion', 'responses'].includes(mode)) return id.startsWith('ft:') ? 'fine_tuned' : 'chat';
  return undefined;
}

/** The provider's name, as the picker shows it. */
export function providerName(entry) {
  const provider = typeof entry.litellm_provider === 'string' ? entry.litellm_provider : '';
  return PROVIDER_NAMES[provider] ?? provider;
}

/** An entry's token prices in the catalog's fields (USD per 1M tokens), or
 * undefined when it has none to price a query with. */
export function entryPrices(id, entry) {
  const use = modelUse(id, entry);
  const input = per1m(entry, 'input_cost_per_token');
  if (use === undefined || input === undefined) return undefined;
  const output = per1m(entry, 'output_cost_per_token');
  if (output === undefined && use !== 'embedding') return undefined;
  const prices = { use, usd_per_1m_input: input };
  const optional = {
    usd_per_1m_cached_input: 'cache_read_input_token_cost',
    usd_per_1m_cache_write: 'cache_creation_input_token_cost',
  };
  for (const [field, key] of Object.entries(optional)) {
    const value = per1m(entry, key);
    if (value !== undefined) prices[field] = value;
  }
  prices.usd_per_1m_output = output ?? 0;
  const batchInput = per1m(entry, 'input_cost_per_token_batches');
  const batchOutput = per1m(entry, 'output_cost_per_token_batches');
  if (batchInput !== undefined) prices.usd_per_1m_batch_input = batchInput;
  if (batchOutput !== undefined) prices.usd_per_1m_batch_output = batchOutput;
  if (typeof entry.deprecation_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(entry.deprecation_date)) {
    prices.retires = entry.deprecation_date;
  }
  return prices;
}

/** Whether `root` is LiteLLM's price file: an object whose entries name a
 * provider and price tokens per token. */
export function isLiteLLM(root) {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return false;
  return Object.values(root).some(
    (entry) =>
      entry !== null &&
      typeof entry === 'object' &&
      typeof entry.litellm_provider === 'string' &&
      typeof entry.input_cost_per_token === 'number',
  );
}

/** Most models a catalog may hold (LiteLLM's file lists about 5,000). */
export const MAX_MODELS = 10_000;

const plausible = (price) => typeof price === 'number' && Number.isFinite(price) && price >= 0 && price <= 1e6;

/** The rules every catalog keeps, the built-in one (`make prices` checks
 * it) and one imported into the page: at least one model and at most
 * MAX_MODELS, ids unique and not blank, every price a number from 0 to $1M
 * per 1M tokens. Throws an Error naming the model otherwise. */
export function checkCatalog(catalog) {
  const models = catalog?.models;
  if (!Array.isArray(models) || models.length === 0) throw new Error('the file lists no model with token prices');
  if (models.length > MAX_MODELS) throw new Error(`the file lists more than ${MAX_MODELS} models`);
  const ids = new Set();
  for (const model of models) {
    if (typeof model.id !== 'string' || model.id.trim() === '') throw new Error(`${model.id}: has an empty id`);
    if (ids.has(model.id)) throw new Error(`${model.id}: is listed twice`);
    ids.add(model.id);
    const prices = ['usd_per_1m_input', 'usd_per_1m_output'].map((f) => model[f]).concat(
      ['usd_per_1m_cached_input', 'usd_per_1m_cache_write', 'usd_per_1m_batch_input', 'usd_per_1m_batch_output', 'usd_per_1m_training']
        .map((f) => model[f])
        .filter((p) => p !== undefined),
    );
    if (!prices.every(plausible)) {
      throw new Error(`${model.id}: has a price that is negative, not a number, or above $1M per 1M tokens`);
    }
  }
  return catalog;
}

/** The catalog in `text` (a LiteLLM price file) as Breakeven's catalog JSON
 * object, checked (`checkCatalog`); throws an Error whose message says why a
 * file is refused. */
export function fromLiteLLM(text, fileName, importedOn) {
  let root;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new Error(`not a price file: ${error.message}`);
  }
  if (!isLiteLLM(root)) {
    throw new Error(
      'not a LiteLLM price file: no entry names a litellm_provider with an input_cost_per_token ' +
        '(expected model_prices_and_context_window.json from LiteLLM)',
    );
  }
  const source = `LiteLLM price file ${fileName}`;
  const models = [];
  // sorted by id, as the catalog lists them
  for (const id of Object.keys(root).sort()) {
    const entry = root[id];
    if (id === 'sample_spec' || entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const prices = entryPrices(id, entry);
    if (prices === undefined) continue;
    const { use, ...rest } = prices;
    models.push({ id, label: id, provider: providerName(entry), use, ...rest, source, as_of: importedOn });
  }
  return checkCatalog({ name: source, version: `imported ${fileName}`, as_of: importedOn, models });
}
