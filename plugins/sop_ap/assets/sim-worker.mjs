/* The simulation worker: boots Pyodide (self-hosted), loads the SOP engine wheel, and answers
   commands from the page through sop_ap.engine.bridge. Runs in a module Web Worker, so the page
   never freezes while Python starts. Messages: {id, cmd, args} in; {id, ok, result|error} or
   {progress, pct} out. */

let bridge = null;
let booting = null;

function progress(text, pct) {
  self.postMessage({ progress: text, pct: pct });
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
  // The engine wheel and pydantic load while the runtime boots (the `packages` option).
  const pyodide = await module.loadPyodide({
    indexURL: args.runtimeURL,
    lockFileURL: args.lockFileURL,
    packageBaseUrl: args.packageBaseURL,
    packages: ["sop-ap-engine"],
    stdout: () => {},
    stderr: () => {},
  });
  progress("Memuat mesin SOP…", 80);
  progress("Menyiapkan simulasi…", 90);
  bridge = pyodide.pyimport("sop_ap.engine.bridge");
  progress("Siap.", 100);
}

self.onmessage = async (event) => {
  const { id, cmd, args } = event.data || {};
  try {
    if (cmd === "init") {
      booting = booting || boot(args || {});
      await booting;
      self.postMessage({ id: id, ok: true, result: null });
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
