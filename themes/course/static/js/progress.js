/* Progress: chapters marked done and quiz answers, in this browser's localStorage only, never
   sent anywhere; one record a course (its root path), by page path. reader.js fetches this
   where there is progress to show or once a reader makes some. What is read back is only
   looked up by known keys, checked for its type, and shown as text. Where storage is blocked
   or full (private mode), progress lasts as long as the page. quiz.js keeps its answers
   through window.courseProgress. */
(function () {
  "use strict";
  var siteRoot = new URL(document.querySelector("[data-site-root]").getAttribute("data-site-root"), document.baseURI);
  var storeKey = "course-progress:" + siteRoot.pathname;
  function stored() {
    try {
      var chapters = JSON.parse(localStorage.getItem(storeKey)).chapters;
      if (chapters && typeof chapters === "object") return chapters;
      // None kept yet, storage blocked or damaged: start afresh.
    } catch (nothing) {}
    return null;
  }
  // What is kept in localStorage and what "Save to a file" writes: the same record.
  function record(chapters) {
    return { format: "course-progress", version: 1, chapters: chapters };
  }
  var progress = stored() || {};
  function setProgress(chapters) {
    progress = chapters;
    try {
      localStorage.setItem(storeKey, JSON.stringify(record(chapters)));
      // Where it fails, progress is kept for this page only.
    } catch (blocked) {}
    showProgress();
  }
  function pageKey(url) {
    return new URL(url, document.baseURI).pathname.slice(siteRoot.pathname.length).replace(/(^|\/)$/, "$1index.html");
  }
  var here = pageKey(location.href);
  // Counted here, not by quiz.js: "Mark as done" may be pressed before quiz.js ever comes.
  var quizzesHere = document.querySelectorAll(".quiz").length;
  // A change starts from what is stored: another tab may have changed it since. An entry of
  // this page is given its quiz count as it changes, so its mark reads "Done · Quizzes 0/2",
  // not "Done", when no quiz has been checked yet.
  function chapterEntry(key, create) {
    if (create) progress = stored() || progress;
    var entry = progress[key];
    if (!entry || typeof entry.quizzes !== "object" || !entry.quizzes) {
      entry = { done: false, quizzes: {} };
      if (create) progress[key] = entry;
    }
    if (create && key === here && quizzesHere > 0) entry.quizCount = quizzesHere;
    return entry;
  }
  /* The sidebar and the home page's syllabus: "Done · Quizzes 1/2" under a chapter's title.
     The links never change: each one's page and mark are found once, not on every change. */
  var chapterMarks = Array.prototype.map.call(document.querySelectorAll(".sidebar-chapters a, .syllabus-entry > a"), function (link) {
    var mark = link.appendChild(document.createElement("span"));
    mark.className = "progress-mark";
    return { page: pageKey(link.href), mark: mark };
  });
  function showProgress() {
    chapterMarks.forEach(function (chapter) {
      var entry = chapterEntry(chapter.page);
      var right = Object.values(entry.quizzes).filter(function (answer) { return (answer || 0).right === true; });
      chapter.mark.textContent = [entry.done === true && "Done", entry.quizCount > 0 && "Quizzes " + right.length + "/" + entry.quizCount].filter(Boolean).join(" · ");
    });
  }
  window.courseProgress = { chapters: function () { return progress; }, set: setProgress, entry: chapterEntry, here: here };
  showProgress();

  /* "Mark as done" on a chapter: a toggle button, pressed while the chapter is done. */
  var doneButton = document.querySelector(".mark-done button");
  function toggleDone() {
    var entry = chapterEntry(here, true);
    entry.done = entry.done !== true;
    setProgress(progress);
    showDone();
  }
  function showDone() {
    doneButton.setAttribute("aria-pressed", String(chapterEntry(here).done === true));
  }
  window.addEventListener("storage", function (event) {
    if (event.key !== storeKey) return;
    progress = stored() || {};
    showProgress();
    if (doneButton) showDone();
  });
  if (doneButton) {
    doneButton.addEventListener("click", toggleDone);
    showDone();
    if (doneButton.hasAttribute("data-pending")) {
      doneButton.removeAttribute("data-pending");
      toggleDone();
    }
  }

  /* The home page's "Your progress": save it to a file, load such a file back (from another
     browser or machine), forget it. A file is never trusted: only fields of the expected type
     and shape are copied, into objects without a prototype, and nothing of it is ever written
     as markup. */
  var panel = document.querySelector(".your-progress");
  if (!panel) return;
  var status = panel.querySelector("[role=status]");
  var fileInput = panel.querySelector("input[type=file]");
  var PAGE = /^[^<>"'`\\\u0000-\u001f]{1,300}\.html$/;
  var QUIZ = /^quiz-[\w-]{1,60}$/;

  function storageWorks() {
    try {
      localStorage.setItem("course-progress-check", "1");
      localStorage.removeItem("course-progress-check");
      return true;
    } catch (blocked) { return false; }
  }

  function summary() {
    var done = Object.keys(progress).filter(function (page) { return (progress[page] || 0).done === true; }).length;
    // "Page", not "chapter": a course may call its parts units and lessons (COURSE_LEVELS).
    var said = done + (done === 1 ? " page" : " pages") + " marked done.";
    if (!storageWorks()) said += " This browser keeps nothing for this site (private mode, or storage full): save your progress to a file before you leave.";
    return said;
  }

  function checkedChapters(file) {
    if (!file || file.format !== "course-progress" || !file.chapters || typeof file.chapters !== "object") throw new Error("not course progress");
    var chapters = Object.create(null);
    Object.keys(file.chapters).slice(0, 5000).forEach(function (page) {
      var entry = file.chapters[page];
      if (!PAGE.test(page) || !entry || typeof entry !== "object") return;
      var kept = { done: entry.done === true, quizCount: Math.min(entry.quizCount >>> 0, 999), quizzes: Object.create(null) };
      var quizzes = entry.quizzes && typeof entry.quizzes === "object" ? entry.quizzes : {};
      Object.keys(quizzes).slice(0, 999).forEach(function (id) {
        var answer = quizzes[id];
        if (!QUIZ.test(id) || !answer || !Array.isArray(answer.chosen)) return;
        kept.quizzes[id] = {
          chosen: answer.chosen.filter(function (position) { return position === (position & 255); }).slice(0, 100),
          right: answer.right === true
        };
      });
      chapters[page] = kept;
    });
    return chapters;
  }

  panel.querySelector(".save-progress").addEventListener("click", function () {
    var text = JSON.stringify(record(progress), null, 1);
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = "course-progress.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  });

  fileInput.addEventListener("change", function () {
    var file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    function refuse() { status.textContent = "That file is not saved course progress: nothing was changed."; }
    if (file.size > 2000000) return refuse();
    file.text().then(function (text) {
      setProgress(checkedChapters(JSON.parse(text)));
      status.textContent = "Loaded. " + summary();
    }).catch(refuse);
  });

  panel.querySelector(".forget-progress").addEventListener("click", function () {
    if (!window.confirm("Forget your progress in this browser?")) return;
    setProgress({});
    status.textContent = "Forgotten. " + summary();
  });

  status.textContent = summary();
})();
