/* Search with Pagefind, in Material's search dialog (overrides/partials/search.html).
   Pagefind's index is built by the sop plugin after each build; it stems Indonesian words, so "susun"
   finds "penyusunan" and "menyusun", and a query loads only the index chunks it needs. pagefind.js is
   imported when the dialog is first opened, never before. Runs once: Material's instant navigation keeps
   the header, and with it this dialog. */
(function () {
  "use strict";

  var TEXT = {
    placeholder: "Ketik untuk mulai mencari",
    loading: "Menyiapkan pencarian…",
    none: "Tidak ada dokumen yang sesuai",
    one: "1 dokumen ditemukan",
    other: " dokumen ditemukan",
    shown: " teratas ditampilkan",
    failed: "Pencarian tidak dapat dimuat: ",
  };
  var LIMIT = 10;
  var SECTIONS = 3;

  var dialog = document.querySelector("[data-sop-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  // Resolved now: instant navigation changes the page's address but keeps this dialog.
  var bundle = new URL(dialog.getAttribute("data-pagefind-url"), location.href);
  var siteRoot = new URL("..", bundle).pathname;
  var loading = null;
  var sequence = 0;
  var timer = null;

  function load() {
    if (!loading) {
      loading = import(bundle.href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: siteRoot, excerptLength: 24 })).then(function () {
          return pagefind.init ? pagefind.init() : null;
        }).then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  /* Pagefind's excerpt is HTML with <mark> around the matches: keep only its text and the marks. */
  function excerpt(html) {
    var out = document.createElement("p");
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) out.append(node.textContent);
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
      } else out.append(node.textContent || "");
    });
    return out;
  }

  function article(tag, title, html, icon) {
    var node = document.createElement("article");
    node.className = "md-search-result__article md-typeset";
    if (icon) {
      var box = document.createElement("div");
      box.className = "md-search-result__icon md-icon";
      node.append(box);
    }
    var heading = document.createElement(tag);
    heading.textContent = title;
    node.append(heading, excerpt(html));
    return node;
  }

  function link(url, content) {
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = url;
    a.append(content);
    a.addEventListener("click", function () { close(false); });
    return a;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var title = (data.meta && data.meta.title) || data.url;
    li.append(link(data.url, article("h1", title, data.excerpt, true)));
    (data.sub_results || []).filter(function (sub) {
      return sub.url !== data.url && sub.url.indexOf("#") >= 0 && sub.title !== title;
    }).slice(0, SECTIONS).forEach(function (sub) {
      li.append(link(sub.url, article("h2", sub.title, sub.excerpt, false)));
    });
    return li;
  }

  /* Pagefind stems Indonesian with the Snowball stemmer, which cuts a final -i from a bare word ("sampai" ->
     "sampa") but not after another suffix ("menyampaikan" -> "sampai"): the two forms then miss each other.
     Every query is therefore also searched as its bare roots without a final -i ("sampa"), which Pagefind
     matches as a stem (and, for the last word, as a prefix); the results of both are merged. */
  var PREFIXES = [["meny", "s"], ["peny", "s"], ["meng", ""], ["peng", ""], ["mem", ""], ["pem", ""], ["men", ""],
    ["pen", ""], ["ter", ""], ["ber", ""], ["me", ""], ["pe", ""], ["di", ""]];

  function bareRoot(word) {
    var w = word.toLowerCase();
    if (w.length < 5) return w;
    w = w.replace(/(lah|kah|pun)$/, "").replace(/(nya|ku|mu)$/, "");
    for (var i = 0; i < PREFIXES.length; i++) {
      var prefix = PREFIXES[i][0];
      if (w.indexOf(prefix) === 0 && w.length - prefix.length >= 4) {
        w = PREFIXES[i][1] + w.slice(prefix.length);
        break;
      }
    }
    var suffix = w.match(/(kan|an)$/);
    if (suffix && w.length - suffix[0].length >= 4) w = w.slice(0, -suffix[0].length);
    if (/i$/.test(w) && w.length >= 5) w = w.slice(0, -1);
    return w;
  }

  function variant(query) {
    return query.split(/\s+/).filter(Boolean).map(bareRoot).join(" ");
  }

  function merged(responses) {
    var best = new Map();
    responses.forEach(function (response) {
      if (!response) return;
      response.results.forEach(function (result) {
        var known = best.get(result.id);
        if (!known || result.score > known.score) best.set(result.id, result);
      });
    });
    return Array.from(best.values()).sort(function (a, b) { return b.score - a.score; });
  }

  function show(text) {
    meta.textContent = text;
  }

  function search(query) {
    var mine = ++sequence;
    if (!query.trim()) {
      list.replaceChildren();
      show(TEXT.placeholder);
      return;
    }
    if (!loading) show(TEXT.loading);
    load().then(function (pagefind) {
      var other = variant(query);
      return Promise.all([pagefind.search(query),
        other !== query.trim().toLowerCase() ? pagefind.search(other) : null]);
    }).then(function (responses) {
      if (mine !== sequence || !responses[0]) return null;
      var results = merged(responses);
      return Promise.all(results.slice(0, LIMIT).map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== sequence) return;
        list.replaceChildren.apply(list, data.map(item));
        var count = results.length;
        show(count === 0 ? TEXT.none : count === 1 ? TEXT.one
          : count + TEXT.other + (count > LIMIT ? ", " + LIMIT + TEXT.shown : ""));
      });
    }).catch(function (error) {
      if (mine === sequence) show(TEXT.failed + (error && error.message ? error.message : error));
    });
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close(refocus) {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    if (refocus) {
      var button = document.querySelector('.md-header label[for="__search"]');
      if (button) button.focus();
    }
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      // After Material's opening transition has made the field visible.
      setTimeout(function () { input.focus(); input.select(); }, 50);
    }
  });
  input.addEventListener("focus", function () { open(); load(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value;
    timer = setTimeout(function () { search(query); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(""); input.focus(); }, 0);
  });

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!toggle.checked) {
      // Material's shortcuts: "/", "s" or "f" opens the search.
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var all = links();
      if (!all.length) return;
      var at = all.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
      event.preventDefault();
    }
  });

  show(TEXT.placeholder);
})();
