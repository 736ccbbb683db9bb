// Added by `make devserver` to each page it serves, never to a built site. It listens to the
// dev server's event stream: it reloads the page when the page, or a file it loads, changed
// (keeping the scroll position), and shows the last build's problems over the page.
(() => {
  "use strict";
  const script = document.currentScript;
  const served = new URL(script.src).searchParams;
  const scrollKey = "devserver:scroll";

  const urlPath = (url) => {
    let path = new URL(url, location.href).pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // a path that is not valid percent-encoding is compared as written
    }
    return path.endsWith("/") ? `${path}index.html` : path;
  };
  const pagePath = urlPath(location.href);

  const restoreScroll = () => {
    const saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
    if (!saved || saved.path !== pagePath) return;
    const scroll = () => window.scrollTo(saved.x, saved.y);
    scroll();
    window.addEventListener("load", () => {
      scroll();
      sessionStorage.removeItem(scrollKey);
    });
  };

  const filesUsed = () => {
    const paths = new Set([pagePath]);
    const urls = [];
    // Files the page loads, not pages it links to (`<link rel="next">`).
    const loaded = "link[rel~=stylesheet], link[rel~=icon], link[rel=preload], link[rel=modulepreload]";
    for (const link of document.querySelectorAll(loaded)) urls.push(link.href);
    for (const used of document.querySelectorAll("script[src]")) urls.push(used.src);
    for (const image of document.images) urls.push(image.currentSrc || image.src);
    for (const url of urls) {
      if (url && new URL(url, location.href).origin === location.origin) paths.add(urlPath(url));
    }
    return paths;
  };

  const reload = () => {
    const position = { path: pagePath, x: window.scrollX, y: window.scrollY };
    sessionStorage.setItem(scrollKey, JSON.stringify(position));
    location.reload();
  };

  // The building badge and the problem panel, in one element at the end of the page with its
  // own shadow root, styled by the overlay's stylesheet only: the page's styles never reach
  // them, nor theirs the page. One dock holds both, the badge above the panel: apart, the
  // panel (shown again after each build) covered the badge at the same corner.
  const dock = document.createElement("div");
  dock.className = "dock";
  const overlayHost = document.createElement("div");
  overlayHost.id = "devserver-overlay";
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/__devserver__/overlay.css";
  overlayHost.attachShadow({ mode: "open" }).append(style, dock);
  // In the page only while it shows something.
  const placeOverlay = () => {
    if (!dock.childElementCount) overlayHost.remove();
    else if (!overlayHost.isConnected) document.body.append(overlayHost);
  };

  // `shownEarly`: the page is a save a quick update showed, which no build has checked yet.
  const problemPanel = (problems, failed, shownEarly) => {
    const panel = document.createElement("section");
    panel.id = "devserver-problems";
    panel.setAttribute("role", "alert");
    panel.className = failed ? "failed" : "warned";
    const heading = document.createElement("h2");
    // Each problem is a warning; the error and critical lines after them sum them up.
    const count = problems.filter((problem) => problem.level === "WARNING").length;
    const found = `${count || problems.length} problem(s)`;
    heading.textContent = !failed
      ? `The build passed with ${count} warning(s)`
      : shownEarly
        ? `The last build failed (${found}); this page shows your latest save, not built yet`
        : `The build failed (${found}): this is the last good page`;
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide";
    hide.addEventListener("click", () => showProblems([], failed, shownEarly));
    const list = document.createElement("ul");
    for (const problem of problems) {
      const item = document.createElement("li");
      item.className = problem.level.toLowerCase();
      const level = document.createElement("span");
      level.className = "level";
      level.textContent = problem.level;
      item.append(level, " ");
      if (problem.location && problem.message.startsWith(problem.location)) {
        const where = document.createElement("strong");
        where.className = "where";
        where.textContent = problem.location;
        item.append(where, problem.message.slice(problem.location.length));
      } else {
        item.append(problem.message);
      }
      list.append(item);
    }
    panel.append(hide, heading, list);
    return panel;
  };

  let shownProblems = null;
  const showProblems = (problems, failed, shownEarly) => {
    if (shownProblems) shownProblems.remove();
    shownProblems = problems.length ? problemPanel(problems, failed, shownEarly) : null;
    if (shownProblems) dock.append(shownProblems);
    placeOverlay();
  };

  let badge = null;
  const showBuilding = (building) => {
    if (building && !badge) {
      badge = document.createElement("p");
      badge.id = "devserver-building";
      badge.className = "building";
      badge.setAttribute("role", "status");
      badge.textContent = "Building…";
      dock.prepend(badge);
    } else if (!building && badge) {
      badge.remove();
      badge = null;
    }
    placeOverlay();
  };

  // Only a page on screen listens: a browser opens at most 6 connections to one server, and
  // each listening page holds one. A page shown again catches up on what it missed.
  let heard = served.get("build");
  let events = null;
  const listen = () => {
    const query = `run=${encodeURIComponent(served.get("run"))}&build=${heard}`;
    events = new EventSource(`/__devserver__/events?${query}`);
    events.addEventListener("message", (event) => {
      const state = JSON.parse(event.data);
      // The build this page has heard of, for tests and for anyone looking at the page.
      document.documentElement.dataset.devserverBuild = state.build;
      const used = filesUsed();
      if (state.changed === null || state.changed.some((path) => used.has(path))) {
        events.close();
        reload();
        return;
      }
      heard = state.build;
      showBuilding(state.building);
      showProblems(state.problems, state.failed, state.unchecked.includes(pagePath));
    });
  };
  document.addEventListener("visibilitychange", () => {
    if (document.hidden && events) {
      events.close();
      events = null;
    } else if (!document.hidden && !events) {
      listen();
    }
  });

  restoreScroll();
  if (!document.hidden) listen();
})();
