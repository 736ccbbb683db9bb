"""Chapters parsed ahead on every core make the site and the messages of chapters parsed one
by one, and a parse is taken only for the very text it was made from."""

import json
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, chapter, run_in_child, write_content
from course_markdown.prerender import (
    PARALLEL_FROM,
    _parsed,
    chapters_parsed,
    parse_chunk,
    rendered_before,
)
from courselib.markdown import render_markdown
from courselib.parallel import map_chunks
from devserver import warm

# Pelican run in a child, told how many chapters the reader took parsed ahead. `ahead`
# "alone": none is parsed ahead (fewer than ever would be); "dying": every worker process
# dies as it starts parsing (as one killed for want of memory); "stopped": the first chunk
# parsed raises what is not an Exception (as the dev server's stop does).
BUILD = """
import json, os, sys
import course_markdown.prerender as prerender
import course_markdown.reader as reader
ahead, content, output, cache = json.loads(sys.argv[1])
if ahead == "alone":
    prerender.PARALLEL_FROM = 10**9
if ahead == "dying":
    parent, parse_chunk = os.getpid(), prerender.parse_chunk
    def dying(paths, root):
        if os.getpid() != parent:
            os._exit(9)
        return parse_chunk(paths, root)
    prerender.parse_chunk = dying
if ahead == "stopped":
    def stop(sender):
        raise SystemExit(75)
    prerender.chapters_parsed.connect(stop, weak=False)
taken = []
def counted(path, key, before=reader.rendered_before):
    made = before(path, key)
    taken.append(made is not None)
    return made
reader.rendered_before = counted
chunks = []
prerender.chapters_parsed.connect(lambda sender: chunks.append(sender), weak=False)
import pelican
settings = {"THEME": "themes/course", "PLUGIN_PATHS": ["plugins"], "CACHE_PATH": cache}
command = [content, "-o", output, "-s", "pelicanconf.py", "--fatal", "errors", "-e"]
command += [f"{key}={json.dumps(value)}" for key, value in settings.items()]
try:
    pelican.main(command)
except SystemExit as stop:
    print("exit", stop.code)
print("taken", sum(taken), "of", len(taken))
print("chunks", len(chunks))
"""

# What chapters hold that the parse gives the reader: formulas, code, a table, a link to
# another chapter's heading, a footnote, an alert; one warns at its line (a Liquid tag).
BODY = """## Part {n}

A formula $e^{{i\\pi}} + 1 = 0$, a [link](chapter{next}.html#part-{next}), a note[^1].

```python
print({n})
```

| a | b |
|:--|--:|
| 1 | 2 |

> [!TIP]
> Keep going.

[^1]: The note.
"""


def course(folder: Path) -> Path:
    """Write a course of more chapters than are parsed ahead from; return content/."""
    count = PARALLEL_FROM + 6
    files = {
        f"chapter{n}.md": chapter(
            f"Chapter {n}", f"chapter{n}", body=BODY.format(n=n, next=n % count + 1)
        )
        for n in range(1, count + 1)
    }
    files["chapter3.md"] += "\nThen {% include note.html %} as Jekyll writes it.\n"
    return write_content(folder / "content", files)


def build(folder: Path, content: Path, ahead: str) -> tuple[str, dict[str, bytes]]:
    """Build `content` in a child; return what it logged and every file it wrote."""
    output, cache = folder / "output", folder / "cache"
    arguments = json.dumps([ahead, str(content), str(output), str(cache)])
    finished = run_in_child(BUILD.replace("sys.argv[1]", repr(arguments)), timeout=300)
    assert "Traceback" not in finished.stderr, finished.stderr
    site = {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    return finished.stdout + finished.stderr, site


def test_chapters_parsed_ahead_make_the_site_and_messages_of_chapters_parsed_one_by_one(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(PROJECT_ROOT)
    content = course(tmp_path)
    count = PARALLEL_FROM + 6
    ahead_log, ahead_site = build(tmp_path / "ahead", content, ahead="ahead")
    alone_log, alone_site = build(tmp_path / "alone", content, ahead="alone")
    assert f"taken {count} of {count}" in ahead_log
    assert f"taken 0 of {count}" in alone_log
    # Parsing ahead said so after each chunk it parsed or waited for (where the dev server
    # may stop a build); parsing one by one, never.
    assert "chunks 0" not in ahead_log and "chunks 0" in alone_log
    assert ahead_site.keys() == alone_site.keys()
    assert [name for name in ahead_site if ahead_site[name] != alone_site[name]] == []
    warning = "content/chapter3.md:24:6: '{% include note.html %}' is a template tag"
    assert warning in ahead_log and warning in alone_log
    # Built again with nothing changed: every chapter comes from Pelican's cache, none is
    # parsed ahead.
    again_log, again_site = build(tmp_path / "ahead", content, ahead="ahead")
    assert "taken 0 of 0" in again_log and again_site == ahead_site


def test_a_parse_is_taken_once_and_only_for_the_text_it_was_made_from(tmp_path):
    page = tmp_path / "chapter1.md"
    page.write_text("# One\n\nText.\n", encoding="utf-8")
    ((path, key, made),) = parse_chunk([str(page)], str(tmp_path))
    assert made == render_markdown("# One\n\nText.\n")
    _parsed[path] = (key, made)
    edited = ("# One\n\nText, edited.\n", *key[1:])
    assert rendered_before(path, edited) is None  # the file changed since: parsed again
    _parsed[path] = (key, made)
    assert rendered_before(path, key) == made
    assert rendered_before(path, key) is None  # taken once


def test_a_chapter_that_cannot_be_read_ahead_is_left_to_the_reader(tmp_path):
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe not UTF-8 \xc3\x28\n")
    assert (
        parse_chunk([str(tmp_path / "missing.md"), str(tmp_path / "bad.md")], str(tmp_path)) == []
    )


def test_a_worker_that_dies_while_parsing_ahead_costs_no_chapter(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    content = course(tmp_path)
    log, site = build(tmp_path / "dying", content, ahead="dying")
    assert "exit" not in log, log
    assert "could not be read" not in log
    assert "Chapters are read one by one: parsing them ahead failed" in log
    count = PARALLEL_FROM + 6
    assert all(f"chapter{n}.html" in site for n in range(1, count + 1))
    _, alone_site = build(tmp_path / "alone", content, ahead="alone")
    assert site == alone_site


class Stop(BaseException):
    """What a stop point raises (as the dev server's BuildStopped is)."""


def note_chunk(chunk: list[int], folder: str) -> list[int]:
    """Leave a file for each chunk done, in whichever process did it."""
    (Path(folder) / str(chunk[0])).touch()
    return chunk


def test_what_is_raised_between_chunks_stops_the_chunks_not_started(tmp_path):
    calls = []

    def between():
        calls.append(len(calls))
        raise Stop

    items = list(range(400))  # 16 chunks of 25 on two cores
    with pytest.raises(Stop):
        map_chunks(note_chunk, items, str(tmp_path), workers=2, parallel_from=0, between=between)
    assert calls == [0]
    # This process's first chunk, and at most the two handed to the worker before it.
    assert 1 <= len(list(tmp_path.iterdir())) <= 3


def test_a_stop_between_chunks_parsed_ahead_stops_the_build(tmp_path, monkeypatch):
    """What a stop raises is no failure of parsing ahead: the build stops, no chapter is
    read one by one after it."""
    monkeypatch.chdir(PROJECT_ROOT)
    log, site = build(tmp_path / "stopped", course(tmp_path), ahead="stopped")
    assert "exit 75" in log
    assert "read one by one" not in log and site == {}


def test_the_dev_server_stops_a_build_between_chunks_parsed_ahead(monkeypatch):
    """A newer save (SIGUSR1) stops a build while it parses chapters ahead, not only once
    Pelican reads its first chapter: at 500 chapters that parse takes seconds."""
    monkeypatch.setattr(warm, "_stop_asked", True)
    monkeypatch.setattr(warm, "_stopped", False)
    monkeypatch.setattr(warm, "run_pelican_here", lambda *arguments: chapters_parsed.send())
    with pytest.raises(warm.BuildStopped):
        warm.run_stoppable(["pelican"], {})
    assert warm._stopped and not warm._stoppable
