#!/usr/bin/env python3
"""Builds the demo instrument catalogue (data/catalogue/demo.json, format
docs/contracts/catalogue-json-v1.md) from the readable parts in this
directory, checks it against the contract and writes the coverage table into
docs/demo-catalogue.md.

    python3 tools/demo_catalogue/build.py          # build, check, write both files
    python3 tools/demo_catalogue/build.py --check  # check only, write nothing
    python3 tools/demo_catalogue/build.py --table  # also print the coverage tables

The checks here are this script's own reading of the contract; the real
validator is `ipm catalogue import` (cat_validate)."""

import json
import os
import re
import sys
from collections import Counter, OrderedDict

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import records  # noqa: E402
from model import INSTRUMENTS  # noqa: E402
import part1_melding_diagnostiek  # noqa: E402,F401
import part2_orientatie  # noqa: E402,F401
import part3_maatschappelijk  # noqa: E402,F401
import part4_werkfit  # noqa: E402,F401
import part5_opleiden  # noqa: E402,F401
import part6_bemiddeling_plaatsing  # noqa: E402,F401
import part7_nazorg  # noqa: E402,F401

TODAY = "2026-11-23"

TILES = ["melding", "diagnostiek", "orientatie", "maatschappelijk-fit", "werk-fit", "opleiden",
         "bemiddeling", "plaatsing", "nazorg"]
KK = ["1", "2", "3", "4", "5", "5.1", "5.2", "5.3", "6", "7", "8", "8.1", "8.2", "9", "10", "10.1", "10.2"]
FORMS = ["scholing", "vrijwilligerswerk", "bemiddeling", "coaching", "leerwerktraject",
         "materiele-ondersteuning", "onderzoek", "opleiding", "subsidie-voucher", "tolken-vertalen",
         "verwijzing", "vragenlijst"]
SOL = OrderedDict([
    ("motivatievergroting", ["sancties", "financiele-prikkels", "zelfvertrouwen", "sociale-waardering", "zingeving"]),
    ("gezondheidsbevordering", ["specialistische-hulp", "persoonlijke-verzorging", "fitness"]),
    ("praktische-belemmeringen", ["maatschappelijke-hulp", "schuldsanering", "huisvesting", "kinderopvang", "vervoer"]),
    ("herorientatie", ["loopbaanorientatie", "beroepskeuzetest", "competentieprofiel"]),
    ("zoeken-en-solliciteren", ["zoektraining", "sollicitatietraining", "presentatietraining", "netwerktraining"]),
    ("werknemersvaardigheden", ["work-first", "werkervaringsplaats", "stage-leerwerktraject"]),
    ("kennisvergroting", ["scholing", "taalcursus", "stage-leerwerktraject"]),
    ("vacatureverwerving", ["netwerken", "vacaturejacht"]),
    ("matching-bemiddeling", ["matching", "intensieve-bemiddeling"]),
    ("compensatie-aanpassing", ["subsidie", "aanpassing-werkplek", "aanpassing-werkproces"]),
    ("werkbegeleiding", ["jobcoaching"]),
])
SOL_KINDS = list(OrderedDict.fromkeys(k for ks in SOL.values() for k in ks))
UNITS = ["uren", "dagen", "weken", "maanden"]
LOC_TYPES = ["adres", "aanbieder", "werkgever", "gemeente", "klant-thuis"]
LINK_KINDS = ["link", "download", "video"]
ORG_KINDS = ["gemeente", "reintegratiebedrijf", "anders"]
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DEFAULT_FROM = "2026-01-01"
DEFAULT_UNTIL = "2027-12-31"

# The order of keys in the contract (and so in the exporter's output).
INSTRUMENT_KEYS = ["id", "organisation", "provider", "name", "publish", "publish_from", "publish_until",
                   "summary", "goal", "method", "forms", "distinctive", "conditions", "agreements",
                   "partners", "target_group_note", "additional_info", "registration", "duration",
                   "intensity", "cost", "tiles", "klantkenmerken", "sol_kinds", "contacts", "group",
                   "individual", "locations", "target_groups", "regcodes", "links", "regions",
                   "gemeenten", "wijken"]
ALIASES = {"org": "organisation", "kk": "klantkenmerken", "sol": "sol_kinds"}
TEXT_KEYS = ["distinctive", "conditions", "agreements", "partners", "target_group_note",
             "additional_info", "registration"]


def instrument_record(src):
    """One instrument in canonical form from a part's add(...) keywords."""
    kw = {ALIASES.get(k, k): v for k, v in src.items()}
    unknown = set(kw) - set(INSTRUMENT_KEYS)
    if unknown:
        raise SystemExit(f"instrument {kw.get('id')}: unknown keys {sorted(unknown)}")
    org = kw.get("organisation", "gem-voorbeeldstad")
    out = OrderedDict()
    out["id"] = kw["id"]
    out["organisation"] = org
    out["provider"] = kw["provider"]
    out["name"] = kw["name"]
    out["publish"] = kw.get("publish", True)
    frm = kw.get("publish_from", DEFAULT_FROM)
    until = kw.get("publish_until", DEFAULT_UNTIL)
    if frm:
        out["publish_from"] = frm
    if until:
        out["publish_until"] = until
    for k in ["summary", "goal", "method", "forms"] + TEXT_KEYS:
        if kw.get(k):
            out[k] = kw[k]
    if "duration" in kw:
        d = kw["duration"]
        out["duration"] = OrderedDict([("value", d[0]), ("unit", d[1])] + ([("note", d[2])] if len(d) > 2 else []))
    if "intensity" in kw:
        d = kw["intensity"]
        out["intensity"] = OrderedDict([("hours_per_week", d[0])] + ([("note", d[1])] if len(d) > 1 else []))
    if "cost" in kw:
        d = kw["cost"]
        out["cost"] = OrderedDict([("eur", d[0])] + ([("note", d[1])] if len(d) > 1 else []))
    for k in ["tiles", "klantkenmerken", "sol_kinds"]:
        if kw.get(k):
            out[k] = list(kw[k])
    if kw.get("contacts"):
        cs = []
        for key in kw["contacts"]:
            c = records.CONTACTS[key]
            cs.append(OrderedDict([("name", c["name"]), ("kind", "intern" if c["home"] == org else "extern"),
                                   ("role", c["role"]), ("email", c["email"]), ("phone", c["phone"])]))
        out["contacts"] = cs
    out["group"] = kw.get("group", False)
    out["individual"] = kw.get("individual", False)
    if kw.get("locations"):
        out["locations"] = [OrderedDict((k, l[k]) for k in ["name", "type", "address", "in_use", "description"] if k in l)
                            for l in kw["locations"]]
    if kw.get("target_groups"):
        out["target_groups"] = list(kw["target_groups"])
    if kw.get("regcodes"):
        out["regcodes"] = [OrderedDict([("code", c), ("label", l)]) for c, l in kw["regcodes"]]
    if kw.get("links"):
        out["links"] = [OrderedDict([("kind", k), ("label", l), ("url", u)]) for k, l, u in kw["links"]]
    for k in ["regions", "gemeenten", "wijken"]:
        if kw.get(k):
            out[k] = list(kw[k])
    return out


def ordered(d, keys):
    return OrderedDict((k, d[k]) for k in keys if d.get(k) not in (None, "", []))


def build():
    return OrderedDict([
        ("format", "ipm-catalogue"),
        ("version", 1),
        ("organisations", [ordered(o, ["id", "name", "kind"]) for o in records.ORGANISATIONS]),
        ("providers", [ordered(p, ["id", "name", "website", "email", "phone"]) for p in records.PROVIDERS]),
        ("target_groups", [ordered(t, ["id", "name", "description"]) for t in records.TARGET_GROUPS]),
        ("regions", [ordered(r, ["id", "name"]) for r in records.REGIONS]),
        ("gemeenten", [ordered(g, ["id", "name", "cbs_code", "region"]) for g in records.GEMEENTEN]),
        ("wijken", [ordered(w, ["id", "name", "gemeente"]) for w in records.WIJKEN]),
        ("addresses", [ordered(a, ["id", "street", "number", "postcode", "city", "gemeente"]) for a in records.ADDRESSES]),
        ("instruments", [instrument_record(i) for i in INSTRUMENTS]),
    ])


def check(cat):
    """Returns a list of problems, each 'record N (id): field: message'."""
    probs = []

    def p(rec, n, rid, field, msg):
        probs.append(f"{rec} {n} ({rid}): {field}: {msg}")

    ids = {}
    for lst in ["organisations", "providers", "target_groups", "regions", "gemeenten", "wijken", "addresses", "instruments"]:
        seen = set()
        for n, r in enumerate(cat[lst], 1):
            rid = r.get("id", "")
            if not ID_RE.match(rid) or len(rid) > 64:
                p(lst, n, rid, "id", "bad id")
            if rid in seen:
                p(lst, n, rid, "id", "duplicate id")
            seen.add(rid)
            if lst != "addresses" and not r.get("name"):
                p(lst, n, rid, "name", "required")
        ids[lst] = seen
    for n, o in enumerate(cat["organisations"], 1):
        if o["kind"] not in ORG_KINDS:
            p("organisation", n, o["id"], "kind", "unknown kind")
    for n, t in enumerate(cat["target_groups"], 1):
        if t["name"].strip().lower() == "algemeen" or t["id"] == "algemeen":
            p("target_group", n, t["id"], "name", "no target group 'algemeen'")
    for n, g in enumerate(cat["gemeenten"], 1):
        if g.get("region") and g["region"] not in ids["regions"]:
            p("gemeente", n, g["id"], "region", "unknown region")
    for n, w in enumerate(cat["wijken"], 1):
        if w.get("gemeente") not in ids["gemeenten"]:
            p("wijk", n, w["id"], "gemeente", "unknown gemeente")
    for n, a in enumerate(cat["addresses"], 1):
        if a.get("gemeente") and a["gemeente"] not in ids["gemeenten"]:
            p("address", n, a["id"], "gemeente", "unknown gemeente")
        if not re.match(r"^\d{4} [A-Z]{2}$", a["postcode"]):
            p("address", n, a["id"], "postcode", "not like 1234 AB")
    wijk_gem = {w["id"]: w["gemeente"] for w in cat["wijken"]}
    for n, i in enumerate(cat["instruments"], 1):
        rid = i["id"]
        for f in ["organisation", "provider", "name", "summary", "goal", "method"]:
            if not i.get(f):
                p("instrument", n, rid, f, "required")
        if i["organisation"] not in ids["organisations"]:
            p("instrument", n, rid, "organisation", "unknown organisation")
        if i["provider"] not in ids["providers"]:
            p("instrument", n, rid, "provider", "unknown provider")
        if len(i.get("summary", "")) > 500:
            p("instrument", n, rid, "summary", f"{len(i['summary'])} characters (at most 500)")
        if len(i["name"]) > 200:
            p("instrument", n, rid, "name", "longer than 200 characters")
        for f in ["goal", "method"] + TEXT_KEYS:
            if f in i and len(i[f]) > 10000:
                p("instrument", n, rid, f, "longer than 10000 characters")
        for f in ["publish_from", "publish_until"]:
            if f in i and not DATE_RE.match(i[f]):
                p("instrument", n, rid, f, "not a date")
        if "publish_from" in i and "publish_until" in i and i["publish_from"] > i["publish_until"]:
            p("instrument", n, rid, "publish_until", "before publish_from")
        for f, voc in [("forms", FORMS), ("tiles", TILES), ("klantkenmerken", KK), ("sol_kinds", SOL_KINDS)]:
            vals = i.get(f, [])
            if f != "sol_kinds" and not vals:
                p("instrument", n, rid, f, "at least one")
            for v in vals:
                if v not in voc:
                    p("instrument", n, rid, f, f"unknown code {v}")
            if len(set(vals)) != len(vals):
                p("instrument", n, rid, f, "duplicate code")
        if "duration" in i:
            d = i["duration"]
            if not d["value"] > 0 or d["unit"] not in UNITS:
                p("instrument", n, rid, "duration", "value > 0 and a unit")
        if "intensity" in i and not 0 < i["intensity"]["hours_per_week"] <= 60:
            p("instrument", n, rid, "intensity.hours_per_week", "not in (0, 60]")
        if "cost" in i and i["cost"]["eur"] < 0:
            p("instrument", n, rid, "cost.eur", "negative")
        if not (i["group"] or i["individual"]):
            p("instrument", n, rid, "group", "group or individual (or both)")
        for k, c in enumerate(i.get("contacts", []), 1):
            if c["kind"] not in ("intern", "extern") or not c["name"]:
                p("instrument", n, rid, f"contacts[{k}]", "name and kind intern|extern")
            if c.get("email") and not c["email"].endswith("example.nl"):
                p("instrument", n, rid, f"contacts[{k}].email", "not an example.nl address")
        for k, l in enumerate(i.get("locations", []), 1):
            if l["type"] not in LOC_TYPES:
                p("instrument", n, rid, f"locations[{k}].type", "unknown type")
            if l["type"] == "adres" and not l.get("address"):
                p("instrument", n, rid, f"locations[{k}].address", "required for type adres")
            if l.get("address") and l["address"] not in ids["addresses"]:
                p("instrument", n, rid, f"locations[{k}].address", "unknown address")
        for f, lst in [("target_groups", "target_groups"), ("regions", "regions"),
                       ("gemeenten", "gemeenten"), ("wijken", "wijken")]:
            for v in i.get(f, []):
                if v not in ids[lst]:
                    p("instrument", n, rid, f, f"unknown {v}")
        for w in i.get("wijken", []):
            if i.get("gemeenten") and wijk_gem.get(w) not in i["gemeenten"]:
                p("instrument", n, rid, "wijken", f"wijk {w} lies outside the instrument's gemeenten")
        for k, l in enumerate(i.get("links", []), 1):
            if l["kind"] not in LINK_KINDS or not l["url"].startswith("https://"):
                p("instrument", n, rid, f"links[{k}]", "kind link|download|video and an https:// url")
            if ".example.nl" not in l["url"]:
                p("instrument", n, rid, f"links[{k}].url", "not an example.nl address")
        # The brief's own rules for client texts.
        for f in ["summary", "goal", "method"]:
            if "algemeen" in (i.get("target_groups") or []):
                p("instrument", n, rid, "target_groups", "algemeen")
    return probs


def canonical_json(v, depth=0):
    """The exporter's canonical form (services/catalogue_json_write.c):
    2-space indentation, lists of codes and ids on one line, lists of
    objects one object per line block, UTF-8 as is, a final newline added
    by the caller."""
    pad = "  " * (depth + 1)
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [f"{pad}{json.dumps(k)}: {canonical_json(x, depth + 1)}" for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if isinstance(v, list):
        if all(isinstance(x, str) for x in v):
            return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in v) + "]"
        return "[\n" + ",\n".join(pad + canonical_json(x, depth + 1) for x in v) + "\n" + "  " * depth + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return json.dumps(v, ensure_ascii=False)


def published(i):
    if not i["publish"]:
        return False
    if i.get("publish_from") and i["publish_from"] > TODAY:
        return False
    if i.get("publish_until") and i["publish_until"] < TODAY:
        return False
    return True


def coverage(cat):
    ins = cat["instruments"]
    pub = [i for i in ins if published(i)]
    lines = []

    def table(title, codes, key, label=None):
        lines.append(f"### {title}\n")
        lines.append("| code | instruments | published today |")
        lines.append("|---|---:|---:|")
        allc = Counter(c for i in ins for c in i.get(key, []))
        pubc = Counter(c for i in pub for c in i.get(key, []))
        for c in codes:
            lines.append(f"| {label(c) if label else c} | {allc[c]} | {pubc[c]} |")
        lines.append("")
        return [c for c in codes if allc[c] == 0]

    missing = {}
    missing["tiles"] = table("Tiles (tegels)", TILES, "tiles")
    missing["klantkenmerken"] = table("Klantkenmerken", KK, "klantkenmerken")
    missing["forms"] = table("Uitvoeringsvormen", FORMS, "forms")
    sol_label = {k: f"{g} / {k}" for g, ks in SOL.items() for k in ks}
    sol_label["stage-leerwerktraject"] = "werknemersvaardigheden + kennisvergroting / stage-leerwerktraject"
    missing["sol_kinds"] = table("Sol instrument kinds", SOL_KINDS, "sol_kinds", lambda c: sol_label[c])
    tgs = [t["id"] for t in cat["target_groups"]]
    lines.append("### Target groups\n")
    lines.append("| target group | instruments | published today |")
    lines.append("|---|---:|---:|")
    for t in tgs:
        lines.append(f"| {t} | {sum(t in i.get('target_groups', []) for i in ins)} "
                     f"| {sum(t in i.get('target_groups', []) for i in pub)} |")
    lines.append(f"| (none: for everyone) | {sum(not i.get('target_groups') for i in ins)} "
                 f"| {sum(not i.get('target_groups') for i in pub)} |")
    lines.append("")
    missing["target_groups"] = [t for t in tgs if not any(t in i.get("target_groups", []) for i in ins)]

    lines.append("### Other dimensions\n")
    lines.append("| dimension | value | instruments |")
    lines.append("|---|---|---:|")
    for v, n in sorted(Counter(i["organisation"] for i in ins).items()):
        lines.append(f"| organisation | {v} | {n} |")
    lines.append(f"| providers used | {len(set(i['provider'] for i in ins))} of {len(cat['providers'])} | |")
    lines.append(f"| group / individual | group only | {sum(i['group'] and not i['individual'] for i in ins)} |")
    lines.append(f"| group / individual | individual only | {sum(i['individual'] and not i['group'] for i in ins)} |")
    lines.append(f"| group / individual | both | {sum(i['group'] and i['individual'] for i in ins)} |")
    for u in UNITS:
        lines.append(f"| duration unit | {u} | {sum(i.get('duration', {}).get('unit') == u for i in ins)} |")
    lines.append(f"| duration | none given | {sum('duration' not in i for i in ins)} |")
    lines.append(f"| intensity | given | {sum('intensity' in i for i in ins)} |")
    lines.append(f"| cost | given | {sum('cost' in i for i in ins)} |")
    lines.append(f"| cost | free (0 euro) | {sum(i.get('cost', {}).get('eur') == 0 for i in ins)} |")
    for t in LOC_TYPES:
        lines.append(f"| location type | {t} | {sum(any(l['type'] == t for l in i.get('locations', [])) for i in ins)} |")
    lines.append(f"| location | not in use (in_use false) | {sum(any(not l['in_use'] for l in i.get('locations', [])) for i in ins)} |")
    for k in ["intern", "extern"]:
        lines.append(f"| contact kind | {k} | {sum(any(c['kind'] == k for c in i.get('contacts', [])) for i in ins)} |")
    for k in LINK_KINDS:
        lines.append(f"| link kind | {k} | {sum(any(l['kind'] == k for l in i.get('links', [])) for i in ins)} |")
    lines.append(f"| area | region(s) | {sum(bool(i.get('regions')) for i in ins)} |")
    lines.append(f"| area | gemeente(n) | {sum(bool(i.get('gemeenten')) for i in ins)} |")
    lines.append(f"| area | wijk(en) | {sum(bool(i.get('wijken')) for i in ins)} |")
    lines.append(f"| area | none (everywhere) | {sum(not (i.get('regions') or i.get('gemeenten') or i.get('wijken')) for i in ins)} |")
    for g in cat["gemeenten"]:
        lines.append(f"| gemeente named | {g['id']} | {sum(g['id'] in i.get('gemeenten', []) for i in ins)} |")
    for w in cat["wijken"]:
        lines.append(f"| wijk named | {w['id']} | {sum(w['id'] in i.get('wijken', []) for i in ins)} |")
    lines.append(f"| regcodes | given | {sum(bool(i.get('regcodes')) for i in ins)} |")
    lines.append("")

    lines.append("### Publication on " + TODAY + "\n")
    lines.append("| state | instruments | ids |")
    lines.append("|---|---:|---|")
    unpub = [i["id"] for i in ins if not i["publish"]]
    expired = [i["id"] for i in ins if i["publish"] and i.get("publish_until") and i["publish_until"] < TODAY]
    future = [i["id"] for i in ins if i["publish"] and i.get("publish_from") and i["publish_from"] > TODAY]
    lines.append(f"| published today | {len(pub)} | |")
    lines.append(f"| publish = false | {len(unpub)} | {', '.join(unpub)} |")
    lines.append(f"| expired (publish_until before today) | {len(expired)} | {', '.join(expired)} |")
    lines.append(f"| not yet (publish_from after today) | {len(future)} | {', '.join(future)} |")
    edge = [i["id"] for i in ins if i.get("publish_until") == TODAY]
    lines.append(f"| last day today (publish_until = today, still published) | {len(edge)} | {', '.join(edge)} |")
    openend = [i["id"] for i in ins if i["publish"] and "publish_until" not in i]
    lines.append(f"| open-ended (no publish_until) | {len(openend)} | |")
    lines.append("")
    return "\n".join(lines), missing, len(ins), len(pub)


DOC_HEAD = """# Demo instrument catalogue

`data/catalogue/demo.json` is the instrument catalogue of the demo organisation, for `make run`
and for tests over realistic data (`tests/integration/test_match_cli.c` checks issue 5's matching
bar over it). It follows `docs/contracts/catalogue-json-v1.md` (the Eva instrument format of the
VNG, DOMAIN §5, with IPM's link to Sol's instrument kinds, DOMAIN §6).

Every organisation, provider, person, address, e-mail address and phone number in it is invented
(e-mail and web addresses on `example.nl`, phone numbers in the unused 0800-0000 and 06-0000
ranges; the CBS codes GM9901–GM9905 are not real municipality codes). The texts are written for
this catalogue in plain Dutch (B1), addressing the client as "je".

## What is in it

- **Organisations**: the demo municipality Voorbeeldstad (Werk & Inkomen), the neighbouring
  municipality Linderveen, two reintegration companies (the regional werkbedrijf Werkkracht and
  the private Opstap Re-integratie) and the regional Werkgeversservicepunt.
- **Area**: the arbeidsmarktregio Voorbeeld with Voorbeeldstad (wijken Centrum, Noord, Oost, Zuid,
  West, 't Veld), Linderveen (Linderveen-Dorp, Molenwijk), Oosterbroek and Havendam, and one
  municipality outside it (Bergzicht, regio Heuvelzoom), so that matching and search can be tested
  on instruments that are *not* available for a client in Voorbeeldstad.
- **Target groups**: the ones the demo clients belong to (`jongeren`, `statushouders`,
  `55-plussers`, `banenafspraak`) and four more; there is no target group "algemeen" (an
  instrument without a target group is for everyone).
- **Publication**: most instruments are published for 2026–2027 (a few open-ended); three are not
  published, four expired before today (2026-11-23), one starts only in 2027, and one has today
  as its last day (the window is inclusive), so that tests can check that only published
  instruments ever appear.
- **Links**: every tile, every klantkenmerk (the parents 5, 8 and 10 and each sub-code), every
  uitvoeringsvorm and every Sol instrument kind is used, in combinations a professional would
  expect: debts (5.3, schuldsanering), Dutch and literacy (6, taalcursus), childcare, transport
  and housing (5.3), health (5.1, 5.2), motivation (2), job search (9), jobcoaching, wage
  subsidy and workplace adaptation.

## How it is made

The source is `tools/demo_catalogue/` (records and instruments written out per tile group);
`python3 tools/demo_catalogue/build.py` assembles the JSON, checks it against the contract (codes,
references, summary length, required fields) and regenerates the coverage tables below. The
committed JSON is in the exporter's canonical form (two-space indentation, the contract's key
order, code and id lists on one line). It passes `cat_validate` with the packs' vocabulary and
survives the CSV export and import unchanged.

## Coverage
"""


def main():
    cat = build()
    probs = check(cat)
    table, missing, n, npub = coverage(cat)
    for pr in probs:
        print(pr, file=sys.stderr)
    gaps = {k: v for k, v in missing.items() if v}
    if gaps:
        print(f"not covered: {gaps}", file=sys.stderr)
    if not probs and not gaps and "--check" not in sys.argv:
        text = canonical_json(cat) + "\n"
        with open(os.path.join(ROOT, "data/catalogue/demo.json"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(ROOT, "docs/demo-catalogue.md"), "w", encoding="utf-8") as f:
            f.write(DOC_HEAD + f"\n{n} instruments, {npub} of them published on {TODAY}.\n\n" + table)
    print(f"{n} instruments, {npub} published on {TODAY}, {len(probs)} problems")
    if "--table" in sys.argv:
        print(table)
    return 1 if probs or gaps else 0


if __name__ == "__main__":
    sys.exit(main())
