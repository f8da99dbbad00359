// Screenshots of the <slmrag-chat> widget in each state, run by WidgetStatesTests against an open service.
// Usage: node widget.states.mjs <allowed page url> <refused page url> <out dir> <answerable question> <unanswerable question>
// Prints one JSON line: per state, the widget's data-state, status line, answer, source count, the PNG and its share of
// non-background pixels (a blank or missing render has none). Exits 1 on an error.
import { chromium } from "playwright-core";

const [allowedUrl, refusedUrl, outDir, answerable, unanswerable] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
const states = {};
try {
  const page = await browser.newPage({ viewport: { width: 720, height: 480 } });

  // The share of pixels unlike the corner pixel, measured by the browser itself from the PNG.
  const ink = (png) => page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width: image.width, height: image.height });
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let differing = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (Math.abs(pixels[i] - pixels[0]) + Math.abs(pixels[i + 1] - pixels[1]) + Math.abs(pixels[i + 2] - pixels[2]) > 30) differing++;
    }
    return differing / (pixels.length / 4);
  }, png.toString("base64"));

  const capture = async (name, expected) => {
    const widget = page.locator("slmrag-chat");
    await page.waitForFunction((s) => document.querySelector("slmrag-chat")?.dataset.state === s, expected, { timeout: 15000 });
    const file = `${outDir}/widget-${name}.png`;
    const png = await widget.screenshot({ path: file });
    states[name] = {
      state: await widget.getAttribute("data-state"),
      status: await widget.locator(".status").innerText(),
      answer: await widget.locator(".answer").innerText(),
      sources: await widget.locator("ol.citations li").count(),
      sourceList: await widget.locator("ol.citations").innerText(),
      buttonDisabled: await widget.locator("button").isDisabled(),
      file,
      ink: await ink(png),
    };
  };

  const ask = async (question) => {
    await page.locator("slmrag-chat input").fill(question);
    await page.locator("slmrag-chat input").press("Enter");
  };

  await page.goto(allowedUrl);
  await capture("empty", "empty");

  // Streaming: the first part of an answer has arrived and the rest has not. Held at that point by answering
  // the request in the browser with the first delta only, because a real extractive answer streams too fast to catch.
  await page.route("**/ask", (route) => route.fulfill({ status: 200, contentType: "text/event-stream",
    body: 'event: delta\ndata: {"text":"Full-time employees receive 27 days of paid"}\n\n' }));
  await ask(answerable);
  await capture("streaming", "streaming");
  await page.unroute("**/ask");

  await ask(answerable);
  await capture("answered", "answered");
  await ask(unanswerable);
  await capture("abstained", "abstained");

  // Error: the same page from an origin the service does not allow; the browser's CORS check refuses the answer.
  await page.goto(refusedUrl);
  await ask(answerable);
  await capture("error", "error");

  console.log(JSON.stringify({ ok: true, states }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error), states }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
