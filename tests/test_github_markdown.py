"""Chapters written the way GitHub shows Markdown, built into real sites: the HTML students
get, and each problem reported at the Markdown line (and column) where it was written."""

import re

import pytest
from conftest import chapter
from courselib.markdown import render_markdown
from selectolax.lexbor import LexborHTMLParser

EXTRAS = """Intro text
- a list right after a paragraph
- second

3. starts at three
4. four

| Model | Params | Year |
|:------|:------:|-----:|
| GPT-2 | 1.5B   | 2019 |

~~Old~~ new, - [ ] not this, and https://example.org/docs.

- [x] read the chapter
- [ ] do the exercise

A claim[^source].

[^source]: The source, with a [link](#a-heading).

## A heading

> [!IMPORTANT]
> Keep **this** in mind.

!!! tip "Shortcut"
    Press `/` to search.

- step one

  ```python
  print("kept")
  ```

<details>
<summary>Answer</summary>

The answer is **42**.

</details>
"""


def test_githubs_constructs_build_into_the_page(build_site):
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=EXTRAS)})
    assert build.exit_code == 0, build.log
    page = build.page("chapter1.html")
    assert "<p>Intro text</p>\n<ul>\n<li>a list right after a paragraph</li>" in page
    assert '<ol start="3">' in page
    assert '<th class="align-left">Model</th>' in page
    assert '<td class="align-center">1.5B</td>' in page
    assert '<td class="align-right">2019</td>' in page
    assert "<del>Old</del>" in page
    assert '<a href="https://example.org/docs">https://example.org/docs</a>.' in page
    assert page.count('class="task-list-item-checkbox" type="checkbox" disabled') == 2
    assert '<sup id="fnref:source"><a class="footnote-ref" href="#fn:source">1</a></sup>' in page
    assert '<li id="fn:source">' in page and 'href="#fnref:source"' in page
    assert '<div class="admonition important">\n<p class="admonition-title">Important</p>' in page
    assert '<div class="admonition tip">\n<p class="admonition-title">Shortcut</p>' in page
    assert '<span class="nb">print</span>' in page  # the fence inside the list item
    assert "<p>The answer is <strong>42</strong>.</p>" in page
    assert not re.search(r"\sstyle=", page)
    # Footnote links, back-links and the link inside the footnote all passed the gate.
    assert "broken" not in build.log.lower()


def test_githubs_emoji_shortcodes_are_emoji_where_github_shows_them(build_site):
    # DataTalksClub's zoomcamp heads 44 sections `## :movie_camera: ...`; Web-Dev titles a
    # unit ":dollar: Build a Bank". They were shown as written.
    body = (
        "## :movie_camera: SQL refresher\n\n"
        "Done :tada: :+1:, at 12:30:45, in `:tada:` and $a:b:c$.\n\n```\nrun :tada:\n```\n\n"
        "Not :octocat: nor :no_such_name:; see [the video](#movie_camera-sql-refresher).\n"
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    page = build.page("chapter1.html")
    # GitHub's id, made from the shortcode as written: the link to it passed the gate.
    assert '<h2 id="movie_camera-sql-refresher">🎥 SQL refresher' in page
    assert "Done 🎉 👍, at 12:30:45, in <code>:tada:</code> and <math>" in page
    assert "run :tada:" in page and "🎉" not in page.split("<math>", 1)[1]
    assert "Not :octocat: nor :no_such_name:;" in page


def test_shortcodes_in_the_text_of_an_html_block_are_emoji_as_on_github():
    # READMEs centre their greeting in HTML: `<h2 align="center">:wave: Welcome</h2>` was
    # shown as written. Tags, comments and code keep theirs, and links their places.
    markdown = (
        '<h1 align="center">:wave: Rust :crab:</h1>\n'
        '<p align="center">Star :star: <img alt=":tada:" src="x.png"> <code>:tada:</code>'
        ' <!-- :tada: --> <a href="gone.md">:rocket:</a></p>\n'
    )
    rendered = render_markdown(markdown)
    assert '<h1 align="center">👋 Rust 🦀</h1>' in rendered.html
    assert 'Star ⭐ <img alt=":tada:" src="x.png"> <code>:tada:</code>' in rendered.html
    assert '<!-- :tada: --> <a href="gone.md">🚀</a>' in rendered.html
    kept = "<pre><code>a</code>\n:tada:</pre>\n<style>p::after { content: ':tada:' }</style>\n"
    assert render_markdown(kept).html == kept
    assert rendered.title == "👋 Rust 🦀"
    [link, image] = sorted(rendered.links, key=lambda link: link.is_image)
    assert (link.url, link.line, link.column) == (
        "gone.md",
        2,
        markdown.split("\n")[1].find("<a") + 1,
    )
    assert (image.url, image.line) == ("x.png", 2)


@pytest.mark.parametrize(
    "markdown",
    ["Run <code>:tada:</code>.", "See https://x.org/:tada:/y.", "See <https://x.org/:tada:/y>."],
)
def test_a_shortcode_in_code_written_as_html_or_in_a_bare_url_stays_as_written(markdown):
    assert "🎉" not in render_markdown(markdown).html


def test_a_bare_scheme_with_no_host_after_it_stays_text(build_site):
    # Microsoft's mcp-for-beginners writes placeholders so; GitHub links none of them, we
    # linked `https://`, and the link gate failed the build on a link nobody wrote.
    body = (
        "Call **https://<apim-name>.azure-api.net/mcp** or https://{endpoint}.azure.com/,"
        " not https://*.example.com, but https://example.org/docs.\n"
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    page = build.page("chapter1.html")
    assert "<strong>https://" in page and "or https://{endpoint}.azure.com/, not https://*." in page
    assert '<a href="https://example.org/docs">https://example.org/docs</a>' in page
    assert page.count('href="https://') == 1


# What cmark-gfm 0.29 (GitHub's renderer, `cmark-gfm -e autolink`) makes of a bare URL
# after a character that is not a space: it links a scheme after anything but a letter.
@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        (
            "论文：https://arxiv.org/abs/1 end",
            '论文：<a href="https://arxiv.org/abs/1">https://arxiv.org/abs/1</a> end',
        ),
        ("see:https://a.org/x", 'see:<a href="https://a.org/x">https://a.org/x</a>'),
        ('"https://d.org" or', '&quot;<a href="https://d.org">https://d.org</a>&quot; or'),
        ("=https://k.org", '=<a href="https://k.org">https://k.org</a>'),
        ("1https://b.org x", '1<a href="https://b.org">https://b.org</a> x'),
        ("HTTPS://k.org.", '<a href="HTTPS://k.org">HTTPS://k.org</a>.'),
        ("at ftp://foo.bar.baz.", 'at <a href="ftp://foo.bar.baz">ftp://foo.bar.baz</a>.'),
        ("xhttps://c.org", "xhttps://c.org"),
        ("[https://e.org]", "[https://e.org]"),
        ("中文www.g.org", "中文www.g.org"),
    ],
)
def test_a_bare_url_is_linked_after_what_github_links_it_after(markdown, html):
    assert render_markdown(markdown).html == f"<p>{html}</p>\n"


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        # stas00/ml-engineering: "tested with SLURM@22.05.09" was a mail link; cmark-gfm
        # links an address only where its domain ends in a letter.
        ("SLURM@22.05.09 and react@18.2.0", "SLURM@22.05.09 and react@18.2.0"),
        ("python@3.11.", "python@3.11."),
        ("stas@example.org", '<a href="mailto:stas@example.org">stas@example.org</a>'),
        ("a@b.c1d", '<a href="mailto:a@b.c1d">a@b.c1d</a>'),
        ("**a@b.org**", '<strong><a href="mailto:a@b.org">a@b.org</a></strong>'),
        ("x@y.z-", "x@y.z-"),
        # After any other character too: ruanyf/weekly's footer on 172 pages, in brackets.
        (
            "联系（yifeng.ruan@gmail.com）。",
            '联系（<a href="mailto:yifeng.ruan@gmail.com">yifeng.ruan@gmail.com</a>）。',
        ),
        (
            "（@foo@mastodon.social）",
            '（@<a href="mailto:foo@mastodon.social">foo@mastodon.social</a>）',
        ),
        ('"a@b.org"', '&quot;<a href="mailto:a@b.org">a@b.org</a>&quot;'),
        ("x/bar@baz.com", 'x/<a href="mailto:bar@baz.com">bar@baz.com</a>'),
        ("é@b.com", "é@b.com"),
    ],
)
def test_a_bare_mail_address_is_linked_where_github_links_it(markdown, html):
    assert render_markdown(markdown).html == f"<p>{html}</p>\n"


def test_a_bare_url_is_located_at_its_scheme():
    # The link gate reported a broken bare URL at its colon.
    links = render_markdown("Intro.\n\nSee 论文：https://a.org/x and www.b.org.\n").links
    assert [(link.url, link.line, link.column) for link in links] == [
        ("https://a.org/x", 3, 8),
        ("http://www.b.org", 3, 28),
    ]


def test_an_autolinks_text_is_the_url_as_written(build_site):
    # DataTalksClub's zoomcamp: "Capstone%20Project-1" was shown as "Capstone Project-1".
    url = "https://example.org/Capstone%20Project-1"
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=f"See {url} or <{url}>.\n")})
    assert build.exit_code == 0, build.log
    assert build.page("chapter1.html").count(f'<a href="{url}">{url}</a>') == 2


def test_the_seed_chapter_renders_its_hands_on_tasks_as_three_items_with_nested_bullets(
    seed_site,
):
    page = seed_site.page("chapter4.html")
    hands_on = page.split('id="hands-on-creating-and-editing-ai-generated-media"')[1]
    hands_on = hands_on.split("<h2")[0]
    assert hands_on.count("<ol>") == 1 and hands_on.count("</ol>") == 1
    items = hands_on.split("<ol>")[1].split("</ol>")[0]
    assert re.findall(r"<strong>([^<]+)</strong>", items) == [
        "Image Generation and Modification",
        "Audio Generation and Processing",
        "Multimodal Applications",
    ]
    assert items.count("<ul>") == 3 and items.count("<li>") == 3 + 9


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["```", "docker compose down", "```"], "<code>docker compose down</code>"),
        (["> not a quote"], "&gt; not a quote"),
        (["# not a heading"], "# not a heading"),
        (["***"], "***"),
        (["| a | b |", "|---|---|"], "| a | b |\n|---|---|"),
        (["!!! note"], "!!! note"),
    ],
)
def test_a_line_left_of_a_list_items_text_continues_it_as_on_github(lines, text):
    # DataTalksClub's zoomcamp indents its items by two spaces and their fences by four, a
    # column short of the items' text: GitHub reads each such line as the item's text. The
    # list was cut in two, and the fence shown as a code block of backticks.
    indented = "".join(f"    {line}\n" for line in lines)
    page = render_markdown(f"  1. Stop:\n{indented}  2. Build.\n").html
    assert page == f"<ol>\n<li>Stop:\n{text}</li>\n<li>Build.</li>\n</ol>\n"


@pytest.mark.parametrize(
    ("markdown", "github"),
    [
        (
            '> Quote.\n<img src="x.png">\n',
            '<blockquote> <p>Quote.</p> </blockquote> <img src="x.png">',
        ),
        ("- Item\n<br/>\n", "<ul> <li>Item</li> </ul> <br/>"),
        (
            "- a\n  > q\n  <br/>\n",
            "<ul> <li>a <blockquote> <p>q</p> </blockquote> <br/> </li> </ul>",
        ),
        # Where no block may start, the tag is text: in its own paragraph's container, four
        # columns right, or with more on its line.
        ('Text\n<img src="x.png">\n', '<p>Text <img src="x.png"></p>'),
        ('  1. a\n    <img src="x.png">\n', '<ol> <li>a <img src="x.png"></li> </ol>'),
        ('> q\n    <img src="x.png">\n', '<blockquote> <p>q <img src="x.png"></p> </blockquote>'),
        ("> q\n<b>x</b> more\n", "<blockquote> <p>q <b>x</b> more</p> </blockquote>"),
    ],
)
def test_a_line_of_one_tag_after_a_quote_or_an_item_follows_it_as_on_github(markdown, github):
    # nodebestpractices puts a screenshot on the line after a quote: GitHub shows it after
    # the quote, and it was drawn inside the quote's box (and inside a list item's text).
    assert " ".join(render_markdown(markdown).html.split()) == github


@pytest.mark.parametrize(
    ("markdown", "rows", "after"),
    [
        # CS-Notes' Linux.md puts a `<br>` under a table: it was an empty row of the table.
        ("| a | b |\n|---|---|\n| 1 | 2 |\n<br>\n", 2, "<br>"),
        ("| a | b |\n|---|---|\n| 1 | 2 |\n</div>\n", 2, "</div>"),
        # The Rust book's appendix B has a line of one `|` in a table: GitHub ends it there.
        ("| a | b |\n|---|---|\n| 1 | 2\n|\n| 3 | 4 |\n", 2, "<p>|\n| 3 | 4 |</p>"),
        # A tag with more on its line, or a row of empty cells, is a row.
        ("| a | b |\n|---|---|\n| 1 | 2 |\n<img src=x> |\n", 3, ""),
        ("| a | b |\n|---|---|\n| 1 | 2\n| |\n| 3 | 4 |\n", 4, ""),
        ("> | a |\n> |---|\n> | 1 |\n<br>\n", 2, "<br>"),
    ],
)
def test_a_table_ends_where_github_ends_it(markdown, rows, after):
    table, _, rest = render_markdown(markdown).html.partition("</table>")
    assert table.count("<tr>") == rows
    assert rest.replace("</div>", "", 1).replace("</blockquote>", "").strip() == after


def test_a_line_left_of_a_nested_items_text_continues_it_as_on_github():
    # In a list inside a list, the line is read against the inner list's own indent.
    page = render_markdown("- a\n\n  100. b\n      ```\n      code\n      ```\n  101. c\n").html
    assert re.sub(r"\s+", " ", page) == (
        '<ul> <li> <p>a</p> <ol start="100"> <li>b <code>code</code></li> <li>c</li> </ol> </li>'
        " </ul> "
    )


@pytest.mark.parametrize(
    ("body", "where", "url"),
    [
        ("Text\n\n| a | b |\n|---|---|\n| 1 | [t](gone1.html) |\n", ":10:7:", "gone1.html"),
        ("Text\n\n* one\n  * two [n](gone2.html)\n", ":9:9:", "gone2.html"),
        ("> [!NOTE]\n> See [a](gone3.html).\n", ":7:7:", "gone3.html"),
        ("Claim[^n].\n\n[^n]: See [f](gone4.html).\n", ":8:11:", "gone4.html"),
        ("Uses [r].\n\nMore.\n\n[r]: gone5.html\n", ":6:6:", "gone5.html"),
        ('<div>\n  <p>\n    <img src="gone6.png" alt="">\n  </p>\n</div>\n', ":8:5:", "gone6.png"),
        # No space after a quoted value, as all-contributors writes it: it was told at the
        # built page's line, "[in theme markup]".
        ('<p><img src="gone7.png" alt="A"style="width:9px"></p>\n', ":6:4:", "gone7.png"),
        # `&center` stays so in an attribute (in text it would be `¢er`): told at the page.
        ('<img src="g8.png?a=1&center=1&copy=2" alt="">\n', ":6:1:", "g8.png?a=1&center=1&copy=2"),
    ],
)
def test_a_broken_link_anywhere_in_markdown_is_reported_at_its_own_line(
    build_site, body, where, url
):
    kind = "image" if ".png" in url else "link"
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code != 0
    [line] = [line for line in build.log.splitlines() if f"broken {kind} '{url}'" in line]
    assert f"content/chapter1.md{where}" in line, line
    assert "theme markup" not in line


def test_a_broken_link_is_quoted_as_its_author_wrote_it(build_site):
    # mcp-for-beginners: `Copilot%20for%20C%23` was quoted `Copilot for C%23`, half decoded,
    # which no search of the file finds.
    body = "[notes](my%20notes.md) ![pic](<img dir/a b.png>) [ref] [two]\n\n"
    body += '[ref]: for%20C%23.md\n[two]: <my two.md> "Two"\n\n'
    # Letters outside ASCII, a `%` alone, a link's text over two lines (30-Days-Of-Python's
    # Korean strings lesson was quoted as a wall of %XX).
    body += "[Übung](übung.md) [Mod](#올드-%-연산자) [the\nexercise](lösung.md)\n"
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code != 0
    quotes = ["link 'my%20notes.md'", "image 'img dir/a b.png'", "link 'for%20C%23.md'"]
    quotes += ["link 'übung.md'", "anchor '#올드-%-연산자'", "link 'lösung.md'"]
    for quoted in [*quotes, "link 'my two.md'"]:
        assert f"broken {quoted}: no " in build.log, quoted


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'Text.\n\n<base href="https://evil.example/">\n',
            "content/chapter1.md:8:1: a <base> tag would send every link of the page elsewhere",
        ),
        (
            '<meta http-equiv="refresh" content="5;url=https://example.org">\n',
            'content/chapter1.md:6:1: a <meta http-equiv="refresh"> tag would take students away',
        ),
        (
            "- item\n\n  ![x](../outside.png)\n",
            "content/chapter1.md:8: '../outside.png' points outside content/",
        ),
    ],
)
def test_a_chapter_cannot_take_over_its_page_or_leave_the_course(build_site, body, expected):
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code != 0
    assert expected in build.log, build.log
    assert "Traceback" not in build.log


def test_a_problem_is_reported_again_when_the_chapter_comes_from_the_cache(build_site):
    """Pelican's content cache does not read an unchanged chapter again; its problem stays."""
    files = {"chapter1.md": chapter("One", "chapter1", body='<base href="/elsewhere/">')}
    first = build_site(files)
    second = build_site({})
    for build in (first, second):
        assert build.exit_code != 0
        assert "content/chapter1.md:6:1: a <base> tag" in build.log


MATH = r"""Inline $x^2$ and \(\frac{a}{b}\); prices stay text: $5 or $10, and \$5.

$$
\operatorname{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V
$$

\[
\sum_{i=1}^{n} x_i
\]

- in a list: $\mathbf{x} \in \mathbb{R}^d$
"""


def test_math_becomes_mathml_when_the_site_is_built(build_site):
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", body=MATH),
            "chapter2.md": chapter("Two", "chapter2", body="Costs $5 or $10."),
        }
    )
    assert build.exit_code == 0, build.log
    page = build.page("chapter1.html")
    assert page.count("<math") == 5
    assert page.count('<math display="block">') == 2
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in page
    assert "<mfrac><mi>a</mi><mi>b</mi></mfrac>" in page
    assert '<munderover><mo lspace="0">∑</mo>' in page and "\\sum" not in page  # no TeX
    assert "$5 or $10, and $5.</p>" in page
    assert "<script" not in page.split("</head>")[1].replace('<script src="./theme/js', "")
    assert '"Course Math"' in build.page("theme/css/course.css")
    # A page without math names no math asset: its browser fetches no font.
    other = build.page("chapter2.html")
    assert "<math" not in other and "math.css" not in other and "/fonts/" not in other
    assert "<p>Costs $5 or $10.</p>" in other


def test_a_font_size_in_a_formula_is_left_out_with_a_warning_at_its_place(build_site):
    body = "Big: $\\large x^2$.\n"
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    assert (
        "content/chapter1.md:6:7: TeX: \\large is left out: a formula takes the size of its text"
    ) in build.log
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in build.page("chapter1.html")


def test_a_math_fence_is_display_math_as_on_github(build_site):
    # GitHub's other way to write display math; DataTalksClub's zoomcamp showed it as code.
    body = "Softmax:\n\n```math\n\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}\n```\n"
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    page = build.page("chapter1.html")
    assert '<math display="block">' in page and "<mfrac>" in page
    assert "\\frac" not in page and 'class="highlight"' not in page


@pytest.mark.parametrize(
    "body",
    [
        'Logo by <a href="https://example.org">someone</a></div><br>\nStill the lesson.\n',
        "<summary>Question?</summary><br><b>\n\nIts bold never closed. Still the lesson.\n",
        "<details><summary>Answer</summary>\n\nStill the lesson, never closed.\n",
        "A <TODO> note, never closed.\n\nStill the lesson.\n",
        "<table>\n<tr><td>A table never closed</td></tr>\n\nStill the lesson.\n",
        "<plaintext>\nStill the lesson, and nothing ends it.\n",
    ],
)
def test_a_chapters_unbalanced_html_stays_inside_the_chapter(build_site, body):
    # devops-exercises: a stray `</div>` closed the page's <article>, so the rest of the
    # lesson was left out of search; an unclosed `<b>`, `<details>` or `<TODO>` took in
    # "Mark as done", the Next link and the footer. GitHub keeps a README's HTML to it.
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    page = LexborHTMLParser(build.page("chapter1.html"))  # as a browser parses it
    article = page.css_first("article.chapter")
    assert "Still the lesson" in article.text()
    mark_done = page.css_first("p.mark-done")
    assert (
        mark_done.parent.tag == "article" and mark_done.parent.attributes.get("class") == "chapter"
    )
    footer = page.css_first("body > footer") or page.css_first("footer")
    assert footer is not None and footer.parent.tag == "body"


def test_githubs_backtick_dollars_are_inline_math(build_site):
    # GitHub's other way to write inline math, which no `$` rule of its own can mistake.
    body = "Root $`\\sqrt{2}`$, then $``a`b``$; code: `$`x`$`, $` `$ and $`a` or `b`$.\n"
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    page = build.page("chapter1.html")
    assert "Root <math><msqrt><mn>2</mn></msqrt></math>, then <math><mi>a</mi>" in page
    assert "code: <code>$</code>x<code>$</code>, $<code> </code>$ and" in page
    assert "and $<code>a</code> or <code>b</code>$.</p>" in page  # two code spans, as on GitHub


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Text.\n\nBad $`\\frac{1}`$.\n", "content/chapter1.md:8:15: TeX: \\frac is missing"),
        (
            "Text.\n\nBad $\\fracc{1}{2}$ here.\n",
            "content/chapter1.md:8:6: TeX: unknown command \\fracc",
        ),
        (
            "> $$\n> \\begin{pmatrix} a & b\n> $$\n",
            "content/chapter1.md:7:3: TeX: \\begin{pmatrix} is never ended",
        ),
        ("A \\(\\frac{1}\\) b.\n", "content/chapter1.md:6:13: TeX: \\frac is missing its argument"),
        (
            "```math\nx = \\fracc{1}{2}\n```\n",
            "content/chapter1.md:7:5: TeX: unknown command \\fracc",
        ),
    ],
)
def test_a_tex_error_fails_the_build_at_its_line_and_column(build_site, body, expected):
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code != 0
    assert expected in build.log, build.log
    assert "The build failed: fix the problems listed above." in build.log
    assert "Traceback" not in build.log


def test_a_paragraphs_lines_lose_their_indent_in_a_code_span_too():
    # data-engineering-zoomcamp indents a fence under a paragraph's line: on GitHub it is a
    # code span, `docker-compose down --volumes`; ours kept the lines' four spaces in it.
    markdown = "or\n    ```\n    docker-compose down --volumes\n    ```\n\nSee\n    [x](y.md).\n"
    rendered = render_markdown(markdown)
    assert "<p>or\n<code>docker-compose down --volumes</code></p>" in rendered.html
    assert [(link.url, link.line, link.column) for link in rendered.links] == [("y.md", 7, 5)]


def test_paragraphs_and_headings_keep_the_unicode_spaces_at_their_ends():
    # CommonMark trims spaces and tabs only; markdown-it trimmed as JavaScript does, so a
    # Chinese paragraph lost its indent of two ideographic spaces, and a line of one
    # no-break space (a spacer between sections) became an empty paragraph.
    markdown = (
        "\u3000\u3000中文段落，[链接](x.md)。\n\n# \u3000标题\u3000\n\nSetext\u00a0\n===\n\n"
        "- \u3000项\n\n> \u00a0\n\na\n\n\u00a0\n\n  \u00a0b\u00a0  \n\n## \u00a0\n"
    )
    rendered = render_markdown(markdown)
    assert rendered.html.startswith('<p>\u3000\u3000中文段落，<a href="x.md">链接</a>。</p>\n')
    assert '<h1 id="标题">\u3000标题\u3000</h1>' in rendered.html  # GitHub's id, as before
    assert ">Setext\u00a0</h1>" in rendered.html
    assert "<li>\u3000项</li>" in rendered.html
    assert "<blockquote>\n<p>\u00a0</p>\n</blockquote>" in rendered.html
    assert "<p>a</p>\n<p>\u00a0</p>\n<p>\u00a0b\u00a0</p>\n" in rendered.html
    assert rendered.html.endswith(">\u00a0</h2>\n")  # a heading of a no-break space alone
    assert [(link.url, link.line, link.column) for link in rendered.links] == [("x.md", 1, 8)]


def test_table_cells_keep_the_unicode_spaces_at_their_ends():
    # cmark-gfm trims a cell's spaces and tabs only; markdown-it trimmed its ideographic and
    # no-break spaces too (a Chinese table's indented cells). An escaped pipe stays a pipe.
    markdown = (
        "| 列 | b |\n|---|---|\n| \u3000\u3000x | y\u3000 |\n|\u00a0z\\|\u00a0| \u3000 |\n"
        "\u3000a | b\u3000\n\u3000| c | d |\n"
    )
    html = render_markdown(markdown).html
    assert "<td>\u3000\u3000x</td>\n<td>y\u3000</td>" in html
    assert "<td>\u00a0z|\u00a0</td>\n<td>\u3000</td>" in html
    assert "<td>\u3000a</td>\n<td>b\u3000</td>" in html
    assert "<td>\u3000</td>\n<td>c</td>" in html  # the space before a row's pipe is a cell
    # So a header row has a cell more than its delimiter row, and is no table: a paragraph.
    html = render_markdown("\u3000| a | b |\n|---|---|\n").html
    assert html == "<p>\u3000| a | b |\n|---|---|</p>\n"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # smol-course opens 47 pages with a component whose props hold a notebook's URL:
        # linked, its address ended in `"}`, a broken link GitHub never shows.
        (
            'b={[ {label: "Colab", value: "https://colab.example/x.ipynb"}, ]} />',
            "<p>b={[ {label: &quot;Colab&quot;, value: &quot;https://colab.example/x.ipynb&quot;}"
            ", ]} /&gt;</p>",
        ),
        (
            "a [see https://example.com/y here] b https://after.org",
            '<p>a [see https://example.com/y here] b <a href="https://after.org">'
            "https://after.org</a></p>",
        ),
        (
            "a [see www.example.com here] b www.after.org",
            '<p>a [see www.example.com here] b <a href="http://www.after.org">www.after.org</a></p>',
        ),
        ("[unclosed https://f.org", "<p>[unclosed https://f.org</p>"),
        (  # a bracket in code or escaped opens nothing; a link's brackets are closed
            "`[` https://d.org \\[ [x](https://a.org) https://e.org",
            '<p><code>[</code> <a href="https://d.org">https://d.org</a> [ '
            '<a href="https://a.org">x</a> <a href="https://e.org">https://e.org</a></p>',
        ),
        (  # an escaped backtick before a run: the scan of brackets failed on it (KeyError)
            "\\``a [ https://x.org",
            "<p>``a [ https://x.org</p>",
        ),
        (  # an e-mail address is linked anywhere, as cmark-gfm links it after parsing
            "a [mail me@example.com here] b",
            '<p>a [mail <a href="mailto:me@example.com">me@example.com</a> here] b</p>',
        ),
    ],
)
def test_a_bare_url_inside_brackets_that_are_no_link_stays_text(markdown, expected):
    assert render_markdown(markdown).html == expected + "\n"
