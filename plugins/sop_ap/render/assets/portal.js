/* The portal's search: Pagefind's UI over the portal's index (one record per SOP of every registry, each
   linking to the SOP's page on its own site). */
(function () {
  var box = document.getElementById("cari");
  if (!box || typeof PagefindUI !== "function") return;
  new PagefindUI({
    element: "#cari", bundlePath: new URL(box.getAttribute("data-bundle"), location.href).pathname, showSubResults: false, showImages: false,
    resetStyles: false,
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
