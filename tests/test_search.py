"""The search index is built by every build, after Pelican has written the site."""

import subprocess
from pathlib import Path

import search.index
from conftest import chapter, search_records
from courselib.open_problems import also_failing, wait_to_fail
from search.index import SearchSettings, index_site, pagefind_command, read_settings


def indexed_urls(bundle: Path) -> set[str]:
    """Return the URL of every page a Pagefind bundle holds."""
    return {record["url"] for record in search_records(bundle)}


def test_build_writes_the_search_bundle_and_indexes_only_written_chapters(build_site):
    build = build_site(
        {
            "chapter1.md": chapter("Tokens", "chapter1", body="Byte pair encoding."),
            "chapter2.md": chapter("Agents", "chapter2", body="Tools and plans."),
            "chapter3.md": chapter("Draft", "chapter3", body="Not yet.", Status="draft"),
            "chapter4.md": chapter("Hidden", "chapter4", body="Secret.", Status="hidden"),
        },
        extra_settings={"UPCOMING_CHAPTERS": [{"number": 5, "title": "Safety"}]},
    )
    assert build.exit_code == 0, build.log
    assert (build.output / "pagefind" / "pagefind.js").is_file()
    assert indexed_urls(build.output / "pagefind") == {"/chapter1.html", "/chapter2.html"}
    assert "data-pagefind-body" in build.page("chapter1.html")
    not_indexed = ("index.html", "chapter5.html", "404.html", "drafts/chapter3.html")
    for page in (*not_indexed, "chapter4.html"):
        assert "data-pagefind-body" not in build.page(page), page


def test_the_course_readme_is_searched_and_no_page_is_indexed_with_the_themes_text(build_site):
    # mlabonne/llm-course is one README: search found its 404 page, and the home page's
    # text began "Skip to content LLM Course Dark theme". With chapters beside it, the
    # README's own text (how to start, what to install) could not be found at all.
    readme = '<div align="center">\n\n# LLM course\n\nInstall the quokkatool first.\n'  # open
    alone = build_site({"README.md": readme})
    assert alone.exit_code == 0, alone.log
    (record,) = search_records(alone.output / "pagefind")
    assert record["url"] == "/" and record["meta"]["title"] == "LLM course"
    assert record["content"].startswith("LLM course. Install the quokkatool first.")
    assert "Dark theme" not in record["content"] and "Syllabus" not in record["content"]
    beside = build_site({"README.md": readme, "01-intro.md": "# Intro\n\nTokens.\n"})
    assert indexed_urls(beside.output / "pagefind") == {"/", "/01-intro.html"}


def test_a_course_in_a_language_pagefind_cannot_stem_is_indexed(build_site):
    # With DEFAULT_LANG = "zh" (or "ja", "ko") every build failed: Pagefind names no
    # stemmer for such a language ("wasm": null) and loads wasm.unknown.pagefind.
    build = build_site(
        {"chapter1.md": chapter("智能体", "chapter1", body="大语言模型与智能体。")},
        extra_settings={"DEFAULT_LANG": "zh"},
    )
    assert build.exit_code == 0, build.log
    assert indexed_urls(build.output / "pagefind") == {"/chapter1.html"}
    assert (build.output / "pagefind" / "wasm.unknown.pagefind").is_file()


def test_search_can_be_turned_off(build_site):
    build = build_site(
        {"chapter1.md": chapter("Tokens", "chapter1")}, extra_settings={"SEARCH_ENABLED": False}
    )
    assert build.exit_code == 0, build.log
    assert not (build.output / "pagefind").exists()


def test_a_bad_setting_fails_the_build_naming_the_key(build_site):
    build = build_site(
        {"chapter1.md": chapter("Tokens", "chapter1")}, extra_settings={"SEARCH_ENABLED": "yes"}
    )
    assert build.exit_code != 0
    assert "SEARCH_ENABLED must be True or False" in build.log


def test_pagefind_runs_the_installed_binary_on_the_given_folder(tmp_path):
    command = pagefind_command(tmp_path, "pagefind")
    assert Path(command[0]).is_file() and Path(command[0]).name.startswith("pagefind")
    assert command[1:3] == ["--site", str(tmp_path)]


def test_a_missing_pagefind_is_one_line_saying_how_to_install_it(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>Hello</p>")
    monkeypatch.setattr(search.index, "pagefind_executable", lambda: None)
    assert not index_site(tmp_path / "site", SearchSettings(), tmp_path / "cache")
    assert also_failing() == [  # logged once the build ends, after the link gate
        "site: search index not built: Pagefind is not installed: "
        "run `make venv` (pyproject.toml lists pagefind[bin])"
    ]
    wait_to_fail("search", None)
    assert read_settings({}) == SearchSettings(enabled=True)


def test_an_unchanged_site_reuses_its_index_and_a_changed_one_is_indexed_again(tmp_path):
    from conftest import run_pelican, write_content

    content = write_content(tmp_path / "content", {"chapter1.md": chapter("Tokens", "chapter1")})
    first = run_pelican(content, tmp_path / "output")
    bundle = sorted(p.name for p in (first.output / "pagefind").rglob("*") if p.is_file())
    (cached,) = (tmp_path / "cache" / "search").iterdir()
    again = run_pelican(content, tmp_path / "output")
    assert again.exit_code == 0, again.log
    assert sorted(p.name for p in (again.output / "pagefind").rglob("*") if p.is_file()) == bundle
    assert list((tmp_path / "cache" / "search").iterdir()) == [cached]
    write_content(content, {"chapter1.md": chapter("Tokens", "chapter1", body="Byte pairs.")})
    changed = run_pelican(content, tmp_path / "output")
    assert changed.exit_code == 0, changed.log
    assert list((tmp_path / "cache" / "search").iterdir()) != [cached]  # indexed anew, kept alone
    assert len(list((tmp_path / "cache" / "search").iterdir())) == 1


def test_a_full_disk_fails_the_build_in_one_line_and_never_poisons_the_index(tmp_path):
    """Pagefind exits 0 after writing empty files on a full disk; they must never be kept."""
    from conftest import run_staged_build, small_disk, write_content

    write_content(tmp_path / "content", {"chapter1.md": chapter("Tokens", "chapter1")})
    with small_disk(tmp_path / "cache", "400k"):
        code, log = run_staged_build(tmp_path)
        assert code != 0, log
        assert "output: search index not built: Pagefind wrote a damaged index (" in log, log
        assert "Traceback" not in log
        assert not (tmp_path / "output").exists()
        subprocess.run(["mount", "-o", "remount,size=16m", str(tmp_path / "cache")], check=True)
        code, log = run_staged_build(tmp_path)
    assert code == 0, log
    bundle = tmp_path / "output" / "pagefind"
    assert indexed_urls(bundle) == {"/chapter1.html"}
    assert all(file.stat().st_size > 0 for file in bundle.rglob("*") if file.is_file())


def test_a_failed_index_still_lets_the_link_gate_show_every_broken_link(build_site, tmp_path):
    """Under --fatal errors the index's failure used to end the build before the gate ran."""
    fake = tmp_path / "fake_pagefind"
    (fake / "pagefind_bin").mkdir(parents=True)
    script = fake / "pagefind"
    script.write_text("#!/bin/sh\necho 'Error: the disk is on fire' >&2\nexit 1\n")
    script.chmod(0o755)
    (fake / "pagefind_bin" / "__init__.py").write_text(
        f"def get_executable():\n    return {str(script)!r}\n"
    )
    build = build_site(
        {"chapter1.md": chapter("Tokens", "chapter1", body="See [the next one](chapter9.html).")},
        environment={"PYTHONPATH": str(fake)},
    )
    assert build.exit_code != 0
    assert "content/chapter1.md:6:" in build.log and "chapter9.html" in build.log, build.log
    [closing] = [line for line in build.log.splitlines() if " ERROR " in line]
    assert closing.endswith(
        "link gate: 1 broken link(s), anchor(s) or image(s); each is listed above."
        " output: search index not built: the disk is on fire."
    ), build.log
    assert "Traceback" not in build.log
    alone = build_site(
        {"chapter1.md": chapter("Tokens", "chapter1")}, environment={"PYTHONPATH": str(fake)}
    )
    assert alone.exit_code != 0
    [closing] = [line for line in alone.log.splitlines() if " ERROR " in line]
    assert closing.endswith(" output: search index not built: the disk is on fire."), alone.log
