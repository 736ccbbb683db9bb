/* Runs before the first paint: marks that JavaScript works and applies the reader's saved
   colour scheme, so a page never flashes light before turning dark. */
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var saved = localStorage.getItem("course-scheme");
    if (saved === "light" || saved === "dark") root.setAttribute("data-scheme", saved);
  } catch (blocked) { /* storage disabled: follow the system setting */ }
})();
