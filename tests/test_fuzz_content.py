"""Fuzzing: random front matter and file names give a built site or a clear error, never a crash.

Each example is a real build (a Pelican process) of a few random chapters, so the
number of examples is kept small; FUZZ_EXAMPLES=500 runs a longer search.
"""

import os
import re
import tempfile
from pathlib import Path

from conftest import run_pelican, write_content
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

# Any character a front-matter line can hold (it ends at a newline).
LINE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=30
)
FIELDS = {
    "Title": st.one_of(st.just("A chapter"), LINE_TEXT, st.just("<b>Bold</b> & <script>")),
    "Date": st.one_of(
        st.dates().map(lambda day: day.isoformat()),
        st.sampled_from(["2024-13-45", "yesterday", "0", "99999999999999999999", "2024-02-30"]),
        LINE_TEXT,
    ),
    "Category": st.one_of(st.sampled_from(["chapters", "Chapters", "blog", ""]), LINE_TEXT),
    "Slug": st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True), LINE_TEXT),
    "Chapter": st.one_of(st.integers(0, 10**30).map(str), LINE_TEXT),
    "Status": st.one_of(st.sampled_from(["published", "draft", "hidden"]), LINE_TEXT),
}
FILE_NAME = st.text(
    st.characters(
        blacklist_categories=("Cs",), blacklist_characters="/\x00", max_codepoint=0x2FFFF
    ),
    min_size=1,
    max_size=24,
).filter(lambda name: not name.startswith(".") and len(name.encode()) < 200)


# A link or image to a random path, in each form an author may write one.
LINK_BODY = st.builds(
    lambda form, prefix, path: form.format(prefix + path),
    st.sampled_from(["[x]({})", "![x]({})", "[x](<{}>)", '<img src="{}">', "[x]: {}"]),
    st.sampled_from(["", "{static}", "{filename}", "{attach}", "/", "../", "{static}../"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=20),
)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` with its bytes."""
    return {str(path): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@st.composite
def chapter_files(draw) -> dict[str, str]:
    """Return a few valid chapters with random file names, then up to two fields made random."""
    names = draw(st.lists(FILE_NAME, min_size=1, max_size=3, unique_by=str.lower))
    changes = draw(
        st.sets(
            st.tuples(st.integers(0, len(names) - 1), st.sampled_from(list(FIELDS))), max_size=2
        )
    )
    files = {}
    for index, name in enumerate(names):
        number = index + 1
        fields = {
            "Title": f"Chapter {number}",
            "Date": "2024-01-01",
            "Category": "chapters",
            "Chapter": str(number),
        }
        for changed_index, key in sorted(changes):
            if changed_index == index:
                value = draw(st.one_of(st.none(), FIELDS[key]))
                fields.pop(key, None) if value is None else fields.update({key: value})
        body = draw(st.one_of(st.sampled_from(["Text.", "# Heading\n\nText.", ""]), LINK_BODY))
        header = "\n".join(f"{key}: {value}" for key, value in fields.items())
        files[f"{name}.md"] = header + "\n\n" + body + "\n"
    return files


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=chapter_files())
def test_random_chapters_build_or_fail_with_a_clear_line(files):
    with tempfile.TemporaryDirectory() as folder:
        content = write_content(Path(folder) / "content", files)
        before = snapshot(content)
        build = run_pelican(content, Path(folder) / "output")
        event(f"exit code {build.exit_code}")
        # Whatever the input, the build writes nowhere but its output (and cache) folder.
        assert set(os.listdir(folder)) <= {"content", "output", "cache"}
        assert snapshot(content) == before
        assert "Traceback" not in build.log, build.log
        assert build.exit_code in (0, 1), build.log
        if build.exit_code == 0:
            assert (build.output / "index.html").is_file()
        else:
            assert "The build failed: fix the problems listed above." in build.log, build.log
            assert re.search(r"(WARNING|ERROR) +content/", build.log), build.log
