"""A re-check with the cache finds exactly what a full check finds, after any kind of change."""

import shutil

import pytest
from linkgate.check import GateOptions, check_site
from linkgate_helpers import FIXTURES


def edit(path, old, new):
    path.write_text(path.read_text().replace(old, new))


CHANGES = {
    "an id renamed in a target page": lambda site: edit(
        site / "chapter1.html", 'id="first-steps"', 'id="first-step"'
    ),
    "a broken link planted": lambda site: edit(
        site / "chapter1.html", "</body>", '<a href="chapter9.html">x</a></body>'
    ),
    "a page deleted": lambda site: (site / "café.html").unlink(),
    "a page added": lambda site: (site / "new.html").write_text('<a href="nowhere.html">x</a>'),
    "an image corrupted in place": lambda site: (site / "images" / "dot.png").write_bytes(b"junk"),
    "an image emptied": lambda site: (site / "images" / "dot 2x.png").write_bytes(b""),
    "a stylesheet changed": lambda site: edit(site / "theme" / "site.css", "dot.png", "dots.png"),
    "nothing": lambda site: None,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_recheck_agrees_with_a_full_check(change, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean_site" / "site", site)
    cached = GateOptions(cache_dir=tmp_path / "cache")
    assert check_site(site, cached) == []
    CHANGES[change](site)
    full = check_site(site, GateOptions())
    assert check_site(site, cached) == full
    assert check_site(site, cached) == full  # and once more, from what the re-check stored
    if change != "nothing":
        assert full, "each change but the last plants a problem"


def test_a_fixed_link_disappears_on_recheck(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "missing_page" / "site", site)
    cached = GateOptions(cache_dir=tmp_path / "cache")
    assert len(check_site(site, cached)) == 2
    edit(site / "index.html", "chapter6.html", "chapter5.html")
    [left] = check_site(site, cached)
    assert left.target == "Chapter5.html"


def test_pages_rewritten_unchanged_are_not_read_again(tmp_path, monkeypatch):
    """Pelican rewrites every page of each build; only the one whose bytes changed counts."""
    import os

    import linkgate.check

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean_site" / "site", site)
    for number in range(30):  # more pages than a re-check would take on by their stamps alone
        (site / f"extra{number}.html").write_text(
            f'<a href="chapter1.html#first-steps">{number}</a>'
        )
    cached = GateOptions(cache_dir=tmp_path / "cache")
    assert check_site(site, cached) == []
    for page in site.rglob("*.html"):
        page.write_bytes(page.read_bytes())
        os.utime(page, ns=(page.stat().st_mtime_ns + 10**9,) * 2)
    edit(site / "chapter1.html", 'id="first-steps"', 'id="first-step"')
    full = check_site(site, GateOptions())

    def no_full_check(*arguments):
        raise AssertionError("a full check was made where a re-check would do")

    monkeypatch.setattr(linkgate.check, "_full_check", no_full_check)
    assert check_site(site, cached) == full
    assert len(full) == 32  # index.html's two links to #first-steps and the 30 extra pages'


def test_renamed_files_in_a_generated_folder_keep_the_recheck_incremental(tmp_path, monkeypatch):
    """Pagefind renames its index files whenever a chapter changes; that is no new site."""
    import linkgate.check

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean_site" / "site", site)
    (site / "pagefind" / "fragment").mkdir(parents=True)
    (site / "pagefind" / "fragment" / "en_1a2b.pf_fragment").write_bytes(b"x")
    cached = GateOptions(cache_dir=tmp_path / "cache", generated_folders=("pagefind",))
    assert check_site(site, cached) == []
    (site / "pagefind" / "fragment" / "en_1a2b.pf_fragment").rename(
        site / "pagefind" / "fragment" / "en_3c4d.pf_fragment"
    )
    edit(site / "chapter1.html", "</body>", '<a href="chapter9.html">x</a></body>')
    full = check_site(site, GateOptions())

    def no_full_check(*arguments):
        raise AssertionError("a full check was made where a re-check would do")

    monkeypatch.setattr(linkgate.check, "_full_check", no_full_check)
    assert check_site(site, cached) == full
    assert [problem.target for problem in full] == ["chapter9.html"]


def test_pages_linking_to_an_edited_page_are_judged_again_only_when_its_ids_change(
    tmp_path, monkeypatch
):
    """Every chapter links to every other (the sidebar): an edit must not re-judge the site."""
    import linkgate.check

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean_site" / "site", site)
    for number in range(30):
        (site / f"extra{number}.html").write_text(
            f'<a href="chapter1.html#first-steps">{number}</a>'
        )
    cached = GateOptions(cache_dir=tmp_path / "cache")
    assert check_site(site, cached) == []
    judged = []
    real_judge = linkgate.check._judge_targets

    def spy(site_files, records, known, image_verdicts):
        judged.append(sorted(records))
        return real_judge(site_files, records, known, image_verdicts)

    monkeypatch.setattr(linkgate.check, "_judge_targets", spy)
    edit(site / "chapter1.html", "</body>", "<p>A new paragraph, no new id.</p></body>")
    assert check_site(site, cached) == []
    assert judged == [["chapter1.html"]]
    edit(site / "chapter1.html", 'id="first-steps"', 'id="first-step"')
    assert len(check_site(site, cached)) == 32
    assert len(judged[-1]) > 30  # now every page that links to chapter1 is judged again


def test_a_link_judged_again_is_still_judged_again_on_the_next_edit(tmp_path):
    """Re-judging a page that links to an edited one must keep what it uses on record."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "chapter1.html").write_text('<a href="chapter3.html#attention">Attention</a>')
    (site / "chapter2.html").write_text("<p>No links.</p>")
    (site / "chapter3.html").write_text('<h2 id="attention">Attention</h2>')
    cached = GateOptions(cache_dir=tmp_path / "cache")
    assert check_site(site, cached) == []
    # chapter3 gains an id (chapter1 is judged again, still fine), then loses the linked one.
    edit(site / "chapter3.html", "</h2>", '</h2><h2 id="queries">Queries</h2>')
    assert check_site(site, cached) == []
    edit(site / "chapter3.html", 'id="attention"', 'id="self-attention"')
    full = check_site(site, GateOptions())
    assert [problem.target for problem in full] == ["chapter3.html#attention"]
    assert check_site(site, cached) == full
