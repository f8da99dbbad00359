// SlmRag intranet widget: <slmrag-chat collection="handbook" api-key="slm_..."></slmrag-chat>
// One script tag (<script src="https://slmrag.example/widget.js" defer></script>), no framework.
// Attributes: collection (required), api-key (a publishable key; none while the service runs open), endpoint
// (defaults to this script's origin), placeholder. A page on another origin needs that origin in the service's
// Widget:AllowedOrigins (open service) or in its publishable key's Origins (slmrag keys create --origin). Theme with CSS variables on the element: --slmrag-accent, --slmrag-bg, --slmrag-fg,
// --slmrag-muted, --slmrag-font, --slmrag-radius.
(() => {
  const scriptOrigin = document.currentScript ? new URL(document.currentScript.src, location.href).origin : location.origin;

  const css = `
    :host { display: block; font: var(--slmrag-font, 15px/1.5 system-ui, sans-serif); color: var(--slmrag-fg, #1c1c1c);
            background: var(--slmrag-bg, #fff); border: 1px solid var(--slmrag-muted, #ccc); border-radius: var(--slmrag-radius, 8px); padding: .75rem; }
    form { display: flex; gap: .5rem; }
    input { flex: 1; font: inherit; padding: .45rem .6rem; border: 1px solid var(--slmrag-muted, #ccc); border-radius: var(--slmrag-radius, 8px); }
    button { font: inherit; padding: .45rem .9rem; border: 0; border-radius: var(--slmrag-radius, 8px); background: var(--slmrag-accent, #2457d6); color: #fff; cursor: pointer; }
    button[disabled] { opacity: .6; cursor: progress; }
    input:focus-visible, button:focus-visible, a:focus-visible { outline: 2px solid var(--slmrag-accent, #2457d6); outline-offset: 2px; }
    .answer { margin: .75rem 0 0; white-space: pre-wrap; }
    .answer sup a { color: var(--slmrag-accent, #2457d6); text-decoration: none; font-weight: 600; }
    .status { color: var(--slmrag-muted, #666); font-size: .9em; min-height: 1.2em; }
    ol { margin: .5rem 0 0; padding-left: 1.4rem; font-size: .9em; }
    ol a { color: var(--slmrag-accent, #2457d6); }
    .meta { color: var(--slmrag-muted, #666); }`;

  class SlmRagChat extends HTMLElement {
    #controller = null;
    #conversation = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));

    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      root.innerHTML = `<style>${css}</style>
        <form part="form" role="search">
          <input part="input" name="q" type="text" autocomplete="off" required maxlength="4000" />
          <button part="button" type="submit">Ask</button>
        </form>
        <div class="status" role="status" aria-live="polite"></div>
        <div class="answer" part="answer" aria-live="polite"></div>
        <ol class="citations" part="citations" aria-label="Sources"></ol>`;
      this.dataset.state = "empty";
      this.input = root.querySelector("input");
      this.button = root.querySelector("button");
      this.status = root.querySelector(".status");
      this.answer = root.querySelector(".answer");
      this.list = root.querySelector("ol");
      const label = this.getAttribute("placeholder") || "Ask a question about the documents";
      this.input.placeholder = label;
      this.input.setAttribute("aria-label", label);
      root.querySelector("form").addEventListener("submit", (e) => { e.preventDefault(); this.ask(this.input.value); });
      this.input.addEventListener("keydown", (e) => { if (e.key === "Escape" && this.#controller) this.#controller.abort(); });
    }

    get endpoint() { return (this.getAttribute("endpoint") || scriptOrigin).replace(/\/$/, ""); }

    async ask(question) {
      question = (question || "").trim();
      if (!question) return;
      this.#controller?.abort();
      const controller = this.#controller = new AbortController();
      this.answer.textContent = "";
      this.list.textContent = "";
      this.status.textContent = "Searching the documents…";
      this.dataset.state = "searching";
      this.button.disabled = true;
      let text = "";
      try {
        const headers = { "Content-Type": "application/json", "Accept": "text/event-stream" };
        const key = this.getAttribute("api-key");
        if (key) headers["Authorization"] = `Bearer ${key}`;
        const collection = encodeURIComponent(this.getAttribute("collection") || "");
        const response = await fetch(`${this.endpoint}/v1/collections/${collection}/ask`, {
          method: "POST", headers, signal: controller.signal,
          body: JSON.stringify({ question, conversationId: this.#conversation }),
        });
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          const retry = response.headers.get("Retry-After");
          throw new Error((problem.detail || problem.title || `HTTP ${response.status}`) + (retry ? ` Try again in ${retry} s.` : ""));
        }
        for await (const [event, data] of this.#events(response.body)) {
          if (event === "delta") { text += data.text; this.#render(text, []); this.status.textContent = "Writing the answer…"; this.dataset.state = "streaming"; }
          else if (event === "citations") { this.#render(text, data.citations); this.#cite(data.citations, data.abstained); }
          else if (event === "done") { this.status.textContent = this.#summary(data); this.dataset.state = data.abstained ? "abstained" : "answered"; }
        }
      } catch (error) {
        this.dataset.state = error.name === "AbortError" ? "stopped" : "error";
        this.status.textContent = error.name === "AbortError" ? "Stopped."
          // fetch() rejects with a TypeError when the service is unreachable or refuses this page's origin (CORS).
          : error instanceof TypeError ? `Could not reach the knowledge service at ${this.endpoint}. If it is running, add this page's origin (${location.origin}) to its Widget:AllowedOrigins setting, or use a publishable key made for it.`
          : `Sorry, something went wrong: ${error.message}`;
      } finally {
        this.button.disabled = false;
        if (this.#controller === controller) this.#controller = null;
      }
    }

    // "Answered from 2 documents in 1.2 s." — what a reader needs, not which model or pipeline answered.
    #summary(answer) {
      const seconds = (answer.timings.totalMs / 1000).toFixed(1);
      if (answer.abstained) return `Searched the documents in ${seconds} s: no passage answers this.`;
      const documents = new Set(answer.citations.map((c) => c.documentId)).size;
      return `Answered from ${documents} ${documents === 1 ? "document" : "documents"} in ${seconds} s.`;
    }

    // Server-Sent Events from a fetch body: yields [event, parsed data].
    async *#events(body) {
      const reader = body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message", data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) data += line.slice(6);
          }
          if (data) yield [event, JSON.parse(data)];
        }
      }
    }

    // Answer text with [n] markers turned into links to the numbered sources.
    #render(text, citations) {
      this.answer.textContent = "";
      const numbers = new Set(citations.map((c) => c.number));
      for (const part of text.split(/(\[\d+\])/)) {
        const marker = /^\[(\d+)\]$/.exec(part);
        if (marker && numbers.has(Number(marker[1]))) {
          const sup = document.createElement("sup");
          const link = document.createElement("a");
          link.href = `#slmrag-source-${marker[1]}`;
          link.textContent = part;
          link.setAttribute("aria-label", `Source ${marker[1]}`);
          link.addEventListener("click", (e) => { e.preventDefault(); this.list.querySelector(`[data-number="${marker[1]}"] a`)?.focus(); });
          sup.append(link);
          this.answer.append(sup);
        } else {
          this.answer.append(document.createTextNode(part));
        }
      }
    }

    #cite(citations, abstained) {
      this.list.textContent = "";
      this.list.setAttribute("aria-label", abstained ? "Closest sources" : "Sources");
      for (const c of citations) {
        const item = document.createElement("li");
        item.value = c.number;
        item.dataset.number = c.number;
        const link = document.createElement("a");
        link.href = new URL(c.viewUrl || c.sourceUrl || "#", this.endpoint + "/").href;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = c.title;
        // The section path usually starts with the document's title: do not print it twice.
        const sections = (c.sectionPath || []).filter((s, i) => !(i === 0 && c.title.toLowerCase().startsWith(s.toLowerCase())));
        const where = [sections.join(" › "), c.pageStart ? `page ${c.pageStart}` : ""].filter(Boolean).join(", ");
        const meta = document.createElement("span");
        meta.className = "meta";
        meta.textContent = where ? ` — ${where}` : "";
        item.append(link, meta);
        this.list.append(item);
      }
    }
  }

  if (!customElements.get("slmrag-chat")) customElements.define("slmrag-chat", SlmRagChat);
})();
