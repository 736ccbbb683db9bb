/* The home page's "Your progress": save it to a file, load such a file back (from another
   browser or machine), forget it. The progress itself is reader.js's (window.courseProgress).
   A file is never trusted: only fields of the expected type and shape are copied, into
   objects without a prototype, and nothing of it is ever written as markup. */
(function () {
  "use strict";
  var panel = document.querySelector(".your-progress");
  var progress = window.courseProgress;
  if (!panel || !progress) return;
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
    var chapters = progress.chapters();
    var done = Object.keys(chapters).filter(function (page) { return (chapters[page] || 0).done === true; }).length;
    var said = done + (done === 1 ? " chapter" : " chapters") + " done.";
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
    var text = JSON.stringify({ format: "course-progress", version: 1, chapters: progress.chapters() }, null, 1);
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
      progress.set(checkedChapters(JSON.parse(text)));
      status.textContent = "Loaded. " + summary();
    }).catch(refuse);
  });

  panel.querySelector(".forget-progress").addEventListener("click", function () {
    if (!window.confirm("Forget your progress in this browser?")) return;
    progress.set({});
    status.textContent = "Forgotten. " + summary();
  });

  status.textContent = summary();
})();
