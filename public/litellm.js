// Converts LiteLLM's price file (`model_prices_and_context_window.json`) into
// Breakeven's catalog format. The page loads this module only when a file is
// picked (a dynamic import from the wasm), so it is not part of the first
// download; the wasm then validates the result as any catalog
// (`Catalog::parse`: prices finite and non-negative, ids unique, at least one
// model, at most 10,000). Tested in end2end/tests/litellm.test.mjs.
//
// The file is an object keyed by model name whose entries give per-token
// costs (`input_cost_per_token`, `output_cost_per_token`,
// `cache_read_input_token_cost`) and a `mode`. Entries without token prices
// (images, audio, the `sample_spec` template) are skipped; fine-tuned models
// are the ones LiteLLM names `ft:...`. LiteLLM has no training prices, so
// imported models carry none.

/** A per-token cost as USD per 1M tokens, rounded to 1e-6 so that 4e-07
 * reads as 0.4 rather than 0.39999999999999997. */
function per1m(entry, key) {
  const value = entry[key];
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e12) / 1e6 : undefined;
}

function modelUse(id, entry) {
  const mode = typeof entry.mode === 'string' ? entry.mode : 'chat';
  if (mode === 'embedding') return 'embedding';
  if (['chat', 'completion', 'responses'].includes(mode)) return id.startsWith('ft:') ? 'fine_tuned' : 'chat';
  return undefined;
}

/** The catalog in `text` (a LiteLLM price file) as Breakeven's catalog JSON
 * object; throws an Error whose message says why a file is refused. */
export function fromLiteLLM(text, fileName, importedOn) {
  let root;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new Error(`not a price file: ${error.message}`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new Error('not a price file: expected an object of models');
  }
  const source = `LiteLLM price file ${fileName}`;
  const models = [];
  // sorted by id, as the catalog lists them
  for (const id of Object.keys(root).sort()) {
    const entry = root[id];
    if (id === 'sample_spec' || entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const use = modelUse(id, entry);
    const input = per1m(entry, 'input_cost_per_token');
    if (use === undefined || input === undefined) continue;
    const output = per1m(entry, 'output_cost_per_token');
    if (output === undefined && use !== 'embedding') continue;
    const model = { id, label: id, use, usd_per_1m_input: input };
    const cached = per1m(entry, 'cache_read_input_token_cost');
    if (cached !== undefined) model.usd_per_1m_cached_input = cached;
    model.usd_per_1m_output = output ?? 0;
    model.source = source;
    model.as_of = importedOn;
    models.push(model);
  }
  return { name: source, as_of: importedOn, models };
}
