// Browser tests: node tests/e2e/run.mjs [test_file.mjs ...]
//
// Builds a fresh demo database, starts `ipm serve` on a free port, runs every
// tests/e2e/test_*.mjs (or the files named) in Debian's Chromium, stops the
// server and prints one TAP-like line per test ("ok 3 - name" or "not ok 3 -
// name" with the reason indented below) and a closing "N passed, N failed".
// IPM_BIN picks the binary (default build/ipm), CHROMIUM the browser;
// IPM_BASE=http://127.0.0.1:PORT runs against a server already running on a
// demo database instead (for working on a test).
import { readdirSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, startServer, launchBrowser, registered } from './lib.mjs';

const dir = join(root, 'tests/e2e');
const files = process.argv.length > 2
	? process.argv.slice(2).map((f) => resolve(f))
	: readdirSync(dir).filter((f) => /^test_.*\.mjs$/.test(f)).sort().map((f) => join(dir, f));

let passed = 0, failed = 0, n = 0;
function report(ok, name, error, notes = []) {
	n++;
	if (ok) {
		passed++;
		console.log(`ok ${n} - ${name}`);
		for (const line of notes)
			console.log(`    # ${line}`);
	} else {
		failed++;
		console.log(`not ok ${n} - ${name}`);
		const text = error instanceof Error ? (error.stack || error.message) : String(error);
		console.log(text.replace(/^/gm, '    # '));
	}
}

let server = null, browser = null;
try {
	server = process.env.IPM_BASE ? null : await startServer();
	const base = process.env.IPM_BASE || server.base;
	browser = await launchBrowser();
	for (const file of files) {
		const before = registered.length;
		await import(pathToFileURL(file).href);
		for (const t of registered.slice(before)) {
			const name = `${basename(file, '.mjs')}: ${t.name}`;
			try {
				// A test may return lines to show under its "ok" line.
				const notes = await t.fn({ base, browser });
				report(true, name, null, Array.isArray(notes) ? notes : []);
			} catch (e) {
				report(false, name, e);
			}
		}
	}
} catch (e) {
	report(false, 'set-up (database, server, browser)', e);
} finally {
	if (browser)
		await browser.close();
	if (server) {
		const exit = await server.stop();
		// A clean SIGTERM shutdown is part of the contract (graceful stop).
		if (exit && exit.code !== 0)
			report(false, 'ipm serve stops cleanly on SIGTERM',
			       `exit ${exit.code ?? exit.signal}\n${server.stderr()}`);
	}
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
