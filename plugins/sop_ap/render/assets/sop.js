/* SOP registry pages: flowchart <-> table highlighting, printing, and the filterable SOP list.
   Runs on every page view, including Material's instant navigation (document$). */
(function () {
  "use strict";

  /* A row's symbols: every symbol of the row, in every lane (several symbols per row, several lanes). */
  function stepNodes(chart, step) {
    return document.querySelectorAll('svg.sop-fc[data-chart="' + chart + '"] .sop-step[data-step="' + step + '"]');
  }

  /* Highlight a row and its symbols; the same row again clears it ("and back again"). */
  function highlight(chart, step, scroll) {
    var row = document.getElementById("fc" + chart + "-row-" + step);
    var again = row && row.classList.contains("is-active");
    document.querySelectorAll(".sop-step.is-active, .sop-row.is-active").forEach(function (el) {
      el.classList.remove("is-active");
      if (el.hasAttribute("aria-pressed")) el.setAttribute("aria-pressed", "false");
    });
    if (again) return;
    if (row) row.classList.add("is-active");
    stepNodes(chart, step).forEach(function (node) {
      node.classList.add("is-active");
      node.setAttribute("aria-pressed", "true");
    });
    if (scroll && row) row.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function initFlowcharts(root) {
    root.querySelectorAll("figure.sop-flowchart").forEach(function (figure) {
      var chart = figure.getAttribute("data-chart");
      figure.querySelectorAll(".sop-step").forEach(function (node) {
        var step = node.getAttribute("data-step");
        var activate = function () { highlight(chart, step, true); };
        node.addEventListener("click", activate);
        node.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); activate(); }
        });
      });
    });
    root.querySelectorAll("table.sop-steps tr.sop-row").forEach(function (row) {
      row.addEventListener("click", function () {
        highlight(row.closest("table").getAttribute("data-chart"), row.getAttribute("data-step"), false);
      });
    });
  }

  /* A table or chart wider than the column scrolls sideways: say so under it (the edges also cast shadows). */
  function markScrolling(root) {
    root.querySelectorAll(".sop-table-wrap, .sop-flowchart-scroll").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("sop-scrolls", scrolls);
      var hint = box.nextElementSibling;
      if (!hint || !hint.classList.contains("sop-scroll-hint")) {
        hint = document.createElement("p");
        hint.className = "sop-scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = box.classList.contains("sop-table-wrap")
          ? "Tabel lebih lebar dari layar: geser ke samping untuk melihat semua kolom →"
          : "Bagan lebih lebar dari layar: geser ke samping untuk melihat semuanya →";
        box.after(hint);
      }
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { markScrolling(document); }, 150);
  });

  function initPrint(root) {
    root.querySelectorAll("[data-sop-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function initList(root) {
    var table = root.querySelector("table[data-sop-list]");
    var filters = root.querySelector("[data-sop-filters]");
    if (!table || !filters) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = filters.querySelector(".sop-filter-count");
    var selects = filters.querySelectorAll("select[data-filter]");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = true;
        selects.forEach(function (select) {
          var want = select.value;
          if (!want) return;
          var have = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split("|");
          if (have.indexOf(want) < 0) ok = false;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " dari " + rows.length + " SOP";
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    var sort = table.querySelector("button[data-sort]");
    if (sort) {
      sort.addEventListener("click", function () {
        var th = sort.closest("th");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        rows.sort(function (a, b) {
          var d = Number(a.getAttribute("data-minutes")) - Number(b.getAttribute("data-minutes"));
          return ascending ? d : -d;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    }
    apply();
  }

  function initSimulation(root) {
    root.querySelectorAll("[data-sop-simulate]").forEach(function (button) {
      button.hidden = false;
      // A link from a pelaksana page ("Berlatih sebagai …") opens the training for that position.
      var role = new URLSearchParams(location.search).get("latihan");
      if (role) {
        button.setAttribute("data-start-mode", "latihan:" + role);
        setTimeout(function () { button.click(); }, 0);
      }
      button.addEventListener("click", function () {
        var module = new URL(button.getAttribute("data-module"), document.baseURI).href;
        import(module).then(function (sim) { return sim.openSimulation(button); }).catch(function (error) {
          var note = document.createElement("p");
          note.setAttribute("role", "alert");
          note.className = "sop-sim-error";
          note.textContent = "Simulasi tidak dapat dimuat: " + (error && error.message ? error.message : error);
          button.closest(".sop-actions").after(note);
        });
      });
    });
  }

  function init() {
    initFlowcharts(document);
    markScrolling(document);
    initPrint(document);
    initList(document);
    initSimulation(document);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
