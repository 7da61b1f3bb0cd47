/* The simulation worker: boots Pyodide (self-hosted), loads the SOP engine wheel, and answers
   commands from the page through sop_ap.engine.bridge. Runs in a module Web Worker, so the page
   never freezes while Python starts. Messages: {id, cmd, args} in; {id, ok, result|error} or
   {progress, pct} out.

   Start-up snapshot: when the browser already has the site's start-up snapshot in its HTTP cache,
   Pyodide restores the interpreter from it instead of starting Python from scratch (about 1.5 s less
   on a returning visit). On a first visit the worker boots normally, which needs fewer bytes, and
   fetches the snapshot afterwards for the next visit, unless the visitor asked to save data. Any
   problem with the snapshot (missing, damaged, another Pyodide build) falls back to a normal boot. */

let bridge = null;
let booting = null;

function progress(text, pct) {
  self.postMessage({ progress: text, pct: pct });
}

/** The bytes of a gzip file, inflated (or as they are, if the server already decoded them). */
async function inflate(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The snapshot if the HTTP cache already holds it (no network request), else null. */
async function cachedSnapshot(url) {
  if (!url || typeof DecompressionStream !== "function") return null;
  try {
    const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
    return response.ok ? response : null;
  } catch (err) {
    return null;
  }
}

/** Download the snapshot into the HTTP cache for the next visit, off the start-up path. */
function prefetchSnapshot(url, replace) {
  if (!url || typeof DecompressionStream !== "function") return;
  if (self.navigator && navigator.connection && navigator.connection.saveData) return;
  setTimeout(() => {
    // After a refused snapshot, fetch it anew rather than keep the cached copy.
    fetch(url, replace ? { cache: "reload" } : {}).then((r) => r.arrayBuffer()).then(() => self.postMessage({ event: "snapshot-cached" })).catch(() => {});
  }, 1500);
}

function start(module, args, snapshot) {
  // The engine wheel and pydantic load while the runtime boots (the `packages` option).
  return module.loadPyodide({
    indexURL: args.runtimeURL,
    lockFileURL: args.lockFileURL,
    packageBaseUrl: args.packageBaseURL,
    packages: ["sop-ap-engine"],
    stdout: () => {},
    stderr: () => {},
    ...(snapshot ? { _loadSnapshot: inflate(snapshot) } : {}),
  });
}

async function boot(args) {
  if (typeof WebAssembly !== "object") {
    throw new Error("Peramban ini tidak dapat menjalankan WebAssembly, sehingga simulasi tidak tersedia.");
  }
  progress("Memuat Python (Pyodide)…", 5);
  let module;
  try {
    module = await import(args.runtimeURL + "pyodide.mjs");
  } catch (err) {
    throw new Error("Berkas Pyodide tidak dapat dimuat (" + (err && err.message ? err.message : err) + ").");
  }
  const snapshot = await cachedSnapshot(args.snapshotURL);
  let pyodide = null;
  let kind = "baru";
  if (snapshot) {
    try {
      pyodide = await start(module, args, snapshot);
      kind = "snapshot";
    } catch (err) {
      pyodide = null;
      kind = "baru-snapshot-gagal";
    }
  }
  if (!pyodide) {
    pyodide = await start(module, args, null);
    prefetchSnapshot(args.snapshotURL, kind === "baru-snapshot-gagal");
  }
  progress("Memuat mesin SOP…", 80);
  progress("Menyiapkan simulasi…", 90);
  bridge = pyodide.pyimport("sop_ap.engine.bridge");
  progress("Siap.", 100);
  return { boot: kind };
}

self.onmessage = async (event) => {
  const { id, cmd, args } = event.data || {};
  try {
    if (cmd === "init") {
      booting = booting || boot(args || {});
      const result = await booting;
      self.postMessage({ id: id, ok: true, result: result });
      return;
    }
    if (!bridge) throw new Error("Simulasi belum siap.");
    const answer = JSON.parse(bridge.handle(cmd, JSON.stringify(args || {})));
    if (answer.ok) {
      self.postMessage({ id: id, ok: true, result: answer.result });
    } else {
      self.postMessage({ id: id, ok: false, error: answer.error });
    }
  } catch (err) {
    booting = cmd === "init" ? null : booting;
    self.postMessage({ id: id, ok: false, error: String(err && err.message ? err.message : err) });
  }
};
