/* Self-check quizzes, fetched by reader.js on pages with a quiz once one is touched (or at once
   to show answers given before). data-answer holds the right options' positions. Check marks
   each chosen option right or wrong in words, says the verdict in the quiz's live region, then
   the explanation, and keeps the answer with reader.js's progress. */
(function () {
  "use strict";
  var progress = window.courseProgress;
  var here = progress.here;
  var quizzes = document.querySelectorAll(".quiz");
  window.courseQuizzes = true;
  quizzes.forEach(function (quiz) {
    var answer = quiz.getAttribute("data-answer").split(" ").map(Number);
    var inputs = Array.from(quiz.querySelectorAll("input"));
    var feedback = quiz.querySelector("[role=status]");
    var explanation = quiz.querySelector(".quiz-explanation");
    function clearMarks() {
      quiz.querySelectorAll(".quiz-mark").forEach(function (mark) { mark.remove(); });
    }
    // Answers given before come back marked, quietly: a live region that spoke as the page
    // opened would talk over it.
    function check(quietly) {
      var chosen = [];
      var wrong = 0;
      clearMarks();
      inputs.forEach(function (input, position) {
        if (!input.checked) return;
        var isRight = answer.indexOf(position) >= 0;
        // The space keeps "Wrong" a word of its own in the option's accessible name.
        var mark = input.parentNode.appendChild(document.createElement("span"));
        mark.className = "quiz-mark " + (isRight ? "right" : "wrong");
        mark.append(" ", document.createElement("b"));
        mark.lastChild.textContent = isRight ? "Right" : "Wrong";
        chosen.push(position);
        wrong += !isRight;
      });
      if (quietly) return;
      var missing = answer.length - chosen.length + wrong;
      var verdict = document.createElement("p");
      verdict.textContent = !chosen.length ? "Choose an answer first." : wrong ? "Not right: " + wrong + " wrong. Try again."
        : missing ? "Right so far: choose " + missing + " more." : "Right!";
      feedback.replaceChildren(verdict);
      if (!chosen.length) return;
      if (explanation) {
        feedback.append(explanation.cloneNode(true));
        feedback.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
      }
      // progress.js gives this page's entry its quiz count.
      var entry = progress.entry(here, true);
      entry.quizzes[quiz.id] = { chosen: chosen, right: !wrong && !missing };
      progress.set(progress.chapters());
    }
    var button = quiz.querySelector("button");
    button.addEventListener("click", function () { check(false); });
    quiz.addEventListener("change", clearMarks);
    var saved = progress.entry(here).quizzes[quiz.id];
    if (saved && Array.isArray(saved.chosen) && saved.chosen.length) {
      inputs.forEach(function (input, position) { input.checked = saved.chosen.indexOf(position) >= 0; });
      check(true);
    }
    // Check was pressed before this script came (reader.js noted it).
    if (button.hasAttribute("data-pending")) {
      button.removeAttribute("data-pending");
      check(false);
    }
  });
})();
