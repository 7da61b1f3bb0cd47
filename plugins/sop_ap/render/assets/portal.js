/* The portal's search: Pagefind's UI over the portal's index (one record per SOP of every registry, each
   linking to the SOP's page on its own site). A national site over province shards names the first shard's
   bundle in data-bundle and the others in data-merge: Pagefind's multisite search (mergeIndex) searches them
   all as one, with their filters (province, region, agency) merged. */
(function () {
  var box = document.getElementById("cari");
  if (!box || typeof PagefindUI !== "function") return;
  // Same-origin bundles by path (as Pagefind expects), other origins by full URL (they must allow CORS).
  function bundle(value) {
    var url = new URL(value, location.href);
    return url.origin === location.origin ? url.pathname : url.href;
  }
  var merged = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (value) {
    return { bundlePath: bundle(value) };
  });
  new PagefindUI({
    element: "#cari", bundlePath: bundle(box.getAttribute("data-bundle")), mergeIndex: merged,
    showSubResults: false, showImages: false, resetStyles: false,
    // Each record links to the SOP on its own site (meta "link"), not to the temporary file indexed.
    processResult: function (result) {
      if (result.meta && result.meta.link) { result.url = result.meta.link; delete result.meta.link; }
      return result;
    },
    translations: { placeholder: "Cari SOP di semua registri", zero_results: "Tidak ada SOP untuk [SEARCH_TERM]",
                    many_results: "[COUNT] SOP untuk [SEARCH_TERM]", one_result: "1 SOP untuk [SEARCH_TERM]",
                    load_more: "Tampilkan lebih banyak", filters_label: "Saring", clear_search: "Hapus" }
  });
})();
