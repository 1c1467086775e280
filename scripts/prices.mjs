#!/usr/bin/env node
// The built-in price catalog, generated (`make prices`), never typed by hand.
//
//   node scripts/prices.mjs fetch [VERSION]   pin LiteLLM VERSION (default: the pinned one): download its
//                                             wheel from PyPI, keep its price file (gzipped) and its date
//   node scripts/prices.mjs build             write prices/catalog.json and app/src/catalog/current.rs
//   node scripts/prices.mjs check             rebuild in memory; fail if anything checked in differs
//
// Inputs, all in prices/: pin.json (the LiteLLM release: version, release date, the price file's SHA-256),
// litellm-<version>.json.gz (that price file as the wheel ships it), selection.json (which of its models
// to keep, by provider), fine_tuning.json and gpus.json (kept by hand, each figure with a source and the
// date it was read). Each model's prices are converted by public/litellm.js, the converter the page's
// LiteLLM import uses. Refreshing prices: `make prices LITELLM=1.111.0`; `git diff prices/catalog.json`
// then shows every price that moved.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { checkCatalog, entryPrices, providerName } from '../public/litellm.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PRICES = join(ROOT, 'prices');
const CATALOG = join(PRICES, 'catalog.json');
const CURRENT_RS = join(ROOT, 'app/src/catalog/current.rs');
const PRICE_FILE = 'litellm/model_prices_and_context_window_backup.json';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const pinPath = () => join(PRICES, 'pin.json');
const sourceFile = (version) => join(PRICES, `litellm-${version}.json.gz`);

/** Downloads LiteLLM `version`'s wheel and keeps its price file and release date. */
async function fetchPin(version) {
  const index = await fetch('https://pypi.org/simple/litellm/', {
    headers: { accept: 'application/vnd.pypi.simple.v1+json' },
  }).then((r) => r.json());
  const files = index.files.filter((f) => f.filename.startsWith(`litellm-${version}-`) || f.filename === `litellm-${version}.tar.gz`);
  if (files.length === 0) throw new Error(`no litellm ${version} on PyPI`);
  const released = files.map((f) => f['upload-time']).sort()[0].slice(0, 10);
  const dir = mkdtempSync(join(tmpdir(), 'litellm-'));
  try {
    execFileSync('pip', ['download', '--no-deps', '--only-binary=:all:', '-d', dir, `litellm==${version}`], { stdio: 'inherit' });
    const wheel = execFileSync('sh', ['-c', `ls ${dir}/*.whl`]).toString().trim().split('\n')[0];
    const json = execFileSync('unzip', ['-p', wheel, PRICE_FILE], { maxBuffer: 1 << 30 });
    JSON.parse(json.toString('utf8')); // a price file, or fail here
    const previous = existsSync(pinPath()) ? readJson(pinPath()) : undefined;
    if (previous && previous.version !== version && existsSync(sourceFile(previous.version))) {
      unlinkSync(sourceFile(previous.version));
    }
    writeFileSync(sourceFile(version), gzipSync(json, { level: 9 }));
    const pin = {
      comment: 'The LiteLLM release the built-in catalog is built from (`make prices` writes this).',
      package: 'litellm',
      version,
      released,
      source: `https://pypi.org/project/litellm/${version}/`,
      file: PRICE_FILE,
      sha256: sha256(json),
    };
    writeFileSync(pinPath(), `${JSON.stringify(pin, null, 2)}\n`);
    console.log(`pinned litellm ${version}, released ${released}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pinned LiteLLM price file, checked against its recorded SHA-256. */
export function pinnedPriceFile() {
  const pin = readJson(pinPath());
  const json = gunzipSync(readFileSync(sourceFile(pin.version)));
  if (sha256(json) !== pin.sha256) {
    throw new Error(`${sourceFile(pin.version)} is not the pinned price file (SHA-256 differs)`);
  }
  return { pin, litellm: JSON.parse(json.toString('utf8')) };
}

function dated(entry, what) {
  if (!/^https:\/\//.test(entry.source ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(entry.as_of ?? '')) {
    throw new Error(`${what}: every hand-kept figure needs an https source and an as_of date`);
  }
}

/** The catalog and the Rust constants naming it, from the inputs. */
export function build() {
  const { pin, litellm } = pinnedPriceFile();
  const selection = readJson(join(PRICES, 'selection.json'));
  const fineTuning = readJson(join(PRICES, 'fine_tuning.json'));
  const gpus = readJson(join(PRICES, 'gpus.json'));
  const models = [];
  const byId = new Map();
  for (const group of selection.providers) {
    for (const chosen of group.models) {
      const entry = litellm[chosen.litellm];
      if (!entry) throw new Error(`${chosen.litellm} is not in litellm ${pin.version}`);
      const prices = entryPrices(chosen.litellm, entry);
      if (!prices) throw new Error(`${chosen.litellm} has no token prices in litellm ${pin.version}`);
      if (providerName(entry) !== group.provider) {
        throw new Error(`${chosen.litellm} is ${providerName(entry)}'s, listed under ${group.provider}`);
      }
      const { use, ...rest } = prices;
      const model = {
        id: chosen.id ?? chosen.litellm,
        label: chosen.label ?? chosen.litellm,
        provider: group.provider,
        use,
        ...rest,
        ...(chosen.id && chosen.id !== chosen.litellm ? { litellm: chosen.litellm } : {}),
        source: pin.source,
        as_of: pin.released,
      };
      models.push(model);
      byId.set(model.id, model);
    }
  }
  for (const offering of fineTuning.offerings) {
    dated(offering, offering.id);
    const base = byId.get(offering.base);
    if (!base) throw new Error(`${offering.id}: its base ${offering.base} is not in the catalog`);
    let prices;
    if (offering.inference === 'base') {
      const { use, id, label, provider, litellm: key, source, as_of, retires, ...basePrices } = base;
      prices = basePrices;
    } else {
      const key = offering.inference.replace(/^litellm:/, '');
      const entry = litellm[key];
      if (!entry) throw new Error(`${offering.id}: ${key} is not in litellm ${pin.version}`);
      const { use, ...rest } = entryPrices(key, entry);
      prices = { ...rest, litellm: key };
    }
    base.fine_tunable = true;
    models.push({
      id: offering.id,
      label: offering.label,
      provider: offering.provider,
      use: 'fine_tuned',
      ...prices,
      usd_per_1m_training: offering.usd_per_1m_training,
      base: offering.base,
      source: offering.source,
      as_of: offering.as_of,
    });
  }
  for (const none of fineTuning.no_fine_tuning) dated(none, none.provider);
  for (const gpu of gpus.gpus) dated(gpu, gpu.id);
  for (const preset of gpus.throughput) {
    dated(preset, preset.id);
    if (!gpus.gpus.some((g) => g.id === preset.gpu)) throw new Error(`${preset.id}: no GPU ${preset.gpu}`);
  }
  const catalog = {
    name: `LiteLLM ${pin.version} prices`,
    version: `litellm ${pin.version}`,
    as_of: pin.released,
    source: pin.source,
    models,
    gpus: gpus.gpus,
    throughput: gpus.throughput,
    no_fine_tuning: fineTuning.no_fine_tuning.map(({ provider, note, source, as_of }) => ({ provider, note, source, as_of })),
  };
  checkCatalog(catalog);
  const rust = [
    '//! The built-in catalog\'s name, version and date, so the page can show them',
    '//! without fetching the catalog. Generated by `make prices`',
    '//! (scripts/prices.mjs) from prices/pin.json: do not edit.',
    '',
    `pub const NAME: &str = ${JSON.stringify(catalog.name)};`,
    `pub const VERSION: &str = ${JSON.stringify(catalog.version)};`,
    `pub const AS_OF: &str = ${JSON.stringify(catalog.as_of)};`,
    '',
  ].join('\n');
  return { catalog: `${JSON.stringify(catalog, null, 1)}\n`, rust };
}

async function main() {
  const [command, version] = process.argv.slice(2);
  if (command === 'fetch') {
    await fetchPin(version ?? readJson(pinPath()).version);
  } else if (command === 'build') {
    const { catalog, rust } = build();
    writeFileSync(CATALOG, catalog);
    writeFileSync(CURRENT_RS, rust);
    const models = JSON.parse(catalog).models;
    console.log(`wrote ${CATALOG}: ${models.length} models`);
  } else if (command === 'check') {
    const { catalog, rust } = build();
    const stale = [];
    if (readFileSync(CATALOG, 'utf8') !== catalog) stale.push(CATALOG);
    if (readFileSync(CURRENT_RS, 'utf8') !== rust) stale.push(CURRENT_RS);
    if (stale.length) {
      console.error(`${stale.join(', ')} differ from what \`make prices\` builds: run it, never edit them by hand`);
      process.exit(1);
    }
    console.log('the checked-in catalog is what the pinned price file builds');
  } else {
    console.error('usage: scripts/prices.mjs fetch [VERSION] | build | check');
    process.exit(2);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
