"""MyST Markdown in a Jupyter Book's pages: directives, roles and targets, as Jupyter Book shows."""

import pytest
from courselib.markdown import course_parser, render_markdown
from test_bad_input import png_bytes
from test_github_course import SETTINGS


def myst(text: str):
    return render_markdown(text, course_parser(myst=True))


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        (
            "```{note}\nA **bold** note.\n```\n",
            '<div class="admonition note">\n<p class="admonition-title">Note</p>\n'
            "<p>A <strong>bold</strong> note.</p>\n</div>",
        ),
        (  # the argument of a note is its text's start
            "```{warning} Mind the gap.\n```\n",
            '<p class="admonition-title">Warning</p>\n<p>Mind the gap.</p>',
        ),
        (
            "```{admonition} Your turn\n:class: tip\n\nTry it.\n```\n",
            '<div class="admonition tip">\n<p class="admonition-title">Your turn</p>\n'
            "<p>Try it.</p>",
        ),
        (
            "```{admonition} Answer\n:class: dropdown\n\nIt is 42.\n```\n",
            '<details class="solution">\n<summary>Answer</summary>\n<p>It is 42.</p>\n</details>',
        ),
        (  # a solution names its exercise: no title, no text of it
            "```{solution} ex1\n:class: dropdown\n\nIt is 42.\n```\n",
            '<details class="solution">\n<summary>Solution</summary>\n<p>It is 42.</p>\n</details>',
        ),
        (
            ":::{tip}\nColons too.\n:::\n",
            '<div class="admonition tip">\n<p class="admonition-title">Tip</p>\n<p>Colons too.</p>',
        ),
        (  # Pandoc's div that is no directive: its text
            "::: aside\nKept text.\n:::\n",
            "<p>Kept text.</p>",
        ),
        (
            "```{code-cell} ipython3\n:tags: [hide-output]\nx = 1\n```\n",
            '<code class="language-python">',
        ),
        ("(my-label)=\n# Title\n", '<span id="my-label"></span>\n<h1'),
        ("% a comment\nText.\n", "<p>Text.</p>"),
        ("{abbr}`CLT (central limit theorem)`", '<abbr title="central limit theorem">CLT</abbr>'),
        ("H{sub}`2`O and {kbd}`Ctrl`", "H<sub>2</sub>O and <kbd>Ctrl</kbd>"),
        ("See {ref}`the proof <proof-label>`.", "See the proof."),
        ("# {index}`Markov chains <single: Markov chains>`", ">Markov chains</h1>"),
        ("{py:func}`numpy.sum`", "<code>numpy.sum</code>"),
        ("{doc}`basics`", '<a href="basics.md">basics</a>'),
        ("{doc}`the basics <../intro/basics>`", '<a href="../intro/basics.md">the basics</a>'),
        ("Equation [](motion_law).", '<a href="motion_law">motion_law</a>'),
        # MyST's own schemes, published dead before: no browser opens `wiki:`.
        ("[MATLAB](wiki:MATLAB)", '<a href="https://en.wikipedia.org/wiki/MATLAB">MATLAB</a>'),
        ("[the basics](project:basics.md)", '<a href="basics.md">the basics</a>'),
    ],
)
def test_myst_shows_as_jupyter_book_shows_it(markdown, shown):
    assert shown in myst(markdown).html


@pytest.mark.parametrize(
    ("markdown", "absent"),
    [
        ("```{code-cell} ipython3\n:tags: [remove-cell]\nsecret = 1\n```\n", "secret"),
        ("```{toctree}\n:hidden:\nintro\n```\n", "intro"),
        ("Text.\n\n+++\n\nMore.\n", "+++"),
        ("% a comment\n", "comment"),
    ],
)
def test_what_jupyter_book_leaves_out_is_left_out(markdown, absent):
    assert absent not in myst(markdown).html


def test_display_math_inline_math_and_a_figure_with_its_caption():
    page = myst(
        "```{math}\n:label: eq-one\n\\frac{1}{2}\n```\n\n"
        "Inline {math}`x^2`.\n\n"
        "```{figure} figs/plot.png\n:name: fig-plot\n\nThe *plot's* [caption](x.md).\n```\n"
    ).html
    assert '<span id="eq-one"></span>' in page
    assert page.count("<math") == 2 and "<mfrac>" in page
    assert '<figure>\n<p><img alt="The plot\'s caption." src="figs/plot.png"></p>' in page
    assert "<figcaption>\n<p>The <em>plot's</em>" in page


def test_a_problem_inside_a_directive_is_told_at_its_own_line():
    page = myst(
        "# Title\n\n````{exercise} Do it\n:label: ex1\n\nA [link](a.md).\n\n"
        "```{math}\n\\frac{1}{\n```\n````\n"
    )
    assert [(link.url, link.line, link.column) for link in page.links] == [("a.md", 6, 3)]
    assert [problem[0] for problem in page.problems] == [9]


def test_outside_a_jupyter_book_myst_stays_as_github_shows_it():
    page = render_markdown("```{note}\nText.\n```\n\n% of students pass\n")
    assert '<code class="language-{note}">Text.' in page.html
    assert "<p>% of students pass</p>" in page.html


BOOK = {
    "README.md": "# Lectures\n",
    "lectures/_toc.yml": "format: jb-book\nroot: intro\nchapters:\n- file: basics\n",
    "lectures/intro.md": (
        "# Introduction\n\n(start)=\n## Start here\n\n"
        "Go on to [the basics](basics), or [start above](start).\n\n"
        "```{figure} /_static/plot.png\n:alt: A plot\n\nIts caption.\n```\n"
    ),
    "lectures/basics.md": "# Basics\n\nBack to [the start](start) of the book.\n",
    "lectures/_static/plot.png": png_bytes(),
}


def test_a_jupyter_books_links_lead_where_sphinx_leads_them(build_site):
    # Each failed the build as a broken link: a document named without `.md`, a target
    # `(start)=` in the page and in another, a figure from the book's root.
    build = build_site(BOOK, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    intro = build.page("lectures/intro.html")
    assert 'href="../lectures/basics.html">the basics' in intro
    assert 'href="#start">start above' in intro
    assert '<img alt="A plot" src="_static/plot.png"' in intro
    assert 'href="../lectures/intro.html#start">the start' in build.page("lectures/basics.html")


def test_a_github_courses_link_to_a_name_is_still_broken(build_site):
    # Only a Jupyter Book reads `[text](name)` as a document or a target.
    files = {
        "README.md": "# Course\n",
        "1-intro/README.md": "# Intro\n\n## Start\n\nSee [start](start) and [basics](basics).\n",
        "1-intro/basics.md": "# Basics\n",
    }
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code != 0
    assert "content/1-intro/README.md:5:5: broken link 'start'" in build.log
    assert "content/1-intro/README.md:5:24: broken link 'basics'" in build.log


def test_a_gated_solution_folds_the_blocks_between_its_start_and_its_end():
    page = myst(
        "```{exercise-start}\n:label: ex1\n```\n\nSum it.\n\n```{exercise-end}\n```\n\n"
        "```{solution-start} ex1\n:class: dropdown\n```\n\nThe code:\n\n"
        "```{code-cell} ipython3\nprint(1)\n```\n\n```{solution-end}\n```\n"
    ).html
    assert '<div class="admonition exercise">\n<p class="admonition-title">Exercise</p>\n' in page
    assert page.index("Sum it.") < page.index("</div>")
    start, end = page.index('<details class="solution">'), page.index("</details>")
    assert start < page.index("The code:") < page.index("print") < end


@pytest.mark.parametrize(
    "markdown",
    [
        "```{solution-start} ex1\n```\n\nNo end.\n",
        "- item\n\n  ```{solution-start} ex1\n  ```\n\nOutside.\n\n```{solution-end}\n```\n",
        "```{solution-end}\n```\n\nNo start.\n",
        # A start inside a note, its end outside it.
        "````{note}\n```{solution-start} x\n```\nIn the note.\n````\n\n```{solution-end}\n```\n",
    ],
)
def test_a_gate_without_its_other_end_at_its_level_writes_nothing(markdown):
    page = myst(markdown).html
    assert "<details" not in page and "</details>" not in page


def test_numbered_equations_proofs_and_what_is_for_other_outputs():
    page = myst(
        "By {eq}`first`.\n\n```{math}\n:label: first\nx = 1\n```\n\n"
        "```{prf:theorem} Bayes\nP(A|B) is as stated.\n```\n\n"
        "```{raw} jupyter\n<div>notebook only</div>\n```\n\n"
        "```{raw} html\n<div>web page</div>\n```\n\n"
        "```{index} single: Bayes\n```\n"
    ).html
    assert 'By <a href="#first">(1)</a>.' in page
    assert '<span id="first"></span>' in page and '<span class="math-tag">(1)</span>' in page
    assert '<p class="admonition-title">Theorem (Bayes)</p>' in page
    assert "notebook only" not in page and "<div>web page</div>" in page
    assert "single" not in page


def test_an_included_snippet_is_read_in_its_place(tmp_path):
    from conftest import write_content

    content = write_content(
        tmp_path / "content",
        {
            "book/_toc.yml": "root: intro\n",
            "book/_admonition/gpu.md": "```{note}\nThis page uses a GPU.\n```\n",
            "book/intro.md": (
                "# Intro\n\n```{include} _admonition/gpu.md\n```\n\n```{include} nothing.md\n```\n"
            ),
        },
    )
    folder = str(content / "book")
    text = (content / "book" / "intro.md").read_text()
    page = render_markdown(text, course_parser(myst=True), folders=(folder, str(content)))
    assert '<p class="admonition-title">Note</p>\n<p>This page uses a GPU.</p>' in page.html
    assert page.problems == [(6, 1, "{include} nothing.md: content/book/nothing.md does not exist")]
    assert page.included.keys() == {"book/_admonition/gpu.md"}


def test_a_broken_figure_is_told_at_its_markdown_line(build_site):
    files = {**BOOK, "lectures/basics.md": "# Basics\n\n```{figure} missing.png\n:alt: Gone\n```\n"}
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code != 0
    assert "content/lectures/basics.md:3:13: broken image 'missing.png'" in build.log


@pytest.mark.parametrize(
    ("markdown", "outside"),
    [
        ("```{math}\na &= b \\\\\nc &= d\n```\n", []),  # code, as on GitHub
        ("$$\na &= b \\\\\nc &= d\n$$\n", [(2, 3)]),  # an error at its line
    ],
)
def test_display_math_of_aligned_lines_is_aligned_as_sphinx_wraps_it(markdown, outside):
    # "TeX: & outside a matrix or aligned environment" failed the build.
    page = myst(markdown)
    assert page.problems == [] and "<mtable" in page.html
    assert [problem[:2] for problem in render_markdown(markdown).problems] == outside


def test_an_include_loop_is_one_problem_not_a_hang(tmp_path):
    from conftest import write_content

    snippet = "```{include} loop.md\n```\n\n```{include} loop.md\n```\n"
    content = write_content(
        tmp_path / "content",
        {"book/_toc.yml": "root: intro\n", "book/loop.md": snippet, "book/intro.md": snippet},
    )
    folder = str(content / "book")
    page = render_markdown(snippet, course_parser(myst=True), folders=(folder, str(content)))
    assert {problem[2] for problem in page.problems} == {"{include} loop.md: it includes itself"}
