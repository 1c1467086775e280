// The model picker's and GPU presets' lists. The page loads this module when
// a picker first opens (a dynamic import from the wasm), with the price
// catalog it fetches (`GET /api/v1/catalog`, or the catalog imported into
// this browser), so neither the catalog nor the list that shows it weighs on
// the first page (the wasm's budget: docs/performance.md, "Bundle"). The
// wasm applies what is picked: it gets the entry as JSON and fills the card
// through the cost model's own types. Tested in
// end2end/tests/picker.test.mjs (the pure parts) and decide.test.mjs (the page).

let served;

/** The catalog the lists show: `imported` (Breakeven's catalog JSON, when the
 * team imported one) or the server's, fetched once. */
export function catalogFrom(imported) {
  if (imported) return Promise.resolve(JSON.parse(imported));
  served ??= fetch('/api/v1/catalog').then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.json();
  });
  served.catch(() => (served = undefined));
  return served;
}

/** A price per 1M tokens as the page writes money per query: "$0.400". */
export function usd(value) {
  if (value === 0) return '$0';
  if (Math.abs(value) >= 1) return `$${value.toFixed(2)}`;
  const digits = -Math.floor(Math.log10(Math.abs(value))) + 2;
  return `$${value.toFixed(digits)}`;
}

/** The batch API's discount on input tokens (0.5 for half price), as the
 * catalog's `ModelPrice::batch_discount` works it out. */
export function batchDiscount(model) {
  const batch = model.usd_per_1m_batch_input;
  if (batch === undefined || !(model.usd_per_1m_input > 0) || batch > model.usd_per_1m_input) return undefined;
  return Math.round((1 - batch / model.usd_per_1m_input) * 1e4) / 1e4;
}

/** A model's prices and facts as its row shows them. */
export function priceLine(model, fineTuningCard, catalogAsOf, today) {
  let line = `${usd(model.usd_per_1m_input)} in · ${usd(model.usd_per_1m_output)} out`;
  if (model.usd_per_1m_training !== undefined) line += ` · training ${usd(model.usd_per_1m_training)}`;
  const discount = batchDiscount(model);
  if (discount > 0) line += ` · batch −${Math.round(discount * 100)}%`;
  if (model.fine_tunable && !fineTuningCard) line += ' · fine-tunable';
  if (model.retires) line += model.retires < today ? ` · retired ${model.retires}` : ` · retires ${model.retires}`;
  if (model.as_of !== catalogAsOf) line += ` · as of ${model.as_of}`;
  return line;
}

/** The models a card of `kind` lists: fine-tuned ones on a fine-tuning card,
 * chat models elsewhere. */
export function forKind(catalog, kind) {
  const wanted = kind === 'fine_tuning' ? 'fine_tuned' : 'chat';
  return catalog.models.filter((m) => m.use === wanted);
}

/** `models` that match every word typed (in name, id or provider), grouped
 * by provider in the catalog's order: [[provider, [model...]]...]. */
export function grouped(models, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map();
  for (const model of models) {
    const haystack = `${model.label} ${model.id} ${model.provider ?? ''}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    const provider = model.provider || 'Other';
    if (!groups.has(provider)) groups.set(provider, []);
    groups.get(provider).push(model);
  }
  return [...groups];
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function note(text, testid) {
  return element('p', testid ? { class: 'picker-note', 'data-testid': testid } : { class: 'picker-note' }, text);
}

function option(dataName, value, label, detail, pressed) {
  return element(
    'li', {},
    element(
      'button',
      { type: 'button', class: 'model-option', [dataName]: value, 'aria-pressed': String(pressed) },
      element('span', { class: 'model-label' }, label),
      element('span', { class: 'model-prices' }, detail),
    ),
  );
}

/** Draws the model list into `container`: a search box, the matching models
 * grouped by provider, and on a fine-tuning card who offers no fine-tuning.
 * `pick` gets `[model, version, as_of]` as JSON: the catalog entry and which
 * catalog (release, or name, and date) it came from. */
export function showModels(container, catalog, kind, current, today, pick) {
  const fineTuning = kind === 'fine_tuning';
  const models = forKind(catalog, kind);
  const search = element('input', { type: 'search', placeholder: 'Search a model or provider', 'aria-label': 'Search a model or provider', 'data-testid': 'model-search' });
  const list = element('ul', { class: 'model-list', 'data-testid': 'model-list' });
  const none = note('No model matches.');
  const draw = () => {
    const groups = grouped(models, search.value);
    list.replaceChildren(
      ...groups.map(([provider, entries]) =>
        element(
          'li', { class: 'model-group' },
          element('span', { class: 'provider' }, provider),
          element('ul', {}, ...entries.map((m) => option('data-model', m.id, m.label, priceLine(m, fineTuning, catalog.as_of, today), m.id === current))),
        ),
      ),
    );
    none.hidden = groups.length > 0;
  };
  list.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-model]');
    const model = button && models.find((m) => m.id === button.dataset.model);
    if (model) pick(JSON.stringify([model, catalog.version ?? catalog.name, catalog.as_of]));
  });
  search.addEventListener('input', draw);
  draw();
  // opened from the keyboard: type straight away
  const focusSearch = container.closest('details')?.contains(document.activeElement);
  const missing = current && !catalog.models.some((m) => m.id === current)
    ? [note(`${current} is not in this catalog: its prices stay as typed.`, 'model-missing')]
    : [];
  const cannotTune = fineTuning ? (catalog.no_fine_tuning ?? []).map((n) => note(`${n.note}.`, 'no-fine-tuning')) : [];
  container.replaceChildren(
    search, ...missing, list, none, ...cannotTune,
    note(`USD per 1M tokens; ${catalog.name}, as of ${catalog.as_of}.`),
  );
  if (focusSearch) search.focus();
}

/** Draws the GPU presets into `container`; `pick` gets the self-hosting
 * fields they fill, as JSON. */
export function showGpuPresets(container, catalog, pick) {
  const presets = (catalog.throughput ?? []).flatMap((preset) => {
    const gpu = (catalog.gpus ?? []).find((g) => g.id === preset.gpu);
    return gpu ? [{ preset, gpu }] : [];
  });
  const list = element(
    'ul', { class: 'model-list', 'data-testid': 'gpu-presets' },
    ...presets.map(({ preset, gpu }) => option(
      'data-preset', preset.id, preset.label,
      `${usd(gpu.usd_per_gpu_hour)}/GPU-hour (as of ${gpu.as_of}) · ${preset.tokens_per_second} tokens/s per GPU at ` +
        `${Math.round(preset.utilization * 100)}% utilization (estimate, ${preset.as_of})`,
      false,
    )),
  );
  list.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-preset]');
    const chosen = button && presets.find((p) => p.preset.id === button.dataset.preset);
    if (!chosen) return;
    const { preset, gpu } = chosen;
    pick(JSON.stringify({
      usd_per_gpu_hour: gpu.usd_per_gpu_hour,
      tokens_per_second: preset.tokens_per_second,
      utilization: preset.utilization,
      min_gpus: preset.min_gpus,
    }));
  });
  container.replaceChildren(
    list,
    note('Throughputs are rough estimates (prompt and output tokens per GPU when serving many requests at once): measure your own.'),
  );
}

/** The lists' stylesheet, added to the page once. */
function addStylesheet() {
  if (document.querySelector('link[href="/picker.css"]')) return;
  document.head.append(element('link', { rel: 'stylesheet', href: '/picker.css' }));
}

/** What the wasm calls when a picker's `<details>` is toggled: when it is
 * open, draws its list (`what` is "model" or "gpu") into its panel. */
export async function open(what, details, kind, current, imported, today, pick) {
  const container = details.querySelector('.picker-panel');
  if (!details.open || !container) return;
  addStylesheet();
  container.replaceChildren(note('Loading prices…'));
  try {
    const catalog = await catalogFrom(imported);
    if (what === 'gpu') showGpuPresets(container, catalog, pick);
    else showModels(container, catalog, kind, current, today, pick);
  } catch (error) {
    container.replaceChildren(note(`Could not load the prices (${error.message}): close and open the list to try again.`));
  }
}
