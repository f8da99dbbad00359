// One measurement of node-llama-cpp 3.22.1 for bench/SlmRag.Bench 'llama', printed as one JSON line:
// prompt processing (evaluate the prompt), time to first token, generation rate (greedy), peak RSS.
// Usage: node bench.mjs <model.gguf> <prompt-tokens.json> <threads> <generate> <context> <Auto|Enabled|Disabled>
import { readFileSync } from "node:fs";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

const [modelPath, promptFile, threadsArg, generateArg, contextArg, flashArg] = process.argv.slice(2);
const flashAttention = flashArg === "Auto" ? "auto" : flashArg === "Enabled";
const prompt = JSON.parse(readFileSync(promptFile, "utf8"));
const threads = Number(threadsArg), generate = Number(generateArg), contextSize = Number(contextArg);

const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error, maxThreads: threads });
const model = await llama.loadModel({ modelPath });
const context = await model.createContext({ contextSize, batchSize: 512, threads: { ideal: threads, min: threads }, sequences: 1, flashAttention });
const sequence = context.getSequence();

// Warm-up, as in a running service: a short generation before anything is timed.
let warm = 0;
for await (const token of sequence.evaluate(prompt.slice(0, 8), { temperature: 0 })) if (++warm === 32) break;
await sequence.clearHistory();

let start = performance.now();
await sequence.evaluateWithoutGeneratingNewTokens(prompt);
const promptMs = performance.now() - start;
await sequence.clearHistory();

// A different prompt of the same length, so nothing of the first evaluation can be reused.
const second = [...prompt].reverse();
start = performance.now();
let first = 0, produced = 0;
for await (const token of sequence.evaluate(second, { temperature: 0 })) {
  if (produced === 0) first = performance.now();
  if (++produced === generate) break;
}
const end = performance.now();

const status = readFileSync("/proc/self/status", "utf8");
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)[1]);
console.log(JSON.stringify({
  implementation: "node-llama-cpp",
  promptTokens: prompt.length,
  promptTokensPerSecond: prompt.length / (promptMs / 1000),
  timeToFirstTokenMs: first - start,
  generatedTokens: produced,
  generationTokensPerSecond: (produced - 1) / ((end - first) / 1000),
  peakMemoryMb: peakKb / 1024,
}));
await context.dispose();
await model.dispose();
