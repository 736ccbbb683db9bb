"""`make devserver`: build the course, serve the last good site, rebuild on every save.

Not a Pelican plugin but a command (`python -m devserver`), standard library plus
watchfiles (Pelican's own dependency):

- `watch.py`: content/, the theme, the plugins and the settings files are watched; a
  burst of saves is one build.
- `builds.py`: each build is `make html`'s staged build, so the site in output/ is only
  ever replaced by one that passed (the link gate included), and chapter pages whose
  inputs did not change are linked from the last build (unchanged_pages). A save made
  during a build is built by the next one.
- `changes.py`: which files of the site each build changed.
- `problems.py`: each build's problems, read from the very lines the terminal shows.
- `server.py`: http.server serving output/, adding `/__devserver__/reload.js` to each
  page as it is served (never to a built file), and a server-sent-events stream;
  `static/`: the script, which reloads a page whose files changed (keeping its scroll
  position) and shows the last build's problems over it.
"""
