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
  var searchInput = document.getElementById("searchInput");
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

  /* Code fetched only where it has something to do, in the order asked (async = false). */
  var fetched = {};
  function fetchScript(name) {
    if (fetched[name]) return;
    fetched[name] = document.head.appendChild(document.createElement("script"));
    fetched[name].async = false;
    fetched[name].src = new URL(name, readerScript).href;
  }

  /* Progress (progress.js) and quizzes (quiz.js): fetched where this browser keeps progress
     for the course, on the home page ("Your progress"), or once a reader presses "Mark as done"
     or touches a quiz. A press made before the code came is acted on when it comes. */
  var siteRoot = new URL(document.querySelector("[data-site-root]").getAttribute("data-site-root"), document.baseURI);
  var storeKey = "course-progress:" + siteRoot.pathname;
  var kept = null;
  try {
    kept = localStorage.getItem(storeKey);
  } catch (blocked) {}
  function fetchProgress() { fetchScript("progress.js"); }
  function fetchQuizzes() {
    fetchProgress();
    fetchScript("quiz.js");
  }
  if (kept || document.querySelector(".your-progress")) fetchProgress();
  // Progress made in another tab shows here too.
  window.addEventListener("storage", function (event) {
    if (event.key === storeKey) fetchProgress();
  });
  function pendingUntil(ready, fetchCode) {
    return function (event) {
      if (!window[ready]) event.currentTarget.setAttribute("data-pending", "");
      fetchCode();
    };
  }
  var doneButton = document.querySelector(".mark-done button");
  if (doneButton) doneButton.addEventListener("click", pendingUntil("courseProgress", fetchProgress));
  document.querySelectorAll(".quiz").forEach(function (quiz) {
    quiz.addEventListener("focusin", fetchQuizzes);
    quiz.addEventListener("pointerdown", fetchQuizzes);
    quiz.querySelector("button").addEventListener("click", pendingUntil("courseQuizzes", fetchQuizzes));
    if (kept && kept.indexOf('"' + quiz.id + '"') >= 0) fetchQuizzes();
  });

  /* Search: its code (search.js, then Pagefind's) is fetched when the box is first used. */
  var searchForm = document.querySelector(".search");
  if (!searchForm || !searchInput) return;
  searchForm.addEventListener("submit", function (event) { event.preventDefault(); });
  searchInput.addEventListener("focus", function () { fetchScript("search.js"); });
})();
