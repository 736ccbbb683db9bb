"""mdBook's `{{#include}}` in code blocks: the listing's lines, read again when it changes."""

import os
import re

import pytest
from conftest import run_pelican, write_content
from courselib.markdown import render_markdown

LISTING = """use std::io;
// ANCHOR: here
fn main() {
    // ANCHOR: inner
    println!("Hello");
    // ANCHOR_END: inner
}
// ANCHOR_END: here
"""


def rendered(tmp_path, markdown: str, listing: str = LISTING):
    """Render `markdown` as content/src/ch1/page.md, beside content/listings/main.rs."""
    content = write_content(
        tmp_path / "content", {"listings/main.rs": listing, "src/ch1/page.md": markdown}
    )
    return render_markdown(markdown, folders=(str(content / "src" / "ch1"), str(content)))


@pytest.mark.parametrize(
    ("directive", "code"),
    [
        ("main.rs", LISTING.rstrip("\n")),
        ("main.rs:2", "// ANCHOR: here"),  # a line alone
        ("main.rs::1", "use std::io;"),  # lines up to
        ("main.rs:7:", "}\n// ANCHOR_END: here"),  # lines from
        ("main.rs:3:3", "fn main() {"),
        # Between the anchor lines, without the anchor lines inside.
        ("main.rs:here", 'fn main() {\n    println!("Hello");\n}'),
        ("main.rs:inner", '    println!("Hello");'),
    ],
)
def test_a_code_blocks_include_shows_the_lines_it_names_as_mdbook_does(tmp_path, directive, code):
    # rust-lang/book, async-book (62 code blocks) and comprehensive-rust (246) keep their
    # listings in files: the pages showed `{{#include ...}}` where the code should be.
    chapter = rendered(
        tmp_path, f"# Page\n\n```text\n{{{{#include ../../listings/{directive}}}}}\n```\n"
    )
    assert chapter.problems == [] and chapter.warnings == []
    html_code = code.replace('"', "&quot;")
    assert f'<code class="language-text">{html_code}\n</code>' in chapter.html
    assert list(chapter.included) == ["listings/main.rs"]


def test_the_includes_of_every_kind_of_code_block(tmp_path):
    markdown = (
        "```rust\n{{#rustdoc_include ../../listings/main.rs:inner}}\n\\{{#include x.rs}}\n```\n\n"
        "    {{#include ../../listings/main.rs::1}}\n\n"
        "- item\n\n  > ```\n  > a {{#include ../../listings/main.rs:3:3}} b\n  > ```\n"
    )
    chapter = rendered(tmp_path, markdown)
    assert chapter.problems == [] and chapter.warnings == []
    text = re.sub(r"<span[^>]*>|</span>", "", chapter.html)  # Pygments' colours
    assert (
        '<code class="language-rust">    println!(&quot;Hello&quot;);\n{{#include x.rs}}\n' in text
    )
    assert "<code>use std::io;\n</code>" in text  # an indented code block
    assert "<code>a fn main() { b\n</code>" in text  # in a quote in a list, mid-line


def test_a_broken_include_is_a_problem_at_its_line_and_column(tmp_path):
    markdown = (
        "# Page\n\n- item\n\n  ```\n  {{#include ../../listings/missing.rs}}\n  ```\n\n"
        "```\n{{#include ../../listings/main.rs:nope}}\n{{#include ../../../../etc/passwd}}\n"
        "{{#include ../../listings}}\n```\n"
    )
    chapter = rendered(tmp_path, markdown)
    missing, nope = "../../listings/missing.rs", "../../listings/main.rs:nope"
    assert chapter.problems == [
        (6, 3, f"{{{{#include {missing}}}}}: content/listings/missing.rs does not exist"),
        (10, 1, f"{{{{#include {nope}}}}}: content/listings/main.rs has no line 'ANCHOR: nope'"),
        (11, 1, "{{#include ../../../../etc/passwd}}: the file is outside content/:"
         " keep the listings in the course"),
        (12, 1, "{{#include ../../listings}}: name a file to include"),
    ]  # fmt: skip
    assert "{{#include ../../../../etc/passwd}}" in chapter.html  # shown as written


def test_an_include_outside_code_stays_text_with_a_warning(tmp_path):
    chapter = rendered(tmp_path, "# Page\n\nText {{#include ../../listings/main.rs}} here.\n")
    assert "<p>Text {{#include ../../listings/main.rs}} here.</p>" in chapter.html
    assert chapter.problems == []
    assert chapter.warnings == [
        (
            3,
            6,
            "{{#include ../../listings/main.rs}} is mdBook's, and filled in only inside a code"
            " block: the page shows it as text; put it between ``` lines, or copy the file's"
            " text here",
        )
    ]


def test_an_include_in_a_code_span_is_the_codes(tmp_path):
    # A page about mdBook shows the directive so: no warning.
    chapter = rendered(tmp_path, "# Page\n\nWrite `{{#include main.rs}}` in a code block.\n")
    assert chapter.warnings == [] and chapter.problems == []
    assert "<code>{{#include main.rs}}</code>" in chapter.html


def test_a_templates_include_of_a_name_is_no_mdbook_include(tmp_path):
    # Handlebars' `{{#include "header"}}` in a code block failed the build: no such file.
    chapter = rendered(tmp_path, '# Page\n\n```handlebars\n{{#include "header"}}\n```\n')
    assert chapter.problems == [] and chapter.included == {}
    assert "&quot;header&quot;" in chapter.html


def test_text_read_without_its_file_keeps_its_includes():
    chapter = render_markdown("```\n{{#include main.rs}}\n```\n")
    assert "<code>{{#include main.rs}}\n</code>" in chapter.html
    assert chapter.problems == [] and chapter.included == {}


def test_a_rebuild_shows_an_edited_listing_though_the_chapter_is_unchanged(tmp_path):
    # Pelican's cache keeps a chapter's reading while its own file is unchanged: the page
    # kept the listing as it was.
    files = {
        "README.md": "# Course\n",
        "1-a.md": "# A\n\n```rust\n{{#include code/main.rs}}\n```\n",
        "code/main.rs": "fn first_version() {}\n",
    }
    content = write_content(tmp_path / "content", files)
    first = run_pelican(content, tmp_path / "output")
    assert first.exit_code == 0, first.log
    assert "first_version" in first.page("1-a.html")
    listing = content / "code" / "main.rs"
    listing.write_text("fn second_version() {}\n", encoding="utf-8")
    os.utime(listing, ns=(1, listing.stat().st_mtime_ns + 10**9))
    second = run_pelican(content, tmp_path / "output")
    assert second.exit_code == 0, second.log
    assert "second_version" in second.page("1-a.html")
    assert "first_version" not in second.page("1-a.html")
    # A listing removed is the chapter's problem, at its line, though the chapter is cached.
    listing.unlink()
    third = run_pelican(content, tmp_path / "output")
    assert third.exit_code != 0
    assert (
        "content/1-a.md:4:1: {{#include code/main.rs}}: content/code/main.rs does not exist"
        in third.log
    )
