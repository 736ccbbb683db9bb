/* Search, fetched by reader.js when the search box is first used: Pagefind's index of the
   finished site (its code fetched here too), results as the reader types, Enter opens the
   first one, Escape clears. */
(function () {
  "use strict";
  var form = document.querySelector(".search");
  var searchInput = document.getElementById("searchInput");
  // Pagefind's bundle sits at the site root, whatever SITEURL is.
  var siteRoot = new URL(form.getAttribute("data-site-root"), document.baseURI);
  var status = document.getElementById("searchStatus");
  var resultsBox = document.getElementById("searchResults");
  var pagefind = null;
  var latest = 0;

  /* A big course's index comes in shards, listed in shards.json beside pagefind.js: each is
     merged into the first, and searched with its WebAssembly, which loads once. */
  function loadPagefind() {
    if (!pagefind) {
      var bundle = new URL("pagefind/", siteRoot);
      var options = { baseUrl: siteRoot.pathname };
      var shards = fetch(new URL("shards.json", bundle).href, { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error("no list of search shards");
        return response.json();
      });
      // A failure is reported by the search that waits for the list, not as unhandled.
      shards.catch(function () {});
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
        return module.options(options).then(function () { return shards; }).then(function (list) {
          return Promise.all(list.shards.map(function (shard) {
            return module.mergeIndex(new URL(shard, bundle).pathname, options);
          }));
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function link(url, text) {
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.textContent = text;
    return anchor;
  }

  function show(query, pages) {
    resultsBox.replaceChildren();
    if (!query) {
      resultsBox.hidden = true;
      status.textContent = "";
      return;
    }
    var list = document.createElement("ol");
    pages.forEach(function (page) {
      // The best-matching heading of each chapter: the link lands on that section.
      var best = page.sub_results && page.sub_results[0];
      var item = document.createElement("li");
      var title = page.meta.title + (best && best.title !== page.meta.title ? " › " + best.title : "");
      item.appendChild(link(best ? best.url : page.url, title));
      var excerpt = document.createElement("p");
      excerpt.innerHTML = best ? best.excerpt : page.excerpt; // Pagefind escapes it, adds <mark>
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    status.textContent = pages.length ? pages.length + (pages.length === 1 ? " page found" : " pages found") : "No results for " + query;
    if (pages.length) resultsBox.appendChild(list);
    else resultsBox.appendChild(document.createTextNode(status.textContent));
    resultsBox.hidden = false;
  }

  function search() {
    var query = searchInput.value.trim();
    var ticket = ++latest;
    if (!query) return show("", []);
    loadPagefind().then(function (engine) {
      return engine.debouncedSearch(query, {}, 200);
    }).then(function (found) {
      if (!found || ticket !== latest) return null; // a newer query superseded this one
      return Promise.all(found.results.slice(0, 8).map(function (result) { return result.data(); }));
    }).then(function (pages) {
      if (pages && ticket === latest) show(query, pages);
    }).catch(function () {
      show(query, []);
      status.textContent = resultsBox.textContent = "Search is unavailable here: serve the site (make serve).";
    });
  }

  searchInput.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = resultsBox.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      searchInput.value = "";
      show("", []);
      searchInput.focus();
    }
  });

  /* Loaded when the box took the focus: start loading the index, and search for what was
     typed while this script was on its way. */
  loadPagefind();
  if (searchInput.value.trim()) search();
})();
