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

  // The list of all SOPs. The page holds one page of rows; filtering or sorting fetches every row from
  // sop/baris.json and its small row files (once), then shows the matching rows a page at a time.
  function initList(root) {
    var table = root.querySelector("table[data-sop-list]");
    var filters = root.querySelector("[data-sop-filters]");
    if (!table || !filters) return;
    var body = table.tBodies[0];
    var staticRows = Array.prototype.slice.call(body.rows);
    var count = filters.querySelector(".sop-filter-count");
    var selects = filters.querySelectorAll("select[data-filter]");
    var sort = table.querySelector("button[data-sort]");
    var pager = root.querySelector("[data-sop-list-pager]");
    var staticPager = root.querySelector(".sop-pager");
    var perPage = Number(table.getAttribute("data-per-page")) || 100;
    var siteRoot = new URL(table.getAttribute("data-root") || "./", document.baseURI);
    var rowsUrl = new URL(table.getAttribute("data-rows"), document.baseURI);
    var all = null, loading = null, order = 0, view = [], pageNo = 0;
    // The choices of the filters (units, positions, regulations: thousands in a province) are not repeated in
    // every list page: they come from sop/baris.json, the same small file the browser caches for every page.
    var choices = fetch(rowsUrl).then(function (r) { return r.json(); }).then(function (index) {
      selects.forEach(function (select) {
        var names = index[select.getAttribute("data-filter")] || [];
        var frag = document.createDocumentFragment();
        names.forEach(function (name, i) {
          var option = document.createElement("option");
          option.value = String(i);
          option.textContent = name;
          frag.appendChild(option);
        });
        select.appendChild(frag);
      });
      return index;
    });
    choices.catch(function () {
      if (count) count.textContent = "Pilihan saringan tidak dapat dimuat.";
    });
    function load() {
      if (!loading) {
        loading = choices.then(function (index) {
          return Promise.all(index.berkas.map(function (name) {
            return fetch(new URL(name, rowsUrl)).then(function (r) { return r.json(); });
          })).then(function (parts) {
            all = { index: index, rows: [].concat.apply([], parts) };
            return all;
          });
        });
      }
      return loading;
    }
    function cell(text) { var td = document.createElement("td"); td.textContent = text; return td; }
    function render() {
      var start = pageNo * perPage;
      var frag = document.createDocumentFragment();
      view.slice(start, start + perPage).forEach(function (row) {
        var tr = document.createElement("tr");
        var td = document.createElement("td");
        var a = document.createElement("a");
        a.href = new URL(row[1], siteRoot).href;
        a.textContent = row[0];
        td.appendChild(a);
        tr.appendChild(td);
        tr.appendChild(cell(row[2]));
        tr.appendChild(cell(all.index.unit[row[3]]));
        tr.appendChild(cell(String(row[6])));
        tr.appendChild(cell(row[8]));
        tr.setAttribute("data-minutes", row[7]);
        frag.appendChild(tr);
      });
      body.replaceChildren(frag);
      var pages = Math.max(1, Math.ceil(view.length / perPage));
      if (count) count.textContent = view.length + " dari " + all.rows.length + " SOP";
      if (staticPager) staticPager.hidden = true;
      if (pager) {
        pager.hidden = pages < 2;
        pager.querySelector("[data-page-label]").textContent = "Halaman " + (pageNo + 1) + " dari " + pages;
        pager.querySelector('[data-page-step="-1"]').disabled = pageNo === 0;
        pager.querySelector('[data-page-step="1"]').disabled = pageNo >= pages - 1;
      }
    }
    function apply() {
      var wanted = Array.prototype.map.call(selects, function (select) {
        return [select.getAttribute("data-filter"), select.value];
      }).filter(function (f) { return f[1] !== ""; });
      if (!wanted.length && !order) {  // back to the page as served
        body.replaceChildren.apply(body, staticRows);
        if (count) count.textContent = "";
        if (staticPager) staticPager.hidden = false;
        if (pager) pager.hidden = true;
        return;
      }
      table.setAttribute("aria-busy", "true");
      load().then(function () {
        var column = { unit: 3, pelaksana: 4, peraturan: 5 };
        view = all.rows.filter(function (row) {
          return wanted.every(function (f) {
            var have = row[column[f[0]]];
            return Array.isArray(have) ? have.indexOf(Number(f[1])) >= 0 : have === Number(f[1]);
          });
        });
        if (order) view.sort(function (a, b) { return (a[7] - b[7]) * order; });
        pageNo = 0;
        render();
        table.removeAttribute("aria-busy");
      }).catch(function () {
        table.removeAttribute("aria-busy");
        if (count) count.textContent = "Daftar lengkap tidak dapat dimuat.";
      });
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    if (sort) {
      sort.addEventListener("click", function () {
        var th = sort.closest("th");
        order = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        th.setAttribute("aria-sort", order > 0 ? "ascending" : "descending");
        apply();
      });
    }
    if (pager) {
      pager.querySelectorAll("[data-page-step]").forEach(function (button) {
        button.addEventListener("click", function () {
          pageNo += Number(button.getAttribute("data-page-step"));
          render();
          table.scrollIntoView({ block: "start" });
        });
      });
    }
    if (Array.prototype.some.call(selects, function (s) { return s.value !== ""; })) apply();
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
