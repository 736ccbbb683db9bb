"""The chapter parser (courselib.markdown): GitHub's constructs in, the theme's HTML out,
and every URL and problem at the line and column the author wrote it."""

import re

import pytest
from conftest import PROJECT_ROOT, run_in_child
from courselib.markdown import chapter_links, github_slug, render_markdown
from courselib.markdown.headings import THEME_IDS


def html(markdown: str) -> str:
    return render_markdown(markdown).html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # The constructs Python-Markdown read differently from GitHub.
        ("Text\n- a\n- b\n", "<p>Text</p>\n<ul>\n<li>a</li>"),
        ("1) one\n2) two\n", "<ol>\n<li>one</li>"),
        ("3. three\n4. four\n", '<ol start="3">'),
        ("- a\n\n  ```python\n  x = 1\n  ```\n", '<li>\n<p>a</p>\n<div class="highlight">'),
        ("one\\\ntwo\n", "<p>one<br>\ntwo</p>"),
        ("<details>\n<summary>More</summary>\n\n**bold**\n\n</details>\n", "<strong>bold</strong>"),
        ("#Word\n", "<p>#Word</p>"),
        ("- a\n  - b\n", "<li>a\n<ul>\n<li>b</li>"),
        # GitHub's extras.
        ("~~gone~~\n", "<p><del>gone</del></p>"),
        ("- [ ] to do\n- [x] done\n", 'type="checkbox" disabled aria-label="Task"> to do'),
        (
            "See https://example.org/a.\n",
            '<a href="https://example.org/a">https://example.org/a</a>.',
        ),
        ("See www.example.org.\n", '<a href="http://www.example.org">www.example.org</a>.'),
        # The text stops at a `w` only where `www.` starts: a run of four, or one after a
        # letter, links nothing, as on GitHub; one after `(` does.
        ("wwww.example.org awww.example.org\n", "<p>wwww.example.org awww.example.org</p>"),
        ("(www.example.org)\n", '(<a href="http://www.example.org">www.example.org</a>)'),
        ("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", '<th class="align-left">a</th>'),
        ("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", '<td class="align-center">2</td>'),
        ("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", '<td class="align-right">3</td>'),
        ("| a |\n|---|\n| 1 |\n", "<th>a</th>"),
        (
            "Note[^1].\n\n[^1]: The note.\n",
            '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        ),
        ("Note[^1].\n\n[^1]: The note.\n", '<li id="fn:1"><p>The note.&#160;<a class="footnote'),
        ("Note[^1].\n\n[^1]: The note.\n", 'href="#fnref:1" aria-label="Back to reference 1"'),
        # Footnote labels match as GitHub matches them: case folded, ids as first defined.
        ("Note[^Big].\n\n[^big]: The note.\n", '<a class="footnote-ref" href="#fn:big">1</a>'),
        ("Note[^ÄB].\n\n[^äb]: Umlaut.\n", '<li id="fn:äb"><p>Umlaut.&#160;'),
        # A formula in an image's alt text is read out as its TeX, not left out.
        ("![Graph of $y = x^2$](p.png)\n", '<img alt="Graph of $y = x^2$" src="p.png">'),
        ("![\\(a\\) *and* $$b$$](p.png)\n", '<img alt="\\(a\\) and $$b$$" src="p.png">'),
        # Our callouts, as Python-Markdown wrote them.
        (
            '!!! note "Before you run it"\n    Install it.\n',
            '<div class="admonition note">\n<p class="admonition-title">Before you run it</p>',
        ),
        ("!!! warning\n    Careful.\n", '<p class="admonition-title">Warning</p>'),
        # Pelican's links to other content stay as written, for Pelican to resolve.
        ("[Next]({filename}chapter5.md#intro)\n", 'href="{filename}chapter5.md#intro"'),
        ("![x]({static}/images/a b.png)\n", "<p>![x]({static}/images/a b.png)</p>"),
        ("![x](<{static}/images/a b.png>)\n", 'src="{static}/images/a%20b.png"'),
        # Code: Pygments colours, no guessed language.
        ("```\nplain <b>\n```\n", "<code>plain &lt;b&gt;\n</code></pre></div>"),
        ("```nosuchlanguage\nz\n```\n", '<code class="language-nosuchlanguage">z\n'),
        ("    indented\n", '<div class="highlight"><pre><span></span><code>indented\n'),
        ("    :::python\n    x = 1\n", '<code class="language-python"><span class="n">x</span>'),
        # Options after the language (mdBook's `rust,editable`, R Markdown's `{r}`) left
        # 255 of rust-by-example's 285 blocks uncoloured; GitHub colours them.
        (
            "```rust,editable\nfn f() {}\n```\n",
            '"language-rust,editable"><span class="k">fn</span>',
        ),
        ("```{python}\nx = 1\n```\n", '<code class="language-{python}"><span class="n">x</span>'),
    ],
)
def test_markdown_renders_as_github_does(markdown, expected):
    assert expected in html(markdown)


@pytest.mark.parametrize("language", ["", "python"])
def test_a_code_block_keeps_its_first_and_last_blank_lines_as_on_github(language):
    # Pygments dropped them where the fence named a language (17 blocks in two real courses).
    rendered = html(f"```{language}\n\nx = 1\n\n```\n")
    code = re.sub(r"<[^>]+>", "", rendered.split("<code", 1)[1].split(">", 1)[1])
    assert code.startswith("\nx = 1\n\n"), rendered


@pytest.mark.parametrize("kind", ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"])
def test_each_github_alert_is_one_of_our_callouts_with_a_visible_label(kind):
    rendered = html(f"> [!{kind}]\n> Read **this**.\n")
    assert rendered.startswith(f'<div class="admonition {kind.lower()}">')
    assert f'<p class="admonition-title">{kind.capitalize()}</p>' in rendered
    assert "<p>Read <strong>this</strong>.</p>" in rendered
    assert "[!" not in rendered and "<blockquote>" not in rendered


def test_a_quote_that_is_not_an_alert_stays_a_quote():
    assert html("> [!NOTE] with a title\n> text\n").startswith("<blockquote>")


@pytest.mark.parametrize(
    "markdown",
    [
        "- Step one\n\n  > [!NOTE]\n  > Save first.\n",
        "> Quoted:\n>\n> > [!NOTE]\n> > Save first.\n",
    ],
)
def test_an_alert_inside_a_list_or_a_quote_is_a_quote_as_on_github(markdown):
    # GitHub: "Alerts cannot be nested within other elements"; it shows the marker as text.
    rendered = html(markdown)
    assert "admonition" not in rendered
    assert "<blockquote>\n<p>[!NOTE]\nSave first.</p>\n</blockquote>" in rendered


def test_alt_text_written_as_an_attribute_is_kept_and_an_image_without_any_is_a_warning():
    # R Markdown and Pandoc lessons write `![](fig/x.svg){alt="..."}`; its alt was dropped.
    chapter = render_markdown(
        '![](tree.svg){alt="The file tree"}\n\n![A cat](cat.png)\n\n![](dog.png)\n'
    )
    assert '<img alt="The file tree" src="tree.svg">' in chapter.html
    assert '<img alt="A cat" src="cat.png">' in chapter.html
    assert chapter.warnings == [
        (5, 1, "image 'dog.png' has no alt text: describe it between the brackets, ![...](dog.png)")
    ]


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        # JavaGuide's exercise on brackets: "()[]{}" was shown as "()" and an empty <span>.
        ('Valid: "()[]{}".', "<p>Valid: &quot;()[]{}&quot;.</p>"),
        ("[a]{ }", "<p>[a]{ }</p>"),
        ("[x](https://e.org){}", '<p><a href="https://e.org">x</a>{}</p>'),
        ("`c`{}", "<p><code>c</code>{}</p>"),
        # Braces holding attributes are still Pandoc's: a glossary's terms, a class.
        (
            "[term]{#term} and [a]{.x}",
            '<p><span id="term">term</span> and <span class="x">a</span></p>',
        ),
        # But not a style alone, which no page may carry (pumpkin-book): text, as on GitHub.
        (
            '[see *errata*]{style="color: red"}',
            "<p>[see <em>errata</em>]{style=&quot;color: red&quot;}</p>",
        ),
    ],
)
def test_empty_braces_are_text_as_on_github(markdown, html):
    assert render_markdown(markdown).html.strip() == html


@pytest.mark.parametrize(
    ("markdown", "image"),
    [
        # The Carpentries' lessons quote Pandoc's attributes so; they were shown as text.
        ("![](fig/plot.svg){alt='A line chart'}", '<img alt="A line chart" src="fig/plot.svg">'),
        (
            """A ![Fig. 1](neuron.png){alt='A "myelinated" axon' #neuron .wide width=300}""",
            'A <img alt="A &quot;myelinated&quot; axon" src="neuron.png" id="neuron" class="wide"'
            ' width="300">',
        ),
        ("A ![x](a.png){onclick='steal()' alt='y'}", 'A <img alt="y" src="a.png">'),
        # Pandoc's `width=50%` (R Markdown) was no attribute at all: the whole block was
        # shown as text and the alt lost. A size in % needs a style, which no page carries.
        ("A ![a](b.png){alt='A chart' width=50%}", 'A <img alt="A chart" src="b.png">'),
        ("A ![a](b.png){alt='x' style='color:red'}", 'A <img alt="x" src="b.png">'),
        # git-novice escapes a quote inside: the attributes were shown as text.
        (
            "![](a.png){alt='the repository\\'s URL'}",
            '<img alt="the repository\'s URL" src="a.png">',
        ),
        # So does instructor-training in double quotes: a screen reader read the backslashes.
        (
            '![](a.png){alt="labelled \\"Novice\\" and \\"Expert\\""}',
            '<img alt="labelled &quot;Novice&quot; and &quot;Expert&quot;" src="a.png">',
        ),
        # Not attributes of the image: left as the author's text.
        ("![x](a.png) {alt='apart'}", '<img alt="x" src="a.png"> {alt=\'apart\'}'),
        ("![x](a.png){alt='unclosed}", '<img alt="x" src="a.png">{alt=\'unclosed}'),
    ],
)
def test_pandoc_attributes_in_single_quotes_are_the_images(markdown, image):
    assert html(markdown) == f"<p>{image}</p>\n"


# A paragraph of text, as a lesson begins: what comes after it is a section of the lesson.
PROSE = "This chapter is where the magic starts: you will see the tool find bugs in seconds."


@pytest.mark.parametrize(
    ("markdown", "title"),
    [
        ("# The course\n\n## Setup\n\n# Appendix\n", "The course"),
        ("![Banner](b.png)\n\nA line of introduction.\n\n# The course\n", "The course"),
        # DataTalksClub's zoomcamp starts 132 lessons so; they were named after their files.
        ("## 1.1 Introduction to ML\n\n### Plan\n\n## 1.2 Next\n", "1.1 Introduction to ML"),
        (
            "![Banner](b.png)\n\n[![Badge](x.svg)](https://x.org) | [Home](../README.md)\n\n"
            "<!-- note -->\n\n---\n\n## 1.2 Data preparation\n",
            "1.2 Data preparation",
        ),
        # copilot-cli-for-beginners: a banner, a paragraph, then its sections. All 8 lessons
        # were titled by a section ("Learning Objectives", "Your First Copilot CLI Experience").
        (
            f"![Chapter 01](h.png)\n\n> **Watch it work.**\n\n{PROSE}\n\n## Learning Objectives\n",
            None,
        ),
        (f"{PROSE}\n\n## Learning Objectives\n\n# Your First Experience\n", None),
        # What may come before a lesson's title: a note, a line of links, a line of facts.
        (
            "> [!NOTE]\n> Run the setup lesson first, it takes a while.\n\n## Lesson 1: Models\n",
            "Lesson 1: Models",
        ),
        (
            "[Home](README.md) | Next: [Training](03-train.md)\n\n## Lesson 2: Setup\n",
            "Lesson 2: Setup",
        ),
        ("**Estimated time:** 30 minutes\n\n## Lesson 3: Training\n", "Lesson 3: Training"),
        # A zoomcamp homework: its questions hold a stray `# Prepare Postgres`.
        ("## Week 1 Homework\n\n## Question 1\n\n# Prepare Postgres\n", "Week 1 Homework"),
        # A `###` titles nothing (The Odin Project's 461 lessons open with `### Introduction`;
        # ossu's `Reading-order.md` with a credit line): the page is named by its file.
        ("### Small\n\n## Larger\n", "Larger"),
        ("### Introduction\n\nThe DOM is a tree.\n\n### Lesson overview\n", None),
        # A title centred in HTML, as Mastering-GitHub-Copilot's modules have theirs: they were
        # named after their folders.
        (
            '<h1 align="center">Migrating &amp; <em>more</em></h1>\n\nText.\n\n## Setup\n',
            "Migrating & more",
        ),
        ('<h1><img src="logo.png" alt="Logo"></h1>\n\n## 1.1 Intro\n', "1.1 Intro"),
        # A Markdown `#` wins over a banner's HTML <h1>; a comment or a table is no title.
        ('<h1 align="center">AI for Beginners</h1>\n\n# Lesson 2: Prompts\n', "Lesson 2: Prompts"),
        ("<!-- <h1>Draft title</h1> -->\n\n# Variables\n", "Variables"),
        ("<table><tr><td><h1>Cell</h1></td></tr></table>\n\n# Real\n", "Real"),
        (f"{PROSE}\n\n<details><h1>42</h1></details>\n\n## Answer\n", None),
        # A sentence of introduction is prose; a line of facts is not.
        ("In this lesson you will write your first loops.\n\n## Learning objectives\n", None),
        ("Author: Jane Doe | May 2024\n\n## 1.3 Loops\n", "1.3 Loops"),
        # Chinese and Japanese, written without spaces (smol-course's `ja/dpo.md` was titled
        # by its first section): a sentence is prose, a short line of facts is not.
        ("直接選好最適化は、言語モデルを人間の好みに合わせる方法です。\n\n## DPOの理解\n", None),
        ("作者：张三\n\n## 第1章 引言\n", "第1章 引言"),
        # You-Don't-Know-JS heads each chapter with the book's name: the chapter's is second.
        (
            "# YDKJS: Get Started\n# Chapter 1: What *Is* JS?\n\n## About\n",
            "Chapter 1: What Is JS?",
        ),
        ("# YDKJS: Get Started\n# Foreword\n", "Foreword"),
        # mlops-zoomcamp's 3.1: a blank line, then a section.
        ("# 3.1 Data preparation\n\n# Ingestion\n\n## 3.1.1 A project\n", "3.1 Data preparation"),
        ("# The course\n\nText.\n\n# Appendix\n", "The course"),
        ("# The course\n## Setup\n", "The course"),
        ("> # Quoted\n\nText.\n", None),
        ("No heading.\n", None),
        # free-programming-books opens lists with their own index: it names no page.
        ("## 目录\n\n* [Python](#python)\n\n## Python\n", None),
        ("## Table of Contents\n\n- [A](#a)\n", None),
        ("## 本章内容\n\n- [数组基础](01.md)\n", None),  # LeetCode-Py's 53 units were so titled
        # cs231n's notes list their sections first: the first section is no title (9 notes
        # showed it twice, as their title and again below their contents).
        (
            "Table of Contents:\n\n- [Quick intro](#intro)\n  - [Sub](#sub)\n\n## Quick intro\n",
            None,
        ),
        ("- [Home](../README.md)\n- [Next](02.md)\n\n## 1.2 Setup\n", "1.2 Setup"),
        ("# Books\n\n## Index\n", "Books"),
        # TypeScript-Handbook opens lessons with their index, or with the first of their
        # `#` sections: 5 were titled "Table of contents", 12 "Introduction".
        ("# Table of contents\n\n1. [Boolean](#boolean)\n\n# Boolean\n", None),
        ("# Introduction\n\nClasses are great.\n\n# Classes\n", None),
        ("# Introduction\n\nText.\n\n## Classes\n", "Introduction"),  # no section beside it
        ("# Overview of Rust\n\nText.\n\n# Setup\n", "Overview of Rust"),
        ("# Index\n\nTerms.\n", "Index"),  # a page of one `#`: its title, whatever it says
        ("# 目录\n\n- [一](一.md)\n", "目录"),
        # So with `##` (self-llm: "引言", introduction, shown as the page's title).
        ("#llm #ollama\n\n## 引言\n\nText.\n\n## Ollama\n\n# 总结\n", None),
        ("## Introduction\n\nText.\n\n### Setup\n", "Introduction"),
    ],
)
def test_the_title_is_a_first_h1_or_a_first_heading_before_any_prose(markdown, title):
    assert render_markdown(markdown).title == title


def test_a_credited_image_keeps_its_credit_under_it():
    # git-novice credits two comics so; the brackets' text, with its link, was shown nowhere.
    markdown = "Intro.\n\n![By Jorge Cham, <https://phdcomics.com/x>](fig/x.png){alt='A comic'}\n"
    chapter = render_markdown(markdown)
    assert chapter.html.endswith(
        '<p><img alt="A comic" src="fig/x.png"><br><small>By Jorge Cham,'
        ' <a href="https://phdcomics.com/x">https://phdcomics.com/x</a></small></p>\n'
    )
    assert [(link.url, link.line, link.column) for link in chapter.links] == [
        ("fig/x.png", 3, 1),
        ("https://phdcomics.com/x", 3, 18),
    ]
    assert "<small>cap</small>" in html("- ![cap](c.png){alt='x'}\n- b\n")  # a tight list's item
    # Inside a paragraph, or with no alt given apart, the brackets are the alt, as before.
    assert (
        html("Text ![cap](c.png){alt='x'} more") == '<p>Text <img alt="x" src="c.png"> more</p>\n'
    )
    assert html("![A cat](c.png)") == '<p><img alt="A cat" src="c.png"></p>\n'


@pytest.mark.parametrize(
    "markdown",
    [
        # Attributes without spaces between them (`x=aa=aa=...`) could be split a way per
        # letter: a brace never closed took exponential time (4 s at 15 of them).
        "![x](a.png){x=" + "aaaa=" * 5000 + " 'y'\n",
        # At each `:` the autolink plugin searched the paragraph before it: 10 s at 20,000.
        ":a" * 60000 + "\n",
    ],
    ids=["attributes", "colons"],
)
def test_hostile_paragraphs_are_read_in_linear_time(markdown):
    # In a child process, so a regression fails here instead of hanging the suite.
    script = (
        "import sys\nfrom courselib.markdown import render_markdown\n"
        "print(len(render_markdown(sys.stdin.read()).html))\n"
    )
    finished = run_in_child(script, stdin=markdown)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert int(finished.stdout) > len(markdown)


def test_no_style_attribute_is_ever_written():
    markdown = "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] done\n\n> [!TIP]\n> t\n"
    assert "style=" not in html(markdown)


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Hands-on: Editing AI-Generated Media", "hands-on-editing-ai-generated-media"),
        ("What are Multimodal Models?", "what-are-multimodal-models"),
        ("A -- B", "a----b"),
        ("Q&A: `code` and *emphasis*", "qa-code-and-emphasis"),
        ("Text-to-Speech, Speech-to-Text", "text-to-speech-speech-to-text"),
        ("snake_case  two spaces", "snake_case--two-spaces"),
        ("Émile's café 🎉", "émiles-café-"),
        ("Übung 2.1", "übung-21"),
        # As github-slugger's tests, made from pages GitHub rendered, have them: other
        # numbers go, connector punctuation and letters in circles stay (O(n²) was `on²`).
        ("Sorting in O(n²)", "sorting-in-on"),
        ("Step ① prepare ½", "step--prepare-"),
        ("a‿b ＿c", "a‿b-＿c"),
        ("Ⓐ option Ⅻ", "ⓐ-option-ⅻ"),
    ],
)  # fmt: skip
def test_heading_ids_are_githubs(heading, slug):
    assert github_slug(heading) == slug
    assert f'<h2 id="{slug}">' in html(f"## {heading}\n")


def test_repeated_headings_get_numbered_ids_as_on_github():
    rendered = html("## Setup\n\n## Setup\n\n## Setup-1\n\n## Setup\n\n# !!!\n")
    ids = [part.split('"')[1] for part in rendered.split(" id=")[1:]]
    assert ids == ["setup", "setup-1", "setup-1-1", "setup-2", "section"]


def test_a_footnote_reference_in_a_heading_keeps_its_number_in_the_id_as_on_github():
    # cmark-gfm shows the reference as its number, and GitHub's id keeps what is shown.
    markdown = "Text[^a].\n\n## Why SVR? [^b]\n\n## Again [^a]\n\n[^a]: one\n[^b]: two\n"
    rendered = html(markdown)
    assert '<h2 id="why-svr-2">' in rendered
    assert '<h2 id="again-1">' in rendered
    # The title keeps its words alone: "Attention1" was the page's title.
    assert render_markdown("# Attention[^1]\n\n[^1]: Vaswani.\n").title == "Attention"


def test_headings_keep_githubs_ids_and_never_take_one_the_theme_gives_its_own_elements():
    # rustlings' links to `#content` reached the page's <main>, and `#content-1` the first
    # `## Content`: the theme's ids were `content`, `syllabus`, `search-results`...
    text = "## Content\n\n## Syllabus\n\n## Search results\n\n## Main {#mainContent}\n"
    ids = [part.split('"')[1] for part in html(text).split(" id=")[1:]]
    assert ids == ["content", "syllabus", "search-results", "mainContent-1"]


def test_the_theme_ids_that_headings_avoid_are_every_id_in_the_templates():
    templates = PROJECT_ROOT / "themes" / "course" / "templates"
    written = {
        found
        for template in templates.glob("*.html")
        for found in re.findall(r'\bid="([^"{}]+)"', template.read_text())
    }
    assert written == set(THEME_IDS)


def test_a_heading_may_name_its_own_id():
    assert '<h2 id="install">Installing it</h2>' in html("## Installing it {#install}\n")


@pytest.mark.parametrize(
    ("markdown", "url", "spot"),
    [
        ("Intro.\n\n* a\n  * nested [x](n.html)\n", "n.html", (4, 12)),
        ("| a | b |\n|---|---|\n| 1 | see [t](t.html) |\n", "t.html", (3, 11)),
        ("> [!NOTE]\n> Go to [a](a.html).\n", "a.html", (2, 9)),
        ("Text[^n].\n\n[^n]: See [f](f.html).\n", "f.html", (3, 11)),
        ("Text[^n].\n\n[^n]: See [f](f.html).\n", "#fn:n", (1, 5)),
        ("Uses [r].\n\nMore text.\n\n[r]: far.html\n", "far.html", (1, 6)),
        ('<div>\n  <p>\n    <img src="h.png" alt="">\n  </p>\n</div>\n', "h.png", (3, 5)),
        ("A line\nthen <a href='i.html'>x</a>.\n", "i.html", (2, 6)),
        ("See www.example.org/x today.\n", "http://www.example.org/x", (1, 5)),
        ("1. one\n\n   > quoted ![i](q.png)\n", "q.png", (3, 13)),
        ("## Heading [h](h.html)\n", "h.html", (1, 12)),
        ('<!-- <img src="c.png"> -->\n<img src="d.png" alt="">\n', "d.png", (2, 1)),
    ],
)
def test_each_url_is_found_at_its_line_and_column(markdown, url, spot):
    found = {link.url: (link.line, link.column) for link in chapter_links(markdown)}
    assert found[url] == spot
    assert "c.png" not in found  # in a comment: not in the page


def test_urls_in_code_are_not_links():
    markdown = "```\n[a](code.html)\n```\n\n    [b](indented.html)\n\n`[c](span.html)`\n"
    assert chapter_links(markdown) == []


def test_front_matter_keeps_the_file_s_line_numbers():
    [link] = chapter_links("Title: T\nDate: 2024-01-01\n\nSee [x](x.html).\n")
    assert (link.line, link.column) == (4, 5)


@pytest.mark.parametrize(
    ("markdown", "spot", "named"),
    [
        ('Text.\n\n<base href="https://evil.example/">\n', (3, 1), "<base>"),
        ("A <base href='/x/'> inline.\n", (1, 3), "<base>"),
        ('<meta http-equiv="Refresh" content="5;url=https://x">\n', (1, 1), "refresh"),
    ],
)
def test_tags_that_would_take_over_the_page_are_problems_at_their_line(markdown, spot, named):
    [(line, column, message)] = render_markdown(markdown).problems
    assert (line, column) == spot and named in message


def test_harmless_meta_and_commented_base_are_not_problems():
    markdown = '<meta name="x" content="y">\n\n<!-- <base href="/x/"> -->\n'
    assert render_markdown(markdown).problems == []


@pytest.mark.parametrize(
    ("markdown", "formulas"),
    [
        ("Costs $5 or $10.\n", 0),
        ("Costs \\$5 and \\$6.\n", 0),
        ("A $ x $ with spaces inside.\n", 0),
        ("Code `$x$` stays code.\n", 0),
        ("Escaped \\(\\) parentheses.\n", 0),
        ("Inline $x$, then \\(y\\).\n", 2),
        # At a paragraph's start, before a last digit: pumpkin-book's formula stayed TeX.
        ("$x$ equals 5\n", 1),
        ("- $x$ is at most 10\n", 1),
        # Escaped parentheses around a step's number, as pumpkin-book writes 17 of them.
        ("Steps \\(1\\) and \\(II\\), then \\(x\\) and \\(I\\).\n", 2),
        # The Odin Project escapes its asides' parentheses: words, a call, code.
        ("A grid \\(versus one a line\\), a \\(pixelated\\) trail \\(e.g., 960px wide\\).\n", 0),
        ("Call querySelector\\(_selector_\\) or create\\(tag, \\[options\\]\\).\n", 0),
        ("Run it \\(`npm test`\\), a list a\\[i+1\\], \\(TDD\\).\n", 0),
        ("Math: \\( t^2 \\), \\( g - w \\), \\( D = 100 \\), \\(\\text{for all } x\\).\n", 4),
        # Two words side by side are prose, whatever else is there.
        ("You learn by \\(you learn best by _doing_\\), \\(see the docs [here](x.html)\\).\n", 0),
        # A word in a script, or a function's name, is math still.
        ("Width \\(d_{model} = 512\\), \\(v_{max}\\), \\(ReLU(x)\\), \\(L^{total}\\).\n", 4),
        ("$$x$$ inside a sentence is math too.\n", 1),
        ("| a |\n|---|\n| $x_i$ |\n", 1),
        ("$$\nx\n$$\n\n\\[\ny\n\\]\n", 2),
        # GitHub has no \[ math: in a paragraph, escaped brackets are a citation, not a formula.
        ("As the paper \\[1\\] and \\[2, 3\\] and \\[4-6\\] say.\n", 0),
        ("So \\[a^2 + b^2 = c^2\\] holds.\n", 1),
        ("Then \\[\\frac{1}{n}\\] and \\[x + 1\\] and \\[a<b\\].\n", 3),
        # Brackets escaped in prose, as Pandoc writes them (AI-102's lab: "**\\[+\\] Add").
        ("Click **\\[+\\] Add images**, \\[=\\], Na\\[+\\], \\[<none>\\].\n", 0),
        ("Open \\[my\\_file.txt\\] and \\[Save\\].\n", 0),
        # A sign beside a minus, a prime, a bar or a point is a formula still; so is a norm.
        ("t \\[x = -1\\] \\[x' = y\\] \\[|x| = 1\\] \\[x = .5\\] \\[\\|x\\|\\] t\n", 5),
        ("\\[x\\]\n", 1),
        # DataTalksClub's zoomcamp: a formula in escaped parentheses, not one formula.
        ("The bias \\( $w_0$ \\) term.\n", 1),
        # As GitHub reads them: no `$` right after a letter or a digit opens a formula, and
        # none right before one closes it. 30-Days-Of-Python's regular expressions were one
        # formula from `substring$` to `love$`.
        ("Use r'substring$' eg r'love$', then r'^I'.\n", 0),
        ("Both a$x$ and $x$a stay text; $x$ and ($y$) and $z$. are math.\n", 3),
        ("Run `{$a..$b}` or {$a..$b}.\n", 0),
    ],
)
def test_math_is_read_where_written_and_dollar_amounts_stay_text(markdown, formulas):
    rendered = render_markdown(markdown)
    assert rendered.html.count("<math") == formulas
    assert rendered.problems == []


@pytest.mark.parametrize(
    ("markdown", "display"),
    [
        # As GitHub's Markdown API answers: a paragraph of nothing but `$$` formulas is
        # display math; in a sentence, a heading or a table, a `$$` formula is part of the
        # line (ml-interviews-book's 164 `$$X$$` in sentences broke them into fragments).
        ("$$a \\ne b$$\n", True),
        ("$$a$$\n$$b$$\n", True),
        ("> $$a$$\n", True),
        ("A variable $$X$$ takes values in $$S$$.\n", False),
        ("$$a$$ text\n", False),
        ("line one\n$$a$$\nline three\n", False),
        # Its `$$` on lines of their own, as a display block is written (easy-rl numbers 39
        # formulas so, with `\tag`, which only a display formula has).
        ("line one\n$$\na \\tag{2.6}\n$$\nline three\n", True),
        ("line one\n$$\na\nb $$\nline three\n", False),
        ("- item\n  $$\n  a\n  $$\n  text\n", False),
        ("# About $$a$$\n", False),
        ("| h |\n|---|\n| $$d$$ |\n", False),
        ("So \\[a^2 + b^2 = c^2\\] holds.\n", True),  # LaTeX's display brackets stay so
    ],
)
def test_double_dollars_are_display_math_only_in_a_paragraph_of_their_own(markdown, display):
    rendered = html(markdown)
    assert "<math" in rendered
    assert ('<math display="block">' in rendered) is display


def test_a_footnote_referenced_twice_has_two_back_links_told_apart():
    # You-Don't-Know-JS: "↩︎ ↩︎", both named "Back to reference 1"; GitHub shows "↩ ↩2".
    rendered = html("One[^a] and two[^a].\n\n[^a]: The note.\n")
    assert 'aria-label="Back to reference 1">&#8617;&#xFE0E;</a>' in rendered
    assert 'aria-label="Back to reference 1-2">&#8617;&#xFE0E;<sup>2</sup></a>' in rendered


def test_a_paragraph_of_many_escaped_brackets_is_read_in_linear_time():
    # Thousands of `\\[` before one far `\\]`: each searched again for it (28 s at 40 KB).
    script = (
        "import sys; from courselib.markdown import render_markdown;"
        " print(render_markdown(sys.stdin.read()).html.count('<math'))"
    )
    finished = run_in_child(script, stdin="a " + "\\[x " * 10_000 + "\\]\n", timeout=20)
    assert finished.stdout.strip() == "0", finished.stderr


def test_an_html_block_of_attributes_run_together_is_read_in_linear_time():
    # Attributes with no space after a quote (`alt="A"style=...`, as all-contributors writes
    # them) are read; from every `<a b=""` the reader once ran on to the block's end.
    script = (
        "import sys; from courselib.markdown import render_markdown;"
        " print(len(render_markdown(sys.stdin.read()).links))"
    )
    finished = run_in_child(
        script, stdin="<div>\n" + '<a b=""' * 100_000 + "\n</div>\n", timeout=20
    )
    assert finished.stdout.strip() == "0", finished.stderr


def test_a_description_among_thousands_of_nested_quotes_is_found_in_linear_time():
    # Raw HTML may nest quotes as deep as it likes: each level was one more pass.
    script = "import sys; from chapters.outline import describe; print(describe(sys.stdin.read()))"
    body = "<blockquote>" * 50_000 + "<p>Deep.</p>" + "</blockquote>" * 50_000 + "<p>Text.</p>"
    finished = run_in_child(script, stdin=body, timeout=20)
    assert finished.stdout.strip() == "Text.", finished.stderr


def test_mkdocs_collapsible_callouts_are_folds():
    # AZD-for-beginners' workshop (written for MkDocs) folds its listings so; the box was
    # always open, under a title saying "Expand To View".
    markdown = '??? info "Expand to view"\n    Body.\n\n???+ tip\n    Open.\n\n!!! note\n    N.\n'
    assert html(markdown) == (
        '<details class="admonition info">\n'
        '<summary class="admonition-title">Expand to view</summary>\n<p>Body.</p>\n</details>\n'
        '<details class="admonition tip" open="">\n'
        '<summary class="admonition-title">Tip</summary>\n<p>Open.</p>\n</details>\n'
        '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>N.</p>\n</div>\n'
    )


def test_kramdowns_attribute_lists_give_their_attributes():
    # mslearn-ai-fundamentals opens its 51 links to the portal so: the link had an attribute
    # named `:target` and opened in the same tab.
    assert html('[Foundry](https://ai.azure.com){:target="_blank"}') == (
        '<p><a href="https://ai.azure.com" target="_blank">Foundry</a></p>\n'
    )
    assert html('[x](a.md){:onclick="steal()"}') == '<p><a href="a.md">x</a></p>\n'


def test_a_dollar_in_code_closes_no_formula():
    # rust-lang/book: one formula from `$HOME` to the `$` of `$PATH`, its spaces lost, in
    # the page and in its description.
    markdown = "Into *$HOME/.cargo/bin*. Ensure that\nthis folder is in your `$PATH` to run.\n"
    assert html(markdown) == (
        "<p>Into <em>$HOME/.cargo/bin</em>. Ensure that\n"
        "this folder is in your <code>$PATH</code> to run.</p>\n"
    )
    assert "<math>" in html("A formula $x^2$ and `$y$` in code.")


def test_liquid_in_an_html_block_is_told_at_its_own_line():
    # missing-semester lists its lectures in a <ul> with `{% for %}` on the line under it:
    # the warning named the <ul>'s line.
    markdown = "# Lectures\n\n<ul>\n  {% for lecture in lectures %}\n  <li>x</li>\n</ul>\n"
    warnings = render_markdown(markdown).warnings
    assert [(line, column) for line, column, text in warnings if "Liquid" in text] == [(4, 3)]


def test_braces_after_a_code_span_are_text_and_a_tag_is_told_at_its_column():
    # OWASP/wstg writes `` `x`{% endraw %} ``: the braces were read as attributes of the code,
    # `{% endraw %}` vanished and `{.cls}` made a class, where GitHub shows them as text.
    # The Liquid warning named a paragraph's first line at column 1, not the tag's place.
    markdown = "# T\n\nUse `y`{.cls} and\nthen `x`{% endraw %} here.\n"
    rendered = render_markdown(markdown)
    assert "<code>y</code>{.cls} and\nthen <code>x</code>{% endraw %} here." in rendered.html
    assert [(line, column) for line, column, text in rendered.warnings if "Liquid" in text] == [
        (4, 9)
    ]


@pytest.mark.parametrize(
    ("markdown", "told"),
    [
        # rustlings' site: a tag whose words hold HTML was not told.
        ('{% details(summary="If <code>rustlings</code> fails") %}\n', "{% details(summary="),
        ("Run `{% raw %}` or <code>{% endraw %}</code>, then {% end %}.\n", "'{% end %}' is"),
        ("Only `{% raw %}` and <code>{% if x %}</code> here.\n", None),
    ],
)
def test_a_template_tag_outside_code_is_told_even_holding_html(markdown, told):
    warnings = [text for _line, _column, text in render_markdown(markdown).warnings]
    assert [told in text for text in warnings] == ([True] if told else [])
