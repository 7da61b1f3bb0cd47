/* The "Simulasikan" widget. Loaded only after the visitor clicks the button (sop.js imports it),
   so nothing of the widget or of Pyodide is downloaded before. It talks to a module Web Worker that
   runs the same Python engine as the tests (sop_ap.engine) under Pyodide. */

const TEXT = {
  loading: "Menyiapkan simulasi…",
  failed: "Simulasi tidak dapat dijalankan",
  noWasm: "Peramban ini tidak dapat menjalankan WebAssembly, sehingga simulasi tidak tersedia. Bagian lain halaman ini tetap dapat dipakai.",
};

let worker = null;
let nextId = 1;
const pending = new Map();
const progressListeners = new Set();

function getWorker(urls) {
  if (worker) return worker;
  worker = new Worker(urls.worker, { type: "module" });
  worker.onmessage = (event) => {
    const msg = event.data || {};
    if (msg.event === "snapshot-cached") {
      // The start-up snapshot is now in the browser's cache: the next visit starts faster.
      document.documentElement.dataset.sopSimSnapshot = "cached";
      return;
    }
    if (msg.progress !== undefined) {
      progressListeners.forEach((fn) => fn(msg.progress, msg.pct));
      return;
    }
    const entry = pending.get(msg.id);
    if (!entry) return;
    pending.delete(msg.id);
    if (msg.ok) entry.resolve(msg.result);
    else entry.reject(new Error(msg.error || TEXT.failed));
  };
  worker.onerror = (event) => {
    const error = new Error(TEXT.failed + ": " + (event.message || "galat pada worker"));
    pending.forEach((entry) => entry.reject(error));
    pending.clear();
    worker = null;
  };
  return worker;
}

function call(urls, cmd, args) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker(urls).postMessage({ id: id, cmd: cmd, args: args || {} });
  });
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([key, value]) => {
    if (value === null || value === undefined || value === false) return;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  });
  children.flat().forEach((child) => {
    if (child === null || child === undefined || child === false) return;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return node;
}

/** Replace a node's children; null, undefined and false mean "nothing here" (replaceChildren would
    print them as text). */
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

function list(items) {
  if (!items || !items.length) return el("span", { class: "sop-muted" }, "-");
  if (items.length === 1) return el("span", {}, items[0]);
  return el("ul", {}, items.map((item) => el("li", {}, item)));
}

function highlight(variant, step, view) {
  document.querySelectorAll(".is-current").forEach((node) => node.classList.remove("is-current"));
  if (step === null || step === undefined) return;
  // The step's row and its symbols; when the row holds symbols in several lanes, only those of the lane that
  // holds the case (or of the step's performers), as on the flowchart: the current lane's symbol.
  const symbols = Array.from(document.querySelectorAll(
    `svg.sop-fc[data-chart="${variant}"] .sop-step[data-step="${step}"]`));
  const lanes = view ? [view.holder, ...(view.performers || [])].filter(Boolean) : [];
  const here = symbols.filter((node) => lanes.includes(node.getAttribute("data-lane-name")));
  (here.length && here.length < symbols.length ? here : symbols).forEach((node) => node.classList.add("is-current"));
  const row = document.getElementById(`fc${variant}-row-${step}`);
  if (row) row.classList.add("is-current");
}

/* Times that cannot be added (Semesteran, Setiap bulan, missing) named beside a total, never dropped silently. */
function skippedText(state) {
  const named = state.not_counted.filter((n) => n.kind !== "gabung");
  return named.length ? ` (tidak dihitung: ${named.map((n) => `${n.text || "tanpa waktu"}, langkah ${n.step}`).join("; ")})` : "";
}

/** The current step's symbol, copied from the flowchart into the panel: the flowchart itself is often far
    below, out of sight. Decorative (the heading says which step it is). */
function symbolFigure(variant, step) {
  const node = document.getElementById(`fc${variant}-step-${step}`);
  if (!node || typeof node.getBBox !== "function") return null;
  let box;
  try { box = node.getBBox(); } catch (error) { return null; }
  if (!box.width || !box.height) return null;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const pad = 4;
  svg.setAttribute("viewBox", `${box.x - pad} ${box.y - pad} ${box.width + 2 * pad} ${box.height + 2 * pad}`);
  svg.setAttribute("class", "sop-fc sop-sim-symbol");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  // As on the flowchart's own <svg>: labels centred in their box, same font.
  const chart = node.closest("svg");
  ["text-anchor", "font-family"].forEach((name) => {
    if (chart && chart.getAttribute(name)) svg.setAttribute(name, chart.getAttribute(name));
  });
  const copy = node.cloneNode(true);
  [copy, ...copy.querySelectorAll("[id]")].forEach((n) => n.removeAttribute("id"));
  ["tabindex", "role"].forEach((name) => copy.removeAttribute(name));
  copy.classList.add("is-current");
  copy.querySelectorAll("title").forEach((t) => t.remove());
  svg.append(copy);
  return el("figure", { class: "sop-sim-figure" }, svg, el("figcaption", {}, "Di bagan alir"));
}

/** Raised for a command of a panel that is no longer the one in use (its page was left, or it was
    closed and opened again): the worker holds one SOP, which belongs to the newest panel. */
class Superseded extends Error {}

let active = null;

class Simulation {
  call(cmd, args) {
    if (active !== this || !this.panel.isConnected) return Promise.reject(new Superseded("superseded"));
    return call(this.urls, cmd, args);
  }

  constructor(button) {
    active = this;
    this.button = button;
    const data = button.dataset;
    const abs = (url) => new URL(url, document.baseURI).href;
    this.urls = {
      sop: abs(data.sopJson), worker: abs(data.worker), runtimeURL: abs(data.runtime), lockFileURL: abs(data.lock),
      packageBaseURL: abs(data.packages), snapshotURL: data.snapshot ? abs(data.snapshot) : null,
    };
    this.variant = 0;
    this.mode = "simulasi";
    this.panel = el("section", { class: "sop-sim", "aria-label": "Simulasi kasus" });
    this.status = el("div", { class: "sop-sim-status", role: "status", "aria-live": "polite" });
    this.body = el("div", { class: "sop-sim-body" });
    this.panel.append(
      el("div", { class: "sop-sim-head" },
        el("h2", { class: "sop-sim-title" }, "Simulasi kasus"),
        el("button", { type: "button", class: "md-button sop-sim-close", onclick: () => this.close() }, "Tutup")),
      this.status, this.body);
    button.closest(".sop-actions").after(this.panel);
  }

  say(text) {
    this.status.textContent = text;
  }

  close() {
    if (active === this) active = null;  // a boot still running must not draw into the page later
    highlight(0, null);
    this.panel.remove();
    this.button.disabled = false;
    this.button.setAttribute("aria-expanded", "false");
    this.button.focus();
  }

  fail(error) {
    fill(this.body, el("div", { class: "admonition failure", role: "alert" },
      el("p", { class: "admonition-title" }, TEXT.failed),
      el("p", {}, error && error.message ? error.message : String(error))));
    this.say("");
  }

  async open() {
    this.button.disabled = true;
    this.button.setAttribute("aria-expanded", "true");
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.fail(new Error(TEXT.noWasm));
      return;
    }
    const bar = el("progress", { max: "100", value: "0", class: "sop-sim-progress" });
    const label = el("span", {}, TEXT.loading);
    fill(this.body, el("div", { class: "sop-sim-loading" }, label, bar));
    const onProgress = (text, pct) => { label.textContent = text; bar.value = pct; this.say(text); };
    progressListeners.add(onProgress);
    try {
      const [sop, started] = await Promise.all([
        fetch(this.urls.sop).then((r) => {
          if (!r.ok) throw new Error("Data SOP tidak dapat dimuat (" + r.status + ").");
          return r.json();
        }).then((data) => data.sop || data),  // data/sop/<id>.json: {versi, id, url, sop, ringkasan}
        this.call("init", this.urls),
      ]);
      this.panel.dataset.boot = started && started.boot ? started.boot : "";
      this.sop = sop;
      this.info = await this.call("load", { sop: sop });
      this.render(await this.call("start", { variant: 0 }));
    } catch (error) {
      if (!(error instanceof Superseded)) this.fail(error);
    } finally {
      progressListeners.delete(onProgress);
      this.button.disabled = false;
    }
  }

  toolbar() {
    const info = this.info;
    // Choosing in the list changes nothing yet (an arrow key would otherwise start a training at once):
    // "Terapkan" confirms.
    const modeSelect = el("select", { "aria-label": "Mode" },
      el("option", { value: "simulasi", selected: this.mode === "simulasi" }, "Simulasi"),
      info.variants[this.variant].roles.map((role) => el("option", { value: "latihan:" + role, selected: this.mode === "latihan:" + role },
        "Latihan: saya " + role)));
    const apply = el("button", { type: "button", class: "md-button sop-sim-mode-apply", disabled: true,
      onclick: () => this.switchMode(modeSelect.value) }, "Terapkan");
    modeSelect.addEventListener("change", () => { apply.disabled = modeSelect.value === this.mode; });
    const parts = [el("span", { class: "sop-sim-mode" }, el("label", {}, "Mode ", modeSelect), apply)];
    if (info.variants.length > 1) {
      parts.push(el("label", {}, "Bagan alir ",
        el("select", { onchange: (e) => this.startVariant(Number(e.target.value)) },
          info.variants.map((name, i) => el("option", { value: i, selected: i === this.variant }, name)))));
    }
    const scenarios = info.scenarios.filter((s) => s.variant === this.variant);
    if (scenarios.length && this.mode === "simulasi") {
      const select = el("select", { "aria-label": "Skenario" },
        scenarios.map((s) => el("option", { value: s.index, selected: s.index === this.scenario }, s.name)));
      parts.push(el("span", { class: "sop-sim-scenario" }, el("label", {}, "Skenario ", select),
        el("button", { type: "button", class: "md-button", onclick: () => this.replay(Number(select.value)) },
          "Putar")));
    }
    return el("div", { class: "sop-sim-toolbar" }, parts);
  }

  async run(cmd, args) {
    if (this.busy) return null;
    this.busy = true;
    this.body.setAttribute("aria-busy", "true");
    // Disabling the focused button moves the focus out of the panel: remember where it was.
    this.restoreFocus = this.body.contains(document.activeElement);
    const paused = Array.from(this.body.querySelectorAll("button, select, input")).filter((c) => !c.disabled);
    paused.forEach((control) => { control.disabled = true; });
    try {
      const result = await this.call(cmd, args);
      return result;
    } catch (error) {
      this.restoreFocus = false;
      if (error instanceof Superseded) return null;
      this.lastError = error.message;
      this.say(error.message);
      const note = this.body.querySelector(".sop-sim-message");
      if (note) note.textContent = error.message;
      return null;
    } finally {
      // Controls still shown (an answer that redraws only a part, such as the estimate) work again.
      paused.forEach((control) => { control.disabled = false; });
      this.busy = false;
      this.body.removeAttribute("aria-busy");
    }
  }

  async act(cmd, args) {
    const state = await this.run(cmd, args);
    if (state) this.render(state);
  }

  async startVariant(variant) {
    this.variant = variant;
    if (this.mode === "simulasi") {
      const state = await this.run("start", { variant: variant });
      if (state) this.render(state);
    } else this.switchMode(this.mode);
  }

  async switchMode(mode) {
    this.mode = mode;
    if (mode === "simulasi") {
      const state = await this.run("start", { variant: this.variant });
      if (state) this.render(state);
    } else {
      const role = mode.slice("latihan:".length);
      const quiz = await this.run("training_start", { variant: this.variant, role: role, seed: 1 });
      if (quiz) this.renderTraining(quiz);
    }
  }

  async replay(index) {
    this.scenario = index;
    const state = await this.run("scenario", { index: index });
    if (state) this.render(state);
  }

  /** Show a new step. A keyboard user who acted inside the panel keeps the focus there: on the new
      step's first action (or, when the case is over, on its heading) instead of the page's top. */
  replaceBody(...children) {
    const hadFocus = this.restoreFocus || this.body.contains(document.activeElement);
    this.restoreFocus = false;
    fill(this.body, ...children);
    if (!hadFocus) return;
    const finished = this.state && this.state.status === "finished";
    // In a training the question gets the focus, never an answer: a focused answer looks chosen already.
    const question = this.body.querySelector(".sop-sim-option") ? this.body.querySelector(".sop-sim-step h3") : null;
    const target = question || (!finished && this.body.querySelector(".sop-sim-step .sop-sim-actions button:enabled"))
      || this.body.querySelector(".sop-sim-step h3");
    if (target) {
      if (target.tagName === "H3") target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }

  /** The symbol in plain words: a terminator is where the procedure starts ("Mulai") or ends ("Selesai"). */
  symbolWord(step) {
    if (step.decision) return "Keputusan";
    if (step.symbol === "penghubung") return "Penghubung";
    if (step.symbol !== "terminator") return "Proses";
    const chart = this.sop && this.sop.varian ? this.sop.varian[this.variant] : this.sop;
    const steps = (chart && chart.langkah) || [];
    return steps.length && steps[0].no === step.no ? "Mulai" : "Selesai";
  }

  render(state) {
    if (!this.panel.isConnected) return;  // its page was left or the panel closed meanwhile
    this.state = state;
    const step = state.step;
    highlight(state.variant.index, step ? step.no : null, step);
    const main = [];
    if (state.status === "finished") {
      // The total once (the engine's closing message says it again: not shown).
      main.push(el("h3", {}, "Kasus selesai"),
        el("p", {}, "Total waktu baku yang berjalan: ", el("strong", {}, state.elapsed.label), skippedText(state)));
    } else if (state.choose_start) {
      main.push(el("h3", {}, "Mulai"), el("p", { class: "sop-sim-activity" }, step.activity),
        el("p", { class: "sop-muted" }, "Bagan alir ini punya beberapa titik mulai; pilih salah satu."));
    } else if (step) {
      const kind = this.symbolWord(step);
      main.push(
        el("div", { class: "sop-sim-where" }, el("h3", {}, `Langkah ${step.no} · ${kind}`),
          symbolFigure(state.variant.index, step.no)),
        el("p", { class: "sop-sim-activity" }, step.activity),
        step.text ? el("p", { class: "sop-sim-symbol-text" }, `Di dalam simbol: “${step.text}”`) : null,
        state.branches > 1 ? el("p", { class: "sop-muted" }, `${state.branches} cabang berjalan bersamaan; waktu dihitung menurut cabang terlama.`) : null,
        el("dl", { class: "sop-sim-facts" },
          el("dt", {}, "Yang bertindak"), el("dd", {}, step.performer_text,
            step.mode === "salah_satu" ? " (salah satu)" : step.performers.length > 1 ? " (bersama)" : ""),
          el("dt", {}, "Yang diperlukan"), el("dd", {}, list(step.inputs)),
          el("dt", {}, "Yang dihasilkan"), el("dd", {}, list(step.outputs)),
          el("dt", {}, "Waktu baku langkah ini"), el("dd", {}, step.time.text || "-"),
          el("dt", {}, "Waktu berjalan"), el("dd", {}, el("strong", {}, state.elapsed.label), skippedText(state))));
    }
    if (state.message && state.status !== "finished") {
      main.push(el("p", { class: "sop-sim-message", role: "alert" }, state.message));
    }
    else main.push(el("p", { class: "sop-sim-message" }));
    const buttons = [];
    if (state.status !== "finished" && step && state.status !== "stopped") {
      if (state.choices.length && step.decision) {
        state.choices.forEach((choice) => buttons.push(el("button", {
          type: "button", class: "md-button md-button--primary",
          onclick: () => this.act("choose", { label: choice.label }),
        }, state.choose_start ? choice.label
          : `${choice.label} → ${choice.target === "selesai" ? "selesai" : "langkah " + choice.target}`)));
      } else {
        buttons.push(el("button", { type: "button", class: "md-button md-button--primary",
          onclick: () => this.act("advance") }, "Lanjut"));
      }
    }
    buttons.push(el("button", { type: "button", class: "md-button", disabled: !state.can_undo,
      onclick: () => this.act("undo") }, "Kembali"));
    buttons.push(el("button", { type: "button", class: "md-button", onclick: () => this.act("restart") }, "Ulangi"));
    const caseFile = el("details", { class: "sop-sim-file abstract", open: true },
      el("summary", {}, `Berkas kasus (${state.case_file.length})`),
      state.case_file.length ? el("ul", {}, state.case_file.map((f) =>
        el("li", {}, f.output, el("span", { class: "sop-muted" }, ` · langkah ${f.step}${f.count > 1 ? " ×" + f.count : ""}`))))
        : el("p", { class: "sop-muted" }, "Belum ada keluaran."));
    const log = el("details", { class: "sop-sim-log quote", open: true },
      el("summary", {}, "Catatan kasus"),
      state.log.length ? el("ol", {}, state.log.map((line) => el("li", {}, line)))
        : el("p", { class: "sop-muted" }, "Belum ada langkah yang selesai."));
    const estimate = el("details", { class: "sop-sim-estimate info" },
      el("summary", {}, "Perkiraan waktu penyelesaian"), el("div", { class: "sop-sim-estimate-body" }));
    estimate.addEventListener("toggle", () => { if (estimate.open) this.renderEstimate(estimate.lastChild); });
    const notCounted = state.not_counted.length
      ? el("p", { class: "sop-muted" }, "Tidak dihitung dalam waktu berjalan: " + state.not_counted.map((n) => `${n.text || "-"} (langkah ${n.step}: ${n.reason})`).join("; "))
      : null;
    this.replaceBody(this.toolbar(),
      el("div", { class: "sop-sim-step" }, main, el("div", { class: "sop-sim-actions" }, buttons)),
      caseFile, log, estimate, notCounted, el("p", { class: "sop-muted sop-sim-convention" }, state.convention));
    this.say(state.status === "finished" ? "Kasus selesai. " + state.elapsed.label
      : step ? `Langkah ${step.no}: ${step.activity}. Oleh ${step.performer_text}.` : "");
  }

  async renderEstimate(box, overrides) {
    this.lastError = null;
    const result = await this.run("estimate", { variant: this.variant, overrides: overrides || {} });
    if (!result) {
      if (overrides && box.isConnected) this.markOutdated(box, this.lastError || "Perkiraan tidak dapat dihitung.");
      return;
    }
    const inputs = [];
    result.exits.forEach((exit, i) => {
      const input = el("input", { type: "number", min: "0", max: "1", step: "0.05", value: String(exit.probability),
        "data-step": exit.step, "data-label": exit.label, "aria-label": `Peluang ${exit.label} pada langkah ${exit.step}`,
        "aria-describedby": `sop-sim-p${i}-galat` });
      inputs.push(el("label", {}, `Langkah ${exit.step}: ${exit.label} `, input,
        el("span", { class: "sop-sim-error", id: `sop-sim-p${i}-galat` })));
    });
    const apply = el("button", { type: "button", class: "md-button", onclick: () => {
      const problem = this.checkProbabilities(box);
      if (problem) {
        this.markOutdated(box, problem);
        return;
      }
      const values = {};
      box.querySelectorAll("input[data-step]").forEach((input) => {
        values[input.dataset.step + "|" + input.dataset.label] = Number(input.value);
      });
      this.renderEstimate(box, values);
    } }, "Hitung ulang");
    fill(box,
      el("dl", { class: "sop-sim-facts sop-sim-figures" },
        el("dt", {}, "Waktu baku jalur utama"), el("dd", {}, result.main_path.label),
        el("dt", {}, "Median"), el("dd", {}, result.median ? result.median.label : "-"),
        el("dt", {}, "Persentil ke-90"), el("dd", {}, result.p90 ? result.p90.label : "-")),
      el("p", { class: "sop-sim-outdated", role: "alert" }),
      inputs.length ? el("fieldset", { class: "sop-sim-probabilities" }, el("legend", {}, "Peluang setiap jawaban"), inputs, apply) : null,
      el("p", { class: "sop-muted" }, result.note || ""));
  }

  /** Check the probabilities typed in: each between 0 and 1, and those of one decision adding up to 1. Each
      problem is written next to its input; returns a summary, or null when all is well. */
  checkProbabilities(box) {
    const inputs = Array.from(box.querySelectorAll("input[data-step]"));
    const errors = new Map();
    const groups = new Map();
    inputs.forEach((input) => {
      const text = input.value.trim().replace(",", ".");
      const value = text === "" ? NaN : Number(text);
      if (!(value >= 0 && value <= 1)) errors.set(input, "Isi angka antara 0 dan 1 (mis. 0,25).");
      const group = groups.get(input.dataset.step) || [];
      group.push([input, value]);
      groups.set(input.dataset.step, group);
    });
    groups.forEach((group, step) => {
      if (group.some(([input]) => errors.has(input))) return;
      const sum = group.reduce((total, [, value]) => total + value, 0);
      if (Math.abs(sum - 1) > 1e-6) {
        const shown = sum.toLocaleString("id-ID", { maximumFractionDigits: 3 });
        group.forEach(([input]) => errors.set(input,
          `Jumlah peluang jawaban langkah ${step} harus 1 (sekarang ${shown}).`));
      }
    });
    inputs.forEach((input) => {
      const note = document.getElementById(input.getAttribute("aria-describedby"));
      const message = errors.get(input) || "";
      if (note) note.textContent = message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
    if (!errors.size) return null;
    const first = inputs.find((input) => errors.has(input));
    if (first) first.focus();
    return "perbaiki peluang yang ditandai.";
  }

  /** Keep the last figures, marked as no longer matching the inputs, with the reason. */
  markOutdated(box, reason) {
    const figures = box.querySelector(".sop-sim-figures");
    if (figures) figures.classList.add("is-outdated");
    const note = box.querySelector(".sop-sim-outdated");
    if (note) note.textContent = "Angka di atas belum diperbarui (masih untuk peluang sebelumnya): " + reason;
  }

  renderTraining(quiz) {
    if (!this.panel.isConnected) return;
    this.state = null;
    this.quiz = quiz;
    highlight(quiz.variant, quiz.step);
    const parts = [this.toolbar()];
    const last = quiz.last
      ? el("p", { class: "sop-sim-message", role: "alert" }, quiz.last.feedback)
      : el("p", { class: "sop-sim-message" });
    const score = quiz.score;
    if (quiz.finished) {
      parts.push(el("div", { class: "sop-sim-step" },
        el("h3", {}, "Latihan selesai"), last,
        el("p", { class: "sop-sim-score" }, score.summary),
        el("ol", { class: "sop-sim-review" }, score.answers.map((a) => el("li", {},
          el("strong", {}, `${a.correct ? "✓ Benar" : "✗ Salah"} · langkah ${a.question.step}`),
          ` (${a.question.activity}): ${a.question.prompt} — ${a.feedback}`))),
        el("div", { class: "sop-sim-actions" }, el("button", { type: "button", class: "md-button md-button--primary",
          onclick: () => this.switchMode(this.mode) }, "Ulangi latihan"))));
      this.say("Latihan selesai. " + score.summary);
    } else if (quiz.question) {
      const q = quiz.question;
      const buttons = q.options.map((option, index) => el("button", {
        type: "button", class: "md-button sop-sim-option",
        onclick: async () => {
          const next = await this.run("training_answer", { answer: index });
          if (next) this.renderTraining(next);
        },
      }, option));
      parts.push(el("div", { class: "sop-sim-step" },
        el("p", { class: "sop-muted" }, `Pertanyaan ${q.number} · langkah ${q.step}: ${q.activity}`),
        el("h3", {}, q.prompt),
        el("div", { class: "sop-sim-actions", role: "group", "aria-label": "Pilihan jawaban" }, buttons),
        last, el("p", { class: "sop-muted" }, `Skor sementara: ${score.right} dari ${score.total}`)));
      this.say((quiz.last ? quiz.last.feedback + " " : "") + q.prompt);
    } else if (quiz.needs_choice) {
      parts.push(el("div", { class: "sop-sim-step" },
        el("h3", {}, `Langkah ${quiz.step}: keputusan`), last,
        el("p", {}, "Pilih jawaban keputusan untuk melanjutkan kasus:"),
        el("div", { class: "sop-sim-actions" }, quiz.choices.map((c) => el("button", {
          type: "button", class: "md-button md-button--primary",
          onclick: async () => {
            const next = await this.run("training_choose", { label: c.label });
            if (next) this.renderTraining(next);
          },
        }, `${c.label} → ${c.target === "selesai" ? "selesai" : "langkah " + c.target}`)))));
      this.say((quiz.last ? quiz.last.feedback + " " : "") + "Pilih jawaban keputusan.");
    } else {
      parts.push(el("div", { class: "sop-sim-step" }, last, el("p", {}, quiz.case.message || "")));
    }
    this.replaceBody(...parts);
  }
}

export async function openSimulation(button) {
  const existing = button.closest(".sop-actions").nextElementSibling;
  if (existing && existing.classList.contains("sop-sim")) {
    existing.querySelector("button, select")?.focus();
    return;
  }
  const simulation = new Simulation(button);
  await simulation.open();
  const mode = button.dataset.startMode;
  delete button.dataset.startMode;
  if (mode && simulation.info && simulation.info.variants[0].roles.includes(mode.slice("latihan:".length))) {
    await simulation.switchMode(mode);
    simulation.panel.scrollIntoView({ block: "start" });
  }
  (simulation.panel.querySelector(".sop-sim-step .sop-sim-actions button:enabled")
    || simulation.panel.querySelector("button, select"))?.focus();
}
