// Builds data/packs/ipip-neo-120.json from three sources, so that the pack is
// reproducible and each part keeps its own licence and provenance:
//   - items in nl/en/de: npm @bigfive-org/questions (MIT; IPIP items are public domain)
//   - IPM's corrections, labels and interpretation texts: data/bigfive/ipip-neo-120.ipm.json
//   - Johnson's norms: data/norms/ipip-neo-120-norms.tsv
// Usage: node tools/bigfive-pack.mjs OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const LANGS = ['nl', 'en', 'de'];
const DOMAINS = ['N', 'E', 'O', 'A', 'C'];
const own = JSON.parse(readFileSync('data/bigfive/ipip-neo-120.ipm.json', 'utf8'));
const items = Object.fromEntries(
  LANGS.map((l) => [l, require(`@bigfive-org/questions/data/${l}/questions.json`)]));
const version = require('@bigfive-org/questions/package.json').version;

const text = (fn) => Object.fromEntries(LANGS.map((l) => [l, fn(l)]));
const facetId = (d, f) => `${d.toLowerCase()}${f}`;

// Item k measures facet slot (k-1) mod 30: items k, k+30, k+60, k+90 form one facet.
const packItems = items.en.map((q, i) => {
  const num = String(i + 1);
  for (const l of LANGS)
    if (items[l][i].id !== q.id) throw new Error(`item ${num}: ${l} order differs from en`);
  const item = {
    id: `i${num}`,
    text: text((l) => own.corrections[l]?.[num]?.text ?? items[l][i].text),
    response_scale: 'accuracy',
    keyed: q.keyed === 'plus' ? '+' : '-',
  };
  if (own.excluded[num]) {
    item.default_excluded = true;
    item.exclusion_reason = own.excluded[num];
  }
  return item;
});

const facetItems = {};
items.en.forEach((q, i) => {
  (facetItems[facetId(q.domain, q.facet)] ??= []).push(`i${i + 1}`);
});

const facets = DOMAINS.flatMap((d) => [1, 2, 3, 4, 5, 6].map((f) => {
  const id = facetId(d, f);
  const asked = facetItems[id].filter((it) => !own.excluded[it.slice(1)]).length;
  return {
    id,
    label: own.facets[`${d}${f}`],
    items: facetItems[id],
    scoring: 'sum',
    // Prorate a facet from 3 of its 4 items; O6 has only 2 asked by default.
    missing: { min_answered: Math.min(3, asked), method: 'prorate' },
    bands: own.facet_bands,
  };
}));
const domains = DOMAINS.map((d) => ({
  id: d.toLowerCase(),
  label: text((l) => own.domains[d][l]),
  of: [1, 2, 3, 4, 5, 6].map((f) => facetId(d, f)),
  combine: 'sum',
  bands: own.domains[d].bands,
}));

// Norms: group, 5 domain means, 5 domain SDs, then per domain 6 facet means, 6 facet SDs.
const AGES = { lt21: [15, 20], '21_40': [21, 40], '41_60': [41, 60], gt60: [61, 120] };
const AGE_TEXT = {
  lt21: { nl: 'jonger dan 21', en: 'under 21', de: 'unter 21' },
  '21_40': { nl: '21–40 jaar', en: '21–40 years', de: '21–40 Jahre' },
  '41_60': { nl: '41–60 jaar', en: '41–60 years', de: '41–60 Jahre' },
  gt60: { nl: 'ouder dan 60', en: 'over 60', de: 'über 60' },
};
const SEX = { male: ['m', { nl: 'man', en: 'male', de: 'Mann' }], female: ['v', { nl: 'vrouw', en: 'female', de: 'Frau' }] };
const normGroups = readFileSync('data/norms/ipip-neo-120-norms.tsv', 'utf8').split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [name, ...cells] = line.split('\t');
    const v = cells.map(Number);
    if (v.length !== 70 || v.some(Number.isNaN)) throw new Error(`norms ${name}: expected 70 numbers`);
    const [, sexName, ageName] = name.match(/^(male|female)_(.+)$/) ?? [];
    if (!SEX[sexName] || !AGES[ageName]) throw new Error(`norms: unknown group ${name}`);
    const [sex, sexText] = SEX[sexName];
    const [ageMin, ageMax] = AGES[ageName];
    const values = {};
    DOMAINS.forEach((d, k) => {
      values[d.toLowerCase()] = [v[k], v[5 + k]];
      for (let f = 0; f < 6; f++)
        values[facetId(d, f + 1)] = [v[10 + 12 * k + f], v[10 + 12 * k + 6 + f]];
    });
    const label = text((l) => `${sexText[l]}, ${AGE_TEXT[ageName][l]}`);
    return { id: name.replace(/_/g, '-'), label, sex, age_min: ageMin, age_max: ageMax, values };
  });

const pack = {
  pack: 'ipip-neo-120',
  version: '1.0.0',
  kind: 'questionnaire',
  title: { nl: 'Persoonlijkheid (Big Five, IPIP-NEO-120)', en: 'Personality (Big Five, IPIP-NEO-120)', de: 'Persönlichkeit (Big Five, IPIP-NEO-120)' },
  languages: LANGS,
  license: 'Items: IPIP, public domain. Translations: @bigfive-org/questions ' + version +
    ' (MIT, (c) 2024 B5 Holding AS; see data/licenses/bigfive-org-questions.MIT.txt), Dutch wording corrected by IPM. Norms: J. A. Johnson, public domain.',
  source: 'Johnson, J. A. (2014). Measuring thirty facets of the Five Factor Model with a 120-item public domain inventory. Journal of Research in Personality, 51, 78-89.',
  description: {
    nl: '120 uitspraken, 5 domeinen met elk 6 facetten. De twee uitspraken over stemgedrag (facet O6) worden standaard niet gesteld; O6 wordt dan uit de andere twee berekend.',
    en: '120 statements, 5 domains with 6 facets each. The two statements about voting (facet O6) are not asked by default; O6 is then scored from the other two.',
    de: '120 Aussagen, 5 Bereiche mit je 6 Facetten. Die zwei Aussagen zum Wahlverhalten (Facette O6) werden standardmäßig nicht gestellt; O6 wird dann aus den anderen zwei berechnet.',
  },
  response_scales: [{
    id: 'accuracy', min: 1, max: 5,
    labels: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: text((l) => own.response_labels[l][v - 1]) })),
  }],
  items: packItems,
  scales: [...facets, ...domains],
  groups: DOMAINS.map((d) => ({
    id: `domein-${d.toLowerCase()}`,
    label: text((l) => own.domains[d][l]),
    scales: [d.toLowerCase(), ...[1, 2, 3, 4, 5, 6].map((f) => facetId(d, f))],
  })),
  norms: {
    source: { nl: 'Johnson (IPIP-NEO-120), Amerikaanse internetsteekproeven', en: 'Johnson (IPIP-NEO-120), US Internet samples', de: 'Johnson (IPIP-NEO-120), US-Internetstichproben' },
    note: { nl: 'Er zijn geen openbare Nederlandse normen; vergelijk met voorzichtigheid.', en: 'No public Dutch norms exist; compare with caution.', de: 'Es gibt keine öffentlichen niederländischen Normen; mit Vorsicht vergleichen.' },
    bands: { low_below: 45, high_above: 55 },
    groups: normGroups,
  },
};

writeFileSync(process.argv[2] ?? 'data/packs/ipip-neo-120.json', JSON.stringify(pack, null, 2) + '\n');
