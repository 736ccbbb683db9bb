/* What a reader can do beyond reading: switch colour scheme, move between chapters with the
   arrow keys, copy code, and search. Pagefind's code is fetched only when search is opened. */
(function () {
  "use strict";
  var root = document.documentElement;

  /* Colour scheme: the system's unless the reader chose one, remembered across pages. */
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  var toggle = document.querySelector(".scheme-toggle");
  function isDark() {
    var chosen = root.getAttribute("data-scheme");
    return chosen ? chosen === "dark" : systemDark.matches;
  }
  function showScheme() {
    if (toggle) toggle.setAttribute("aria-pressed", String(isDark()));
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var scheme = isDark() ? "light" : "dark";
      // Choosing what the system shows anyway means "follow the system" again, later changes too.
      var followSystem = scheme === (systemDark.matches ? "dark" : "light");
      if (followSystem) root.removeAttribute("data-scheme");
      else root.setAttribute("data-scheme", scheme);
      try {
        if (followSystem) localStorage.removeItem("course-scheme");
        else localStorage.setItem("course-scheme", scheme);
      } catch (blocked) { /* this page only */ }
      showScheme();
    });
    systemDark.addEventListener("change", showScheme);
    showScheme();
  }

  /* Keys: "/" opens search; left and right arrows go to the previous and next chapter. */
  var searchInput = document.getElementById("search-input");
  function isTyping(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (isTyping(event.target)) return;
    if (event.key === "/" && searchInput) {
      event.preventDefault();
      searchInput.focus();
      return;
    }
    var rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
    // A focused scrollable code block keeps the arrows for scrolling sideways.
    if (!rel || event.target.closest("pre")) return;
    var link = document.querySelector('link[rel="' + rel + '"]');
    if (link) window.location.href = link.href;
  });

  /* A copy button on every code block. */
  document.querySelectorAll(".highlight pre").forEach(function (block) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(block.innerText).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 2000);
      }, function () {
        button.textContent = "Select and copy";
      });
    });
    block.parentNode.insertBefore(button, block);
  });

  /* Search: Pagefind's bundle sits at the site root, whatever SITEURL is. */
  var form = document.querySelector(".search");
  if (!form || !searchInput) return;
  var status = document.getElementById("search-status");
  var resultsBox = document.getElementById("search-results");
  var siteRoot = new URL(form.getAttribute("data-site-root"), document.baseURI);
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

  searchInput.addEventListener("focus", loadPagefind, { once: true });
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
})();
