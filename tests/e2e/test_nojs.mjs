// The route's key forms without JavaScript (issue 6: server-rendered pages
// that work without it): log-in, intake, a Big Five page saved and the next
// page shown, the factor interview saved, in a browser with scripts off.
import { test, login, newContext, assert } from './lib.mjs';

async function submit(page, button) {
	const [res] = await Promise.all([page.waitForNavigation(), page.locator(button).first().click()]);
	return res;
}

test('without JavaScript: log-in, intake, a questionnaire page, the factor interview', async ({ base, browser }) => {
	const ctx = await newContext(browser, { javaScriptEnabled: false });
	const page = await ctx.newPage();
	try {
		await login(page, base, 'consulent');

		await page.goto(`${base}/clients/new`);
		await page.fill('#f-reference', `NOJS-${Date.now().toString(36).toUpperCase()}`);
		await page.fill('#f-given_name', 'Sem');
		await page.fill('#f-family_name', 'Bakker');
		await page.fill('#f-birth_date', '1972-11-02');
		await page.check('input[name=sex][value=m]');
		await page.selectOption('select[name=benefit_type]', { index: 1 });
		await page.check('input[name=consent][value=loopbaanonderzoek]');
		await page.check('input[name=consent][value=ipm-prognose]');
		await page.check('#f-informed');
		await submit(page, 'main form button[type=submit]');
		const m = new URL(page.url()).pathname.match(/^\/clients\/(\d+)$/);
		assert(m, `intake without JavaScript ended on ${page.url()}`);
		const c = m[1];

		await page.goto(`${base}/clients/${c}/questionnaires`);
		await submit(page, 'main form:has(input[name=pack][value="ipip-neo-120"]) button[name=how][value=together]');
		const q = new URL(page.url()).pathname;
		assert(/^\/clients\/\d+\/questionnaires\/\d+$/.test(q), `start without JavaScript: ${q}`);
		const names = await page.$$eval('main form input[type=radio]', (els) => [...new Set(els.map((e) => e.name))]);
		assert(names.length > 0, 'no questions on the first page');
		// Incomplete first: the page comes back with an error summary.
		await page.check(`input[name="${names[0]}"][value="4"]`);
		await submit(page, 'main button[name=action][value=next]');
		assert(await page.locator('#error-summary').count() === 1, 'an incomplete page went on without an error');
		assert(await page.isChecked(`input[name="${names[0]}"][value="4"]`), 'the answer given was not kept');
		for (const n of names)
			await page.check(`input[name="${n}"][value="2"]`);
		await submit(page, 'main button[name=action][value=next]');
		assert(await page.locator('#error-summary').count() === 0, 'a complete page was refused');
		const progress = Number(await page.getAttribute('#q-progress', 'value'));
		assert(progress === names.length, `after page 1: progress ${progress}, expected ${names.length}`);
		const second = await page.$$eval('main form input[type=radio]', (els) => [...new Set(els.map((e) => e.name))]);
		assert(second.length > 0 && !second.includes(names[0]), 'the second page did not follow');

		const res = await page.goto(`${base}/clients/${c}/factors`);
		assert(res.status() !== 404, `MISSING: /clients/${c}/factors answers 404`);
		const factors = await page.$$eval('main form input[type=radio]', (els) => [...new Set(els.map((e) => e.name))]);
		assert(factors.length > 0, 'no factors to rate');
		await page.check(`input[name="${factors[0]}"][value="-1"]`);
		const saved = await submit(page, 'main button[name=action][value=save]');
		assert(saved.status() === 200, `saving the interview without JavaScript: HTTP ${saved.status()}`);
		await page.goto(`${base}/clients/${c}/factors`);
		assert(await page.isChecked(`input[name="${factors[0]}"][value="-1"]`), 'the saved rating is not shown again');
	} finally {
		await ctx.close();
	}
});
