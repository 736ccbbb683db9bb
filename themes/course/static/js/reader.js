/* What a reader can do beyond reading: switch colour scheme, move between chapters with the
   arrow keys, copy code, answer quizzes and keep their progress, and search. The search code
   (search.js, then Pagefind's) is fetched only when search is opened. */
(function () {
  "use strict";
  var root = document.documentElement;
  var readerScript = document.currentScript.src;

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

  /* Progress: chapters marked done and quiz answers, in this browser's localStorage only, never
     sent anywhere; per course (its root path), by page path. What is read back is only looked
     up by known keys, checked for its type, and shown as text. Where storage is blocked or
     full (private mode), progress lasts as long as the page. */
  var siteRoot = new URL(document.querySelector("[data-site-root]").getAttribute("data-site-root"), document.baseURI);
  var storeKey = "course-progress:" + siteRoot.pathname;
  var progress = {};
  try {
    var stored = JSON.parse(localStorage.getItem(storeKey)).chapters;
    if (stored && typeof stored === "object") progress = stored;
    // None kept yet, storage blocked or damaged: start afresh.
  } catch (nothing) {}
  function setProgress(chapters) {
    progress = chapters;
    try {
      localStorage.setItem(storeKey, JSON.stringify({ format: "course-progress", version: 1, chapters: chapters }));
      // Where it fails, progress is kept for this page only.
    } catch (blocked) {}
    showProgress();
  }
  function pageKey(url) {
    return new URL(url, document.baseURI).pathname.slice(siteRoot.pathname.length).replace(/(^|\/)$/, "$1index.html");
  }
  function chapterEntry(key, create) {
    var entry = progress[key];
    if (!entry || typeof entry.quizzes !== "object" || !entry.quizzes) {
      entry = { done: false, quizzes: {} };
      if (create) progress[key] = entry;
    }
    return entry;
  }
  /* The sidebar and the home page's syllabus: "Done · Quizzes 1/2" under a chapter's title. */
  function showProgress() {
    document.querySelectorAll(".sidebar-chapters a, .syllabus-entry > a").forEach(function (link) {
      var entry = chapterEntry(pageKey(link.href));
      var right = Object.values(entry.quizzes).filter(function (answer) { return (answer || 0).right === true; });
      var mark = link.querySelector(".progress-mark") || link.appendChild(document.createElement("span"));
      mark.className = "progress-mark";
      mark.textContent = [entry.done === true && "Done", entry.quizCount > 0 && "Quizzes " + right.length + "/" + entry.quizCount].filter(Boolean).join(" · ");
    });
  }
  var here = pageKey(location.href);
  window.courseProgress = { chapters: function () { return progress; }, set: setProgress, entry: chapterEntry, here: here };
  var doneButton = document.querySelector(".mark-done button");
  if (doneButton) {
    doneButton.setAttribute("aria-pressed", String(chapterEntry(here).done === true));
    doneButton.addEventListener("click", function () {
      var entry = chapterEntry(here, true);
      entry.done = entry.done !== true;
      doneButton.setAttribute("aria-pressed", String(entry.done));
      setProgress(progress);
    });
  }

  /* Quizzes: their code (quiz.js) is fetched once a quiz is touched, or at once where this
     page has answers to show again. A Check pressed before it came is answered when it comes. */
  var quizzes = document.querySelectorAll(".quiz");
  var quizCode = null;
  function loadQuizCode() {
    if (quizCode) return;
    quizCode = document.head.appendChild(document.createElement("script"));
    quizCode.src = new URL("quiz.js", readerScript).href;
  }
  quizzes.forEach(function (quiz) {
    quiz.addEventListener("focusin", loadQuizCode);
    quiz.addEventListener("pointerdown", loadQuizCode);
    quiz.querySelector("button").addEventListener("click", function () {
      if (!window.courseQuizzes) quiz.setAttribute("data-pending", "");
      loadQuizCode();
    });
    if (chapterEntry(here).quizzes[quiz.id]) loadQuizCode();
  });
  showProgress();

  /* Search: its code (search.js, then Pagefind's) is fetched when the box is first used. */
  var searchForm = document.querySelector(".search");
  if (!searchForm || !searchInput) return;
  searchForm.addEventListener("submit", function (event) { event.preventDefault(); });
  searchInput.addEventListener("focus", function () {
    var script = document.createElement("script");
    script.src = new URL("search.js", readerScript).href;
    document.head.appendChild(script);
  }, { once: true });
})();
