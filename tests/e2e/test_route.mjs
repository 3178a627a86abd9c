// The route walk (issue 6's bar): the demo consulent takes a new client from
// intake through the Big Five (over its pages, stopping and resuming once),
// the I.P.M. factor interview, the prognosis ("niet gekalibreerd"), an
// override of the prognosis band with a reason, to the matched instruments
// with their reasons. Every page on the way, in the state the walk leaves it
// (error summaries, half-answered pages, results), gets the axe check too.
//
// The steps share one browser page and run in order; a step after a failed
// one fails as "not run" naming the step that failed, so that nothing is
// skipped silently. A page that does not exist (404) fails as MISSING.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, root, login, newContext, axeCheck, assert } from './lib.mjs';

const walk = { failed: null };

// A step that only looks (check: true) does not stop the steps after it.
function step(name, fn, { check = false } = {}) {
	test(name, async (ctx) => {
		if (walk.failed)
			throw new Error(`not run: the step "${walk.failed}" failed first`);
		try {
			return await fn(ctx);
		} catch (e) {
			if (!check)
				walk.failed = name;
			throw e;
		}
	});
}

// axe on the page as it is; throws with the violations.
async function axe(page, label) {
	const v = await axeCheck(page);
	assert(v.length === 0, `axe on ${label}:\n${v.join('\n')}`);
}

// Follows the link to `path` on the current page, as a professional would:
// the walk types no URL after the log-in, so a page the route cannot reach
// by its links fails here. (When the link is missing, the page is still
// opened by URL to tell a missing link from a missing page.)
async function go(page, base, path, from) {
	const link = page.locator(`main a[href="${path}"]`).first();
	if (!await link.count()) {
		const res = await page.goto(`${base}${path}`);
		throw new Error(`${from} has no link to ${path} (by URL: HTTP ${res ? res.status() : 0})`);
	}
	const [res] = await Promise.all([page.waitForNavigation(), link.click()]);
	const status = res ? res.status() : 0;
	assert(status !== 404, `MISSING: ${path} answers 404 — the page does not exist (yet)`);
	assert(status === 200, `${path}: HTTP ${status}`);
	await axe(page, path);
	return page;
}

async function submit(page, button) {
	const [res] = await Promise.all([page.waitForNavigation(), page.locator(button).first().click()]);
	return res;
}

const path = () => new URL(walk.page.url()).pathname;
const mainText = () => walk.page.innerText('main');

// The Big Five answers the walk gives: a fixed pattern over the item numbers,
// so that the expected scores can be computed here by hand.
const answerOf = (itemId) => ((Number(itemId.slice(1)) * 3) % 5) + 1;

step('log in as demo.consulent: the caseload', async ({ base, browser }) => {
	walk.ctx = await newContext(browser);
	walk.page = await walk.ctx.newPage();
	walk.base = base;
	await login(walk.page, base, 'consulent');
	assert(path() === '/clients', `after log-in: ${path()}, expected the caseload /clients`);
	await axe(walk.page, '/clients');
});

step('intake: a new client with AVG consent', async ({ base }) => {
	const page = walk.page;
	await go(page, base, '/clients/new', 'the caseload');
	// First without anything: the error summary names the required fields.
	let res = await submit(page, 'main form button[type=submit]');
	assert(res.status() === 400 || res.status() === 422 || res.status() === 200,
	       `empty intake: HTTP ${res.status()}`);
	assert(await page.locator('#error-summary').count() === 1, 'empty intake: no error summary');
	const errors = await page.locator('#error-summary li').count();
	assert(errors >= 5, `empty intake: ${errors} errors listed, expected the required fields and consent`);
	await axe(page, '/clients/new with errors');

	walk.reference = `E2E-${Date.now().toString(36).toUpperCase()}`;
	await page.fill('#f-reference', walk.reference);
	await page.fill('#f-given_name', 'Noor');
	await page.fill('#f-family_name', 'van den Berg');
	await page.fill('#f-birth_date', '31-05-1990'); // day-month-year, as the hint says
	await page.check('input[name=sex][value=v]');
	await page.fill('#f-city', 'Voorbeeldstad');
	await page.selectOption('select[name=benefit_type]', { index: 1 });
	await page.fill('#f-benefit_start', '1-9-2025');
	await page.selectOption('select[name=education_level]', { index: 7 });
	await page.selectOption('select[name=language_level]', 'B1');
	await page.check('input[name=consent][value=loopbaanonderzoek]');
	await page.check('input[name=consent][value=ipm-prognose]');
	await page.check('#f-informed');
	res = await submit(page, 'main form button[type=submit]');
	const m = path().match(/^\/clients\/(\d+)$/);
	assert(m, `after the intake: ${path()} (HTTP ${res.status()}), expected the new dossier\n` +
	       (await mainText()).slice(0, 600));
	walk.client = m[1];
	const text = await mainText();
	assert(text.includes('Noor') && text.includes('van den Berg'), 'the dossier does not show the name');
	assert(text.includes(walk.reference), 'the dossier does not show the client number');
	await axe(page, `/clients/${walk.client}`);
});

step('Big Five: every item over the pages, stopped and resumed once', async ({ base }) => {
	const page = walk.page, c = walk.client;
	await go(page, base, `/clients/${c}/questionnaires`, 'the dossier');
	await submit(page, 'main form:has(input[name=pack][value="ipip-neo-120"]) button[name=how][value=together]');
	assert(/^\/clients\/\d+\/questionnaires\/\d+$/.test(path()), `start: landed on ${path()}`);
	const questionnaire = path();

	let pages = 0, answered = 0, stopped = false, finished = false;
	walk.asked = new Set();
	while (!finished) {
		assert(++pages <= 30, 'more than 30 pages');
		const names = await page.$$eval('main form input[type=radio]', (els) =>
			[...new Set(els.map((e) => e.name))]);
		assert(names.length > 0, `page ${pages}: no questions`);
		const progress = Number(await page.getAttribute('#q-progress', 'value'));
		assert(progress === answered, `page ${pages}: progress shows ${progress}, ${answered} were answered`);
		for (const n of names) {
			await page.check(`input[name="${n}"][value="${answerOf(n.replace(/^a_/, ''))}"]`);
			walk.asked.add(n.replace(/^a_/, ''));
		}
		answered += names.length;
		if (pages === 1)
			await axe(page, `${questionnaire} page 1 answered`);
		if (pages === 3 && !stopped) {
			// Save and stop; come back through the questionnaires page.
			await submit(page, 'main button[name=action][value=stop]');
			stopped = true;
			assert(!path().startsWith(questionnaire), `after stopping: still on ${path()}`);
			if (path() !== `/clients/${c}/questionnaires`)
				await go(page, base, `/clients/${c}/questionnaires`, path());
			await axe(page, `/clients/${c}/questionnaires with one in progress`);
			const resume = page.locator(`main a[href^="${questionnaire}"]`).first();
			assert(await resume.count(), 'the questionnaires page has no link to resume');
			await Promise.all([page.waitForNavigation(), resume.click()]);
			const again = await page.$$eval('main form input[type=radio]:checked', (e) => e.length);
			assert(again === 0, `resumed on a page with ${again} answers already given`);
			continue;
		}
		const last = await page.locator('main button[name=action][value=complete]').count();
		await submit(page, `main button[name=action][value=${last ? 'complete' : 'next'}]`);
		finished = last > 0;
		if (!finished) {
			const err = await page.locator('#error-summary').count();
			assert(err === 0, `page ${pages}: error summary after a complete page`);
		}
	}
	assert(stopped, 'the questionnaire ended before the stop-and-resume check');
	walk.bigFiveAnswered = answered;
	walk.bigFivePages = pages;
	assert(answered === 118 && walk.asked.size === 118 && !walk.asked.has('i28') && !walk.asked.has('i88'),
	       `${answered} statements answered; expected 118: all but the two voting items of O6 (i28, i88)`);
});

step('Big Five results: domain scores as computed by hand from the answers', async ({ base }) => {
	const page = walk.page, c = walk.client;
	if (!/\/results\/ipip-neo-120$/.test(path()))
		await go(page, base, `/clients/${c}/results/ipip-neo-120`, 'the completed questionnaire');
	await axe(page, path());
	// Expected: facet = sum of its keyed answers (reverse: 6 - answer); O6 has
	// two of its four items asked, so it is prorated x2; domain = sum of its
	// six facets; T = 50 + 10 (raw - mean) / sd with the published female
	// 21-40 norms (the client is 36).
	const pack = JSON.parse(readFileSync(join(root, 'data/packs/ipip-neo-120.json'), 'utf8'));
	const keyed = Object.fromEntries(pack.items.map((i) => [i.id, i.keyed]));
	const norms = readFileSync(join(root, 'data/norms/ipip-neo-120-norms.tsv'), 'utf8')
		.split('\n').find((l) => l.startsWith('female_21_40\t')).split('\t').slice(1).map(Number);
	const domains = ['n', 'e', 'o', 'a', 'c'];
	const labels = { n: 'Emotionele gevoeligheid', e: 'Extraversie', o: 'Openheid', a: 'Vriendelijkheid',
			 c: 'Zorgvuldigheid' };
	const facet = {};
	for (const s of pack.scales.filter((x) => x.items)) {
		const items = s.items.filter((i) => walk.asked.has(i));
		const sum = items.reduce((t, i) => t + (keyed[i] === '+' ? answerOf(i) : 6 - answerOf(i)), 0);
		facet[s.id] = sum * s.items.length / items.length;
	}
	const rows = await page.$$eval('main table tr', (trs) => trs.map((tr) =>
		[...tr.querySelectorAll('th,td')].map((td) => td.innerText.trim())));
	const num = (s) => Number(s.replace(',', '.'));
	const problems = [];
	domains.forEach((d, k) => {
		const raw = [1, 2, 3, 4, 5, 6].reduce((t, f) => t + facet[`${d}${f}`], 0);
		const t = 50 + 10 * (raw - norms[k]) / norms[5 + k];
		const row = rows.find((r) => r[0] === labels[d]);
		if (!row)
			return problems.push(`no row for ${labels[d]}`);
		if (Math.abs(num(row[1]) - raw) > 0.005)
			problems.push(`${labels[d]}: raw ${row[1]}, expected ${raw}`);
		if (Math.abs(num(row[2]) - t) > 0.05 + 1e-9)
			problems.push(`${labels[d]}: T ${row[2]}, expected ${t.toFixed(2)}`);
	});
	assert(problems.length === 0, problems.join('\n'));
	assert(await page.locator('main svg').count() > 0, 'no chart on the results page');
}, { check: true });

step('I.P.M. factor interview: every factor rated, finished', async ({ base }) => {
	const page = walk.page, c = walk.client;
	await go(page, base, `/clients/${c}`, path()); // back to the dossier by its link
	await go(page, base, `/clients/${c}/factors`, 'the dossier');
	const names = await page.$$eval('main form input[type=radio]', (els) =>
		[...new Set(els.map((e) => e.name))]);
	assert(names.length >= 10, `only ${names.length} factors to rate`);
	// A hindering start (language, work experience), the rest mixed.
	const ratings = {};
	names.forEach((n, i) => { ratings[n] = [-2, -1, 0, 1, 1, -1, 2][i % 7]; });
	for (const [n, r] of Object.entries(ratings))
		await page.check(`input[name="${n}"][value="${r}"]`);
	// The labels of the factors rated as hindering, for the reasons later.
	const labels = await page.$$eval('main fieldset.ipm-factor', (fs) => fs.map((f) => [
		f.querySelector('input[type=radio]').name,
		f.querySelector('legend').childNodes[0].textContent.trim()]));
	walk.hindering = labels.filter(([n]) => ratings[n] < 0).map(([, l]) => l);
	await axe(page, `/clients/${c}/factors filled in`);
	const res = await submit(page, 'main button[name=action][value=finish]');
	assert(res.status() === 200, `finishing the interview: HTTP ${res.status()}`);
	assert(await page.locator('#error-summary').count() === 0,
	       `finishing the interview: ${(await mainText()).slice(0, 400)}`);
	walk.ratings = ratings;
	await axe(page, path());
});

step('I.P.M. factor profile: hindering and facilitating factors', async ({ base }) => {
	const page = walk.page, c = walk.client;
	await go(page, base, `/clients/${c}/profile`, path());
	const text = await mainText();
	assert(/belemmer/i.test(text) && /bevorder/i.test(text),
	       `the profile does not say "belemmerend" and "bevorderend":\n${text.slice(0, 600)}`);
}, { check: true });

step('prognosis: computed, with its explanation', async ({ base }) => {
	const page = walk.page, c = walk.client;
	await go(page, base, `/clients/${c}/prognosis`, path());
	const compute = page.locator('main form[action$="/prognosis"] button[type=submit]');
	if (!/%/.test(await mainText()) && await compute.count()) {
		await submit(page, 'main form[action$="/prognosis"] button[type=submit]');
		await axe(page, `/clients/${c}/prognosis computed`);
	}
	const text = await mainText();
	assert(/\d+ ?%/.test(text), 'no chance in % on the prognosis page');
	assert(await page.locator('main table').count() > 0, 'no explanation table (factor contributions)');
});

step('prognosis: marked "niet gekalibreerd"', async () => {
	const text = await mainText();
	assert(/niet gekalibreerd/i.test(text), `no "niet gekalibreerd" on the prognosis page:\n${text.slice(0, 800)}`);
}, { check: true });

step('judgement: override the prognosis band with a reason; the computed value stays', async ({ base }) => {
	const page = walk.page, c = walk.client;
	await go(page, base, `/clients/${c}/judgement`, path());
	const form = 'main form:has(input[name=subject][value="prognose.band"])';
	assert(await page.locator(form).count() === 1, 'no judgement form for the prognosis band');
	const options = await page.$$eval(`${form} select[name=value] option`, (os) =>
		os.map((o) => ({ value: o.value, label: o.textContent.trim() })).filter((o) => o.value));
	assert(options.length >= 1, 'no other band to choose');
	const block = '#j-prognose-band';
	const computed = (await page.innerText(`${block} dd >> nth=0`)).trim();
	assert(/%/.test(computed), `the computed band reads "${computed}"`);
	const choice = options[0];
	assert(!computed.startsWith(choice.label), `the band to choose (${choice.label}) is the computed one`);
	// An override without a reason is refused.
	await page.selectOption(`${form} select[name=value]`, choice.value);
	let res = await submit(page, `${form} button[name=decision][value=override]`);
	assert(res.status() >= 400 && await page.locator(`${block} [role=alert]`).count() === 1,
	       `an override without a reason: HTTP ${res.status()}, no error at the item`);
	await axe(page, `/clients/${c}/judgement with an error`);

	const reason = 'E2E: in het gesprek bleek een concreet baanaanbod in de regio.';
	await page.selectOption(`${form} select[name=value]`, choice.value);
	await page.selectOption(`${form} select[name=reason_code]`, { index: 1 });
	await page.fill(`${form} input[name=reason_text]`, reason);
	res = await submit(page, `${form} button[name=decision][value=override]`);
	assert(res.status() === 200, `override: HTTP ${res.status()}`);
	const decision = await page.innerText(`${block} dd >> nth=1`);
	assert(decision.includes(reason) && decision.includes(choice.label),
	       `the decision reads "${decision.trim()}": not the override to ${choice.label} with the reason`);
	const after = (await page.innerText(`${block} dd >> nth=0`)).trim();
	assert(after === computed, `the computed band changed from "${computed}" to "${after}"`);
	await axe(page, `/clients/${c}/judgement after the override`);
});

step('matched instruments with their reasons', async ({ base }) => {
	const page = walk.page, c = walk.client;
	await go(page, base, `/clients/${c}`, path());
	await go(page, base, `/clients/${c}/instruments`, 'the dossier');
	const text = await mainText();
	const instruments = await page.locator('main a[href^="/catalogue/"]').count();
	assert(instruments >= 3, `${instruments} instruments matched:\n${text.slice(0, 600)}`);
	// Each reason names what the instrument answers; at least one of the
	// factors the walk rated as hindering must be among them.
	const named = walk.hindering.filter((l) => text.includes(l));
	assert(named.length > 0, `no reason names a hindering factor (${walk.hindering.join(', ')}):\n` +
	       text.slice(0, 1200));
	return [`reasons name ${named.length} of the ${walk.hindering.length} hindering factors: ${named.join(', ')}`];
});

test('route walk: close the browser context', async () => {
	if (walk.ctx)
		await walk.ctx.close();
});
