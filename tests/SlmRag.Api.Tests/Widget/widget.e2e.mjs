// End-to-end check of the <slmrag-chat> widget in headless Chromium, run by WidgetEndToEndTests.
// Usage: node widget.e2e.mjs <host page url> <question> <expected answer text> <expected cited text>
// Prints one JSON line with what it saw; exits 1 when an expectation fails.
import { chromium } from "playwright-core";

const [pageUrl, question, expectedAnswer, expectedCited] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
const result = {};
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl);
  const widget = page.locator("slmrag-chat");

  // Keyboard only: tab into the input, type, press Enter.
  await page.keyboard.press("Tab");
  result.focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute("aria-label"));
  await page.keyboard.type(question);
  await page.keyboard.press("Enter");

  const answer = widget.locator(".answer");
  await answer.filter({ hasText: expectedAnswer }).waitFor({ timeout: 15000 });
  const source = widget.locator("ol.citations li a").first();
  await source.waitFor({ timeout: 15000 });
  // The "done" event arrives after the citations: wait for it before reading the status line.
  await widget.locator(".status").filter({ hasText: "Answered from" }).waitFor({ timeout: 15000 });
  result.answer = await answer.innerText();
  result.source = await source.innerText();
  result.status = await widget.locator(".status").innerText();
  result.accent = await widget.locator("button").evaluate((b) => getComputedStyle(b).backgroundColor);
  result.markerLinks = await widget.locator(".answer sup a").count();

  // The citation opens the document viewer with the cited passage highlighted.
  const [viewer] = await Promise.all([context.waitForEvent("page"), source.click()]);
  await viewer.waitForLoadState();
  result.viewerTitle = await viewer.title();
  result.highlighted = await viewer.locator("mark#cited").innerText();

  const ok = result.answer.includes(expectedAnswer) && result.highlighted.includes(expectedCited) && result.markerLinks > 0 && result.focused;
  console.log(JSON.stringify({ ok, ...result }));
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error), ...result }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
