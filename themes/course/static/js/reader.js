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

  /* Progress: chapters marked done and quiz answers, kept in this browser's localStorage and
     never sent anywhere. Storage may be blocked or full (private mode): progress then lasts
     for the page. Whatever is read back, stored or from a file, is checked and copied field by
     field into objects with no prototype, and only ever shown as text. */
  var rootElement = document.querySelector("[data-site-root]");
  var siteRoot = new URL(rootElement ? rootElement.getAttribute("data-site-root") : "./", document.baseURI);
  var storeKey = "course-progress:" + siteRoot.pathname;
  var progress = { chapters: Object.create(null) };
  var stored = true;
  var kept = null;
  try { kept = localStorage.getItem(storeKey); } catch (blocked) { stored = false; }
  try {
    if (kept) progress = checkedProgress(JSON.parse(kept));
  } catch (damaged) { /* start again: the next change replaces it */ }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(exported())); stored = true; } catch (blocked) { stored = false; }
  }
  function exported() {
    return { format: "course-progress", version: 1, chapters: progress.chapters };
  }
  function checkedProgress(data) {
    if (!data || data.format !== "course-progress" || typeof data.chapters !== "object" || !data.chapters) throw new Error("not course progress");
    var chapters = Object.create(null);
    Object.keys(data.chapters).slice(0, 2000).forEach(function (page) {
      var entry = data.chapters[page];
      if (!/^[^<>"'`\\\u0000-\u001f]{1,300}\.html$/.test(page) || !entry || typeof entry !== "object") return;
      var kept = { done: entry.done === true, quizCount: Math.min(entry.quizCount >>> 0, 999), quizzes: Object.create(null) };
      var quizzes = entry.quizzes && typeof entry.quizzes === "object" ? entry.quizzes : {};
      Object.keys(quizzes).slice(0, 999).forEach(function (id) {
        var answer = quizzes[id];
        if (!/^quiz-[\w-]{1,60}$/.test(id) || !answer || !Array.isArray(answer.chosen)) return;
        kept.quizzes[id] = {
          chosen: answer.chosen.filter(function (n) { return n === (n & 255); }).slice(0, 50),
          right: answer.right === true
        };
      });
      chapters[page] = kept;
    });
    return { chapters: chapters };
  }
  function pageKey(url) {
    var path = decodeURIComponent(new URL(url, document.baseURI).pathname);
    path = path.indexOf(siteRoot.pathname) === 0 ? path.slice(siteRoot.pathname.length) : path;
    return !path || path.slice(-1) === "/" ? path + "index.html" : path;
  }
  function chapterProgress(create) {
    var key = pageKey(location.href);
    if (create && !progress.chapters[key]) progress.chapters[key] = { done: false, quizCount: 0, quizzes: Object.create(null) };
    return progress.chapters[key];
  }
  function quizScore(entry) {
    var right = Object.keys(entry.quizzes).filter(function (id) { return entry.quizzes[id].right; }).length;
    return entry.quizCount ? "Quizzes " + Math.min(right, entry.quizCount) + "/" + entry.quizCount : "";
  }

  /* The syllabus (sidebar and home page) shows each chapter's progress after its title. */
  function showProgress() {
    document.querySelectorAll(".sidebar-chapters a, .syllabus-entry > a").forEach(function (link) {
      var entry = progress.chapters[pageKey(link.href)];
      var words = entry ? [entry.done ? "Done" : "", quizScore(entry)].filter(Boolean).join(" · ") : "";
      var mark = link.querySelector(".progress-mark");
      if (!mark && words) {
        mark = document.createElement("span");
        mark.className = "progress-mark";
        link.appendChild(mark);
      }
      if (mark) mark.textContent = words;
    });
  }

  var doneButton = document.querySelector(".mark-done button");
  if (doneButton) {
    doneButton.setAttribute("aria-pressed", String(Boolean(chapterProgress() && chapterProgress().done)));
    doneButton.addEventListener("click", function () {
      var entry = chapterProgress(true);
      entry.done = !entry.done;
      doneButton.setAttribute("aria-pressed", String(entry.done));
      save();
      showProgress();
    });
  }

  /* Quizzes: the right options' positions are in data-answer; Check marks each chosen option
     right or wrong, says so in the quiz's live region and shows the explanation. */
  var quizzes = document.querySelectorAll(".quiz");
  if (quizzes.length) {
    var visited = chapterProgress(true);
    if (visited.quizCount !== quizzes.length) { visited.quizCount = quizzes.length; save(); }
  }
  quizzes.forEach(function (quiz) {
    var answer = quiz.getAttribute("data-answer").split(" ").map(Number);
    var inputs = Array.prototype.slice.call(quiz.querySelectorAll("fieldset input"));
    var feedback = quiz.querySelector(".quiz-feedback");
    var explanation = quiz.querySelector(".quiz-explanation");
    function clearMarks() {
      quiz.querySelectorAll(".quiz-mark").forEach(function (mark) {
        mark.previousSibling.remove(); // the space that keeps it a word of its own
        mark.remove();
      });
    }
    function check() {
      var chosen = inputs.filter(function (input) { return input.checked; }).map(function (input) { return inputs.indexOf(input); });
      clearMarks();
      if (!chosen.length) {
        feedback.textContent = "Choose an answer first.";
        return;
      }
      var wrong = 0;
      chosen.forEach(function (position) {
        var isRight = answer.indexOf(position) >= 0;
        var mark = document.createElement("span");
        mark.className = "quiz-mark " + (isRight ? "right" : "wrong");
        mark.textContent = isRight ? "Right" : "Wrong";
        inputs[position].parentNode.append(" ", mark);
        if (!isRight) wrong++;
      });
      var missing = answer.length - chosen.length + wrong;
      var verdict = document.createElement("p");
      verdict.className = "quiz-verdict";
      verdict.textContent = wrong ? "Not right: " + wrong + (wrong === 1 ? " choice is wrong." : " choices are wrong.") + " Try again."
        : missing ? "Right so far: " + missing + " more right " + (missing === 1 ? "option" : "options") + " to choose." : "Right!";
      var said = [verdict];
      if (explanation) {
        var copy = explanation.cloneNode(true);
        copy.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
        said.push(copy);
      }
      feedback.replaceChildren.apply(feedback, said);
      var entry = chapterProgress(true);
      entry.quizzes[quiz.id] = { chosen: chosen, right: !wrong && !missing };
      save();
      showProgress();
    }
    quiz.querySelector(".quiz-actions button").addEventListener("click", check);
    quiz.addEventListener("change", clearMarks);
    var saved = chapterProgress() && chapterProgress().quizzes[quiz.id];
    if (saved && saved.chosen.every(function (position) { return inputs[position]; })) {
      saved.chosen.forEach(function (position) { inputs[position].checked = true; });
      check();
    }
  });

  /* The home page's "Your progress": save it to a file, load such a file back, forget it. */
  var panel = document.querySelector(".your-progress");
  if (panel) {
    var panelStatus = panel.querySelector("[role=status]");
    var summary = function () {
      var pages = Object.keys(progress.chapters);
      var done = pages.filter(function (page) { return progress.chapters[page].done; }).length;
      return done + (done === 1 ? " chapter" : " chapters") + " done." + (stored ? "" : " This browser keeps nothing for this site (private mode, or storage full): save your progress to a file before you leave.");
    };
    panelStatus.textContent = summary();
    panel.querySelector(".save-progress").addEventListener("click", function () {
      var file = document.createElement("a");
      file.href = URL.createObjectURL(new Blob([JSON.stringify(exported(), null, 1)], { type: "application/json" }));
      file.download = "course-progress.json";
      document.body.appendChild(file);
      file.click();
      file.remove();
      setTimeout(function () { URL.revokeObjectURL(file.href); }, 1000);
    });
    panel.querySelector("input[type=file]").addEventListener("change", function (event) {
      var chosenFile = event.target.files[0];
      event.target.value = "";
      if (!chosenFile) return;
      var refused = function () { panelStatus.textContent = "That file is not saved course progress: nothing was changed."; };
      if (chosenFile.size > 1000000) return refused();
      chosenFile.text().then(function (text) {
        progress = checkedProgress(JSON.parse(text));
        save();
        showProgress();
        panelStatus.textContent = "Loaded. " + summary();
      }).catch(refused);
    });
    panel.querySelector(".forget-progress").addEventListener("click", function () {
      if (!window.confirm("Forget your progress in this browser?")) return;
      progress = { chapters: Object.create(null) };
      try { localStorage.removeItem(storeKey); } catch (blocked) { /* nothing was kept */ }
      showProgress();
      panelStatus.textContent = "Forgotten. " + summary();
    });
  }
  showProgress();

  /* Search: Pagefind's bundle sits at the site root, whatever SITEURL is. */
  var form = document.querySelector(".search");
  if (!form || !searchInput) return;
  var status = document.getElementById("search-status");
  var resultsBox = document.getElementById("search-results");
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
