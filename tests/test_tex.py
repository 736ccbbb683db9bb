"""TeX to MathML: what an ML course writes, what an author gets wrong, what an attacker tries."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import run_in_child
from courselib import tex as tex_module
from courselib.mathml_check import (
    CLASS_RULES,
    COLOUR_FAMILIES,
    STYLE_CLASSES,
    UnsafeMathML,
    checked_mathml,
)
from courselib.tex import MAX_TEX_CHARS, TexError, font_sizes, tex_to_mathml
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

ATTENTION = r"\operatorname{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V"

# What a course on machine learning writes, and the MathML structure each must give:
# (CSS selector, the text of one of its matches, or None when one match is enough).
ML_FORMULAS = {
    "softmax": (
        r"\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}",
        [("mi", "softmax"), ("mfrac munderover > mo", "∑"), ("munderover > mi", "K")],
    ),
    "attention": (
        ATTENTION,
        [
            ("mrow > mi", "softmax"),
            ("mrow > mo:not([stretchy])", "("),  # \left( ... \right): a fence that stretches
            ("mfrac > mrow > msup > mi + mi", "⊤"),
            ("mfrac > msqrt > msub > mi", "d"),
            ("mfrac > msqrt > msub > mi + mi", "k"),
        ],
    ),
    "cross-entropy": (
        r"\mathcal{L}(\theta) = -\sum_{i=1}^{N} \sum_{c=1}^{C} y_{i,c} \log \hat{y}_{i,c}",
        [("mi", "ℒ\ufe00"), ("munderover > mo", "∑"), ("mover[accent=true] > mo", "ˆ")],
    ),
    "product with limits": (
        r"p(x_1,\dots,x_T) = \prod_{t=1}^{T} p(x_t \mid x_{<t})",
        [("munderover > mo", "∏"), ("munderover > mrow > mi", "t"), ("mo", "(")],
    ),
    "real matrices": (r"X \in \mathbb{R}^{n\times d}", [("msup > mi", "ℝ"), ("msup mo", "×")]),
    "bold vectors": (r"\mathbf{x}^\top \mathbf{W}", [("msup > mi", "𝐱"), ("msup + mi", "𝐖")]),
    "text": (r"\text{loss} = 0 \text{ if } y = 1", [("mtext", "loss")]),
    "pmatrix": (
        r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
        [("mrow > mo", "("), ("mtable > mtr + mtr > mtd + mtd > mi", "d")],
    ),
    "bmatrix": (
        r"\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}",
        [("mrow > mo", "["), ("mtd", "1")],
    ),
    "aligned": (
        r"\begin{aligned} f(x) &= (x+1)^2 \\ &= x^2 + 2x + 1 \end{aligned}",
        [("mtable > mtr + mtr > mtd.tex-end.tex-pr0", None), ("mtd.tex-start > mo", "=")],
    ),
    "align*": (
        r"\begin{align*} a &= b + c \\ d &= e \end{align*}",
        [("mtable.tex-wide > mtr > mtd.tex-half", None), ("mtr + mtr mtd.tex-end > mi", "d")],
    ),
    "cases": (
        r"\operatorname{ReLU}(x) = \begin{cases} x & \text{if } x > 0 \\ 0 & \text{otherwise}"
        r"\end{cases}",
        [("mrow > mo", "{"), ("mtd.tex-start.tex-pl1 > mtext", "otherwise")],
    ),
    "accents": (
        r"\hat{y} + \tilde{x} + \bar{z} + \vec{v}",
        [("mover[accent=true] > mi", "y"), ("mover + mo + mover > mo", "˜")],
    ),
    "gradient step": (
        r"\theta \leftarrow \theta - \eta \nabla_\theta \mathcal{L}",
        [("msub > mrow > mi[mathvariant=normal]", "∇"), ("mo", "←")],
    ),
    "partial derivative": (r"\frac{\partial \mathcal{L}}{\partial w_{ij}}", [("mfrac mi", "∂")]),
    "relations": (
        r"a \in S,\; b \le c,\; d \approx e",
        [("mi + mo", "∈"), ("mspace[width]", None), ("math > mo:nth-of-type(5)", "≈")],
    ),
    "log and exp": (r"\log p(x) = \exp(-E(x))", [("mrow > mi", "log"), ("mi", "log")]),
    "max with a limit below": (r"\max_{\theta} \mathbb{E}[x]", [("munder > mrow > mi", "max")]),
    "arg max": (r"\arg\max_{c} p(c \mid x)", [("mrow > mi", "arg"), ("munder > mrow > mi", "max")]),
    "norm": (r"\|x\|_2", [("mo", "‖"), ("msub > mo", "‖"), ("msub > mn", "2")]),
    "left right": (
        r"\left( \sum_{i=1}^n x_i \right)^2",
        [("msup > mrow > mo", "("), ("msup > mn", "2")],
    ),
    "layer norm": (
        r"\operatorname{LayerNorm}(x) = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}",
        [("mi", "LayerNorm"), ("mo", "⊙"), ("msqrt > mrow > msup > mi", "σ")],
    ),
    "KL divergence": (
        r"D_{\mathrm{KL}}(P \,\|\, Q) = \sum_x P(x) \log \frac{P(x)}{Q(x)}",
        [("msub > mrow > mi", "KL"), ("mfrac", None)],
    ),
    "negative thin space": (r"\sigma\!\left(x\right)", [("mspace.tex-neg-thin", None)]),
    "boxed result": (r"\boxed{y = wx + b}", [("menclose[notation=box] > mrow > mi", "y")]),
    # Refused for their thin and thick spaces: 25 formulas of Dive into Deep Learning.
    "squared loss": (
        r"\frac{1}{2}\left(\hat{y}^{(i)}-y^{(i)}\right)^2.",
        [("mpadded.tex-pr-thin > msup > mn", "2")],
    ),
    "argmin below": (
        r"\mathop{\mathrm{argmin}}_{\mathbf{x}} f(\mathbf{x})",
        [("msub > mpadded.tex-pr-thin mi", "argmin")],
    ),
    "relation": (r"a \mathrel{R} b", [("mpadded.tex-pl-thick.tex-pr-thick > mi", "R")]),
    # Written as Unicode, as so-large-lm writes them: refused by the converter.
    "unicode transpose": (r"\mathbf{x}^⊤ \mathbf{y}", [("msup > mi + mi", "⊤")]),
    "unicode prime after a script": (r"\mathbb{R}^{d×L^′}", [("msup msup > mo", "′")]),
    # pumpkin-book's steps, and easy-rl's product written with no space after \gamma.
    "circled steps": (r"\textcircled{1} \to \textcircled{2}", [("mi", "①"), ("mi", "②")]),
    "product after a command": (r"\gamma*\max_a Q", [("mi", "γ"), ("mo", "∗")]),
}


def parsed(mathml: str):
    """Return the parsed <math> element of `mathml`."""
    return LexborHTMLParser(mathml).css_first("math")


@pytest.mark.parametrize("name", ML_FORMULAS)
def test_ml_formulas_give_their_mathml_structure(name):
    tex, expectations = ML_FORMULAS[name]
    math = parsed(tex_to_mathml(tex, display=True))
    for selector, text in expectations:
        texts = [found.text() for found in math.css(selector)]
        assert texts, f"{name}: no {selector} in {math.html}"
        assert text is None or text in texts, f"{name}: {selector} holds {texts}"


@pytest.mark.parametrize("name", ML_FORMULAS)
def test_every_formula_is_only_what_is_drawn_and_has_no_inline_style(name):
    tex = ML_FORMULAS[name][0]
    mathml = tex_to_mathml(tex, display=False)
    math = parsed(mathml)
    assert math.css_first("semantics, annotation, annotation-xml") is None  # no TeX kept
    assert "\\" not in mathml
    assert " style=" not in mathml
    for element in math.css("[class]"):
        for name_ in element.attributes["class"].split():
            assert name_ in CLASS_RULES or name_.startswith("math-core-"), name_


def test_display_math_is_a_block_and_inline_math_is_not():
    assert parsed(tex_to_mathml("x^2", display=True)).attributes == {"display": "block"}
    assert parsed(tex_to_mathml("x^2", display=False)).attributes == {}


@pytest.mark.parametrize(
    ("tex", "operator"), [(r"\log x", "\u2061"), (r"\operatorname{softmax}(z)", "\u2061")]
)
def test_invisible_operators_are_written_as_characters(tex, operator):
    mathml = tex_to_mathml(tex, display=False)
    assert f"<mo>{operator}</mo>" in mathml or f'">{operator}</mo>' in mathml
    assert "&ApplyFunction;" not in mathml and "&InvisibleTimes;" not in mathml


def test_text_is_escaped():
    mathml = tex_to_mathml(r"\text{<b>\&amp;</b>} < x", display=False)
    assert "<b>" not in mathml
    assert parsed(mathml).css_first("mtext").text() == "<b>&amp;</b>"
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in mathml


# (TeX, the message, the offset it points at)
MISTAKES = [
    (r"\fracc{a}{b}", r"unknown command \fracc", 0),
    (r"a + \color{ #ff00} b", "'#ff00' is not a colour: write #RRGGBB, #RGB or a name", 12),
    (r"\textcolor{#f00} x", r"\textcolor takes its text in braces: \textcolor{#F00}{x}", 0),
    (r"\color{bleu} x", 'unknown color "bleu"', 6),
    (
        r"\softmax(z)",
        r"unknown command \softmax (if it names an operator, write \operatorname{softmax})",
        0,
    ),
    (r"\Foo", r"unknown command \Foo", 0),
    # pumpkin-book: "not valid in text mode" named nothing.
    (
        r"\text{ {\rm s.t.} } x",
        r"\rm is not valid inside \text{...}: write it outside the \text, in the formula",
        8,
    ),
    # After a symbol written as Unicode and rewritten, the offset is still the author's.
    (r"x^⊤ + \frac{a", "unbalanced braces: this { is never closed", 11),
    (r"\alpha*\beta + \frac{a", "unbalanced braces: this { is never closed", 20),
    # The converter's own cut list keeps its dots (it lost them to a dangling comma).
    (
        r"\alpha\limits_{x}",
        r'found "\limits", which may only appear after \int, \sum, ....',
        6,
    ),
    # LaTeX the converter does not know: the \operatorname hint would mislead.
    (
        r"x + \multicolumn{2}{c}{x}",
        r"unknown command \multicolumn: LaTeX that the converter does not support yet",
        4,
    ),
    # An array with no columns (LeetCode-Py): "expected non-special ASCII characters".
    (
        r"\begin{cases} \begin{array} \ x, & x > 0 \end{array} \end{cases}",
        r"\begin{array} needs its columns first, one letter each: \begin{array}{ll}",
        28,
    ),
    (
        r"\begin{array} a \end{array}",
        r"\begin{array} needs its columns first, one letter each: \begin{array}{ll}",
        14,
    ),
    # With its columns after a position, it is not told to write them.
    (r"\begin{array}[t]{cc} x & y \end{array}", "expected non-special ASCII characters", 13),
    # Offsets after a rewritten environment are the author's.
    (r"\begin{alignat}{2} a \foo \end{alignat}", r"unknown command \foo", 21),
    # ...and the environments are named as written.
    (r"x = \begin{split} a", r"\begin{split} is never ended", 4),
    (r"\begin{smallmatrix} a \end{pmatrix}", r"\begin{smallmatrix} is ended by \end{pmatrix}", 22),
    (r"\begin{split} a \end{aligned}", r"\begin{split} is ended by \end{aligned}", 16),
    (r"\begin{pmatrix} x^⊤ \end{split}", r"\begin{pmatrix} is ended by \end{split}", 20),
    (r"a \end{alignat}", r"\end{alignat} ends nothing", 2),
    (r"x + \substack{i<n \\ j", "unbalanced braces: this { is never closed", 13),
    (r"\substack{a \\ \foo}", r"unknown command \foo", 15),
    (r"x + \foo", r"unknown command \foo", 4),
    (r"\frac{a}{b", "unbalanced braces: this { is never closed", 8),
    (r"{a", "unbalanced braces: this { is never closed", 0),
    (r"a}", "unbalanced braces: this } closes nothing", 1),
    (r"x = \begin{pmatrix} a & b", r"\begin{pmatrix} is never ended", 4),
    (r"\end{pmatrix}", r"\end{pmatrix} ends nothing", 0),
    (r"\begin{pmatrix} a \end{bmatrix}", r"\begin{pmatrix} is ended by \end{bmatrix}", 18),
    (r"a \begin{foo} b \end{foo}", "unknown environment {foo}", 2),
    (r"\left( x", r"\left is never closed by a \right", 0),
    (r"x \right)", r"\right has no \left before it", 2),
    (r"x^", "^ is missing its argument", 2),
    (r"\frac{a}", r"\frac is missing its argument", 8),
    (r"a^b^c", "duplicate subscript or superscript", 3),
    (r"a & b", r"& outside a matrix or aligned environment (write \& for the sign)", 2),
    ("", "the formula is empty", 0),
    ("   ", "the formula is empty", 0),
    (
        "x" * (MAX_TEX_CHARS + 1),
        "the formula is 8,001 characters long; split it (at most 8,000)",
        0,
    ),
    (r"x = \eqref{eq:1}", r"\eqref is not supported: formulas have no numbers but their own", 4),
    (r"\begin{align} a &= \foo \end{align}", r"unknown command \foo", 19),
    # An author's own number: one a display formula, at its end, as plain text.
    (r"x \tag{1} \tag{2}", r"one \tag a formula: give each its own $$...$$", 10),
    (r"\begin{aligned} x \tag{1} \end{aligned}", r"\tag inside braces or an environment", 18),
    (r"x \tag 1", r"\tag takes a number or plain text in braces: \tag{2.1}", 2),
    (r"\text{a $x}", "math mode within text mode is not implemented yet", 8),
    # \limits after \mathop: only an operator's name is drawn as one.
    (r"\mathop{a+b}\limits_x", r'found "\limits", which may only appear after', 12),
    (r"\mathop{max}\limits_{a} \foo", r"unknown command \foo", 24),
    (r"x \tag{\alpha}", r"\tag takes a number or plain text in braces", 2),
    (r"x \tag{1} + \foo", r"unknown command \foo", 12),  # the tag blanked, offsets kept
    (r"\newcommand{\R}{\mathbb{R}} \R", r"\newcommand is not supported", 0),
    # Text commands read as \text keep their length: the offset after one is still right.
    (r"\textnormal{if } \frac{a", "unbalanced braces: this { is never closed", 22),
    (r"a \hspace{-2pt} b", r"negative spaces other than \!", 2),
    (r"\cancel{x}", r"\cancel is not supported", 0),
    ("é + \\foo", r"unknown command \foo", 4),  # offsets count characters, not bytes
    ("x + \x00", "control character U+0000 in the formula", 4),
]


@pytest.mark.parametrize(
    ("tex", "shown"), [(r"\tag{6.1}", "(6.1)"), (r"\tag*{A}", "A"), (r"\tag { 2 a }", "(2 a)")]
)
def test_a_display_formulas_own_number_is_shown_beside_it(tex, shown):
    # easy-rl numbers 81 formulas so, which GitHub's MathJax shows at the right; each failed
    # the build ("\tag is not supported").
    formula = tex_to_mathml(r"V(s) = r + \gamma V(s')", display=True)
    assert tex_to_mathml(rf"V(s) = r + \gamma V(s') {tex}", display=True) == (
        f'<span class="math-tagged">{formula}<span class="math-tag">{shown}</span></span>'
    )


def test_a_formula_in_a_line_has_no_number_of_its_own():
    with pytest.raises(TexError) as raised:
        tex_to_mathml(r"x \tag{1}", display=False)
    assert raised.value.message == r"\tag numbers a display formula ($$...$$), not one in a line"
    assert raised.value.offset == 2


@pytest.mark.parametrize(
    ("written", "known"),
    [
        (r"\pmb{x}^2", r"\boldsymbol{x}^2"),
        (r"\mathds{R}", r"\mathbb{R}"),
        (r"1, \dotsc, n", r"1, \dots, n"),
        (r"a + \dotsb + z", r"a + \dots + z"),
        (r"a \hdots z", r"a \cdots z"),
        # Python-100-Days: MathJax's old switch to math italic, as `\it` is in the converter.
        (r"\lambda \mit{I}", r"\lambda \it{I}"),
        # QuantEcon (72 formulas): plain TeX's row end, as MathJax reads it; and a box that
        # TeX lets overlap its neighbours, drawn taking its own room.
        (r"\begin{bmatrix} w_1 \cr b_1 \end{bmatrix}", r"\begin{bmatrix} w_1 \\ b_1 \end{bmatrix}"),
        (r"(\smash{5+4p}) + \smash[b]{y}", r"({5+4p}) + {y}"),
        (r"\sum_{\mathclap{i<n}} \mathllap{a} \mathrlap{b}", r"\sum_{{i<n}} {a} {b}"),
        (r"\mathnormal{x}", r"\mathit{x}"),
        # The Workbench's lesson template: the logos, MathJax's macros (its build failed).
        (r"\LaTeX \TeX", r"\text{LaTeX} \text{TeX}"),
        # But `\\cr` is a row's end, then the letters c and r (they were lost).
        (
            r"\begin{matrix} a \\cr \\mit \end{matrix}",
            r"\begin{matrix} a \\ c r \\ m i t \end{matrix}",
        ),
        # easy-rl: an operator with its limits below, as the converter writes one.
        (r"\mathop{max}\limits_{a} Q", r"\operatorname*{max}\limits_{a} Q"),
        # Numbered as GitHub's MathJax numbers them: not at all (easy-rl's `align`).
        (
            r"\begin{align} a &= b \label{eq:1} \\ c &= d \nonumber \end{align}",
            r"\begin{align*} a &= b \\ c &= d \end{align*}",
        ),
        (
            r"\begin{equation} \notag E = mc^2 \end{equation}",
            r"\begin{equation*} E = mc^2 \end{equation*}",
        ),
        (r"\begin{gather} a \\ b \end{gather}", r"\begin{gather*} a \\ b \end{gather*}"),
        # Math inside text (d2l: `\textrm{for any constant $C$}`); `\$` is a dollar sign.
        (r"C \quad \textrm{for any constant $C$}", r"C \quad \textrm{for any constant }C\textrm{}"),
        (r"\mbox{if $x>0$, $y^⊤$}", r"\text{if }x>0\text{, }y^{\top}\text{}"),
        # amsmath's stacked limits (easy-rl: `\gamma \substack{max\\a} Q`).
        (
            r"\sum_{\substack{i<n \\ j \in \mathbb{A}}} x^⊤",
            r"\sum_{\begin{subarray}{c}i<n \\ j \in \mathbb{A}\end{subarray}} x^{\top}",
        ),
        (r"\mathop{\text{minimize}} \limits_x f", r"\operatorname*{minimize} \limits_x f"),
        (r"\mathop{\inf}\limits_{x \in D} L", r"\inf\limits_{x \in D} L"),  # pumpkin-book
        # amsmath's other alignments, as aligned and align* draw them (alignat's columns
        # with align's space between their pairs).
        (
            r"\begin{equation} \begin{split} a &= b \\ &= c \end{split} \end{equation}",
            r"\begin{equation*} \begin{aligned} a &= b \\ &= c \end{aligned} \end{equation*}",
        ),
        (
            r"\begin{alignat}{2} a &= b & c &= d \end{alignat}",
            r"\begin{align*} a &= b & c &= d \end{align*}",
        ),
        (r"\begin{alignat*} { 2 } a &= b \end{alignat*}", r"\begin{align*} a &= b \end{align*}"),
        (
            r"x = \begin{alignedat}{1} a &= b \end{alignedat}",
            r"x = \begin{aligned} a &= b \end{aligned}",
        ),
        (
            r"\left(\begin{smallmatrix} a & b \end{smallmatrix}\right)",
            r"\left({\scriptstyle\begin{matrix} a & b \end{matrix}}\right)",
        ),
        # Wide accents, as their narrow ones (the same over one letter, as they are written).
        (r"\widetilde{W} + \widecheck{x}", r"\tilde{W} + \check{x}"),
        # An old font switch starting text (pumpkin-book: `\text{\rm s.t.}`): text is upright.
        (r"\min x \quad \text{\rm s.t.} \; x > 0", r"\min x \quad \text{s.t.} \; x > 0"),
        (r"\mbox{ \rm if } y", r"\text{if } y"),
        # A line break's extra space (shown as "[2pt]") and a double rule (refused) are left
        # out (a bracket that starts a row stays: test_a_row_may_start_with_a_bracket).
        (
            r"\begin{aligned} a &= b \\[2pt] c &= d \\ [ 0.5em ] e \end{aligned}",
            r"\begin{aligned} a &= b \\ c &= d \\ e \end{aligned}",
        ),
        (
            r"\begin{array}{c} a \\ \hline \hline b \end{array}",
            r"\begin{array}{c} a \\ \hline b \end{array}",
        ),
    ],
)
def test_latex_the_converter_does_not_read_is_drawn_as_what_it_reads(written, known):
    # pumpkin-book and d2l write \pmb 20 times, which GitHub's MathJax draws bold; each
    # failed the build ("unknown command \pmb").
    assert tex_to_mathml(written, display=False) == tex_to_mathml(known, display=False)


def test_a_row_may_start_with_a_bracket():
    mathml = tex_to_mathml(r"\begin{bmatrix} a \\ [b] \end{bmatrix}", display=True)
    assert '<mo stretchy="false">[</mo><mi>b</mi>' in mathml


@pytest.mark.parametrize("command", ["mbox", "hbox", "textnormal"])
def test_latex_text_commands_are_text(command):
    # Microsoft's AI-For-Beginners writes \mbox, which GitHub's MathJax draws; it failed the build.
    assert tex_to_mathml(rf"x \{command}{{if }} y", display=False) == tex_to_mathml(
        r"x \text{if } y", display=False
    )


def test_font_sizes_are_left_out_and_named_with_their_offsets():
    # DataTalksClub's zoomcamp writes \large, which GitHub's MathJax draws larger; the build
    # failed. A page cannot carry the size (an inline style): the formula takes its text's.
    tex = r"x = {\large y} + \text{\tiny z}"
    assert tex_to_mathml(r"x = {\Large y}", display=False) == tex_to_mathml(r"x = {y}", False)
    assert "z</mtext>" in tex_to_mathml(tex, display=False)
    assert font_sizes(tex) == [(5, r"\large"), (23, r"\tiny")]
    assert font_sizes(r"a \\large b") == []  # a line break, then the letters "large"


@pytest.mark.parametrize(("tex", "message", "offset"), MISTAKES)
def test_a_mistake_is_one_line_at_its_offset(tex, message, offset):
    with pytest.raises(TexError) as raised:
        tex_to_mathml(tex, display=True)
    assert raised.value.message.startswith(message)
    assert "\n" not in raised.value.message
    assert raised.value.offset == offset
    assert str(raised.value) == raised.value.message
    assert isinstance(raised.value, ValueError)


# What an attacker writes to get markup, a style, a link or a handler into a page.
HOSTILE = [
    r"\href{javascript:alert(1)}{x}",
    r"\url{javascript:alert(1)}",
    r"\style{color:red}{x}",
    r"\class{x}{y}",
    r"\cssId{x}{y}",
    r"\htmlStyle{color:red}{x}",
    r"\htmlClass{x}{y}",
    r"\htmlId{x}{y}",
    r"\htmlData{onclick=alert(1)}{y}",
    r"\colorbox{red}{x}",
    r"\definecolor{mine}{HTML}{FF0000}",
    r"\def\x{\x}\x",
    r"\eqref{x}",
    r"\includegraphics{x.png}",
]


@pytest.mark.parametrize("tex", HOSTILE)
def test_commands_that_would_change_the_page_are_refused(tex):
    with pytest.raises(TexError) as raised:
        tex_to_mathml(tex, display=False)
    assert raised.value.offset == 0


@pytest.mark.parametrize(
    "tex",
    [
        r"\text{<script>alert(1)</script>}",
        r"\text{<img src=x onerror=alert(1)>}",
        r"\operatorname{<svg onload=alert(1)>}",
        r'\mathrm{"><script>}',
        "</math><script>alert(1)</script>",
        r"x \text{&lt;script&gt;}",
    ],
)
def test_text_an_attacker_writes_stays_text(tex):
    try:
        mathml = tex_to_mathml(tex, display=False)
    except TexError:
        return
    document = LexborHTMLParser(f"<p>{mathml}</p>")
    assert document.css("script, img, svg, a") == []
    math = document.css_first("math")
    for element in math.traverse():
        assert all(not name.startswith("on") and name != "style" for name in element.attributes)


# Output a converter bug (or a future version) could write, and that must never reach a page.
UNSAFE_OUTPUT = [
    '<math><mi onclick="alert(1)">x</mi></math>',
    '<math><mi style="color:red">x</mi></math>',
    '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    "<math><mi>x</mi></math><script>alert(1)</script>",
    "<math><mi>x</mi></math><math><mi>y</mi></math>",
    "<math><mi>x</mi>",
    "<math><mi>x</math>",
    "<p><math><mi>x</mi></math></p>",
    '<math><merror class="math-core-unknown-cmd"><mtext>\\foo</mtext></merror></math>',
    '<math><mi mathvariant="bold" mathvariant="normal">x</mi></math>',
    '<math><mspace width="1em;background:url(x)"/></math>',
    '<math><mi class="anything">x</mi></math>',
    "<math><mtext>a & b</mtext></math>",
    "<math><math><mi>x</mi></math></math>",
]


@pytest.mark.parametrize("mathml", UNSAFE_OUTPUT)
def test_output_outside_the_allow_list_is_refused(mathml):
    with pytest.raises(UnsafeMathML):
        checked_mathml(mathml)


class LenientConverter:
    """A converter that writes unknown commands as text, as some do: it must be caught."""

    def convert_with_local_state(self, tex: str, displaystyle: bool) -> str:
        from math_core import LatexToMathML

        lenient = LatexToMathML(ignore_unknown_commands=True, annotation=False)
        return lenient.convert_with_local_state(tex, displaystyle=displaystyle)


def test_a_converter_that_lets_unknown_commands_through_is_caught(monkeypatch):
    monkeypatch.setattr(tex_module, "_converter", LenientConverter)
    assert LenientConverter().convert_with_local_state(r"\foo", False).count("merror") == 2
    with pytest.raises(TexError) as raised:
        tex_to_mathml(r"x + \foo", display=False)
    assert "merror" in raised.value.message


def test_every_style_the_converter_writes_has_a_rule():
    colours = {f"tex-{family}" for family in COLOUR_FAMILIES} | {"tex-grey", "tex-text"}
    assert set(STYLE_CLASSES.values()) | colours == set(CLASS_RULES)


@pytest.mark.parametrize(
    ("tex", "drawn"),
    [
        # Python-100-Days: `{\color {blue}k}a_{i1}` and dvips' `OliveGreen`; the build failed.
        (r"{\color {blue}k}a_{i1}", '<mrow class="tex-blue"><mi>k</mi></mrow>'),
        (r"{\color{OliveGreen}b}", '<mrow class="tex-green"><mi>b</mi></mrow>'),
        (r"\textcolor{red}{x} + y", '<mrow class="tex-red"><mi>x</mi></mrow><mo>+</mo>'),
        (r"\color{orange} x", 'class="tex-orange"'),
        (r"\color{Goldenrod} x", 'class="tex-yellow"'),
        (r"\color{teal} x", 'class="tex-cyan"'),
        (r"\color{violet} x", 'class="tex-purple"'),
        (r"\color{magenta} x", 'class="tex-magenta"'),
        (r"\color{gray} x", 'class="tex-grey"'),
        # Written as MathJax and KaTeX read it, and as LaTeX's xcolor does.
        (r"\color{#1f77b4} x", 'class="tex-blue"'),
        (r"\textcolor{ #F00 }{x^2} - y", '<mrow class="tex-red"><msup>'),
        (r"\color[rgb]{0,0.6,0} x", 'class="tex-green"'),
        (r"\textcolor[rgb]{1,0,0}{x} + y", '<mrow class="tex-red"><mi>x</mi></mrow><mo>+</mo>'),
        (r"\textcolor[HTML]{1F77B4}{x}", '<mrow class="tex-blue"><mi>x</mi></mrow>'),
        # Black and white are the text's own colour, in either scheme, inside blue too.
        (r"\color{black} x", 'class="tex-text"'),
        (r"\color{white} x", 'class="tex-text"'),
        (r"\color{blue} x + \color{black} y", '<mrow class="tex-text"><mi>y</mi>'),
    ],
)
def test_a_colour_is_its_familys_shade_in_each_scheme(tex, drawn):
    mathml = tex_to_mathml(tex, display=False)
    assert drawn in mathml
    assert "style=" not in mathml


@pytest.mark.parametrize(
    ("written", "drawn_as"),
    [
        # A trailing `\\` ends the last row: TeX and MathJax draw no empty row after it.
        (r"\begin{aligned} a &= b \\ c &= d \\ \end{aligned}",
         r"\begin{aligned} a &= b \\ c &= d \end{aligned}"),
        (r"\begin{cases} a & x \\ b & y \\ \end{cases}",
         r"\begin{cases} a & x \\ b & y \end{cases}"),
        (r"\begin{pmatrix} a \\ \begin{matrix} 1 \\ 2 \\ \end{matrix} \\ \end{pmatrix}",
         r"\begin{pmatrix} a \\ \begin{matrix} 1 \\ 2 \end{matrix} \end{pmatrix}"),
        # A table's only row, empty, stays.
        (r"\begin{matrix} \\ \end{matrix}", None),
    ],
)  # fmt: skip
def test_a_trailing_line_break_makes_no_empty_row(written, drawn_as):
    mathml = tex_to_mathml(written, display=True)
    if drawn_as is None:
        assert mathml.count("<mtr>") == 1
    else:
        assert mathml == tex_to_mathml(drawn_as, display=True)


def test_an_hline_after_the_last_row_is_its_bottom_rule():
    # microsoft/AI-System's tables end `c & d \\ \hline`: the rule was under the first
    # column only, the one cell of an empty row.
    mathml = tex_to_mathml(
        r"\begin{array}{|c|c|}\hline a & b \\ \hline c & d \\ \hline\end{array}", True
    )
    rows = mathml.split("<mtr>")[1:]
    assert len(rows) == 2
    assert rows[1].count("tex-line-bottom") == 2 and "tex-line-bottom" not in rows[0]
    dashed = tex_to_mathml(r"\begin{array}{cc} a & b \\ \hdashline \end{array}", True)
    assert dashed.count('class="tex-dash-bottom"') == 2


@pytest.mark.parametrize(
    ("tex", "width"),
    [(r"a \hspace{0.5in} b", "3.6rem"), (r"a\hspace{10pt}b", "1rem"), (r"a\kern1in b", "7.2rem")],
)
def test_a_space_in_absolute_units_is_the_width_of_its_space(tex, width):
    # cs231n writes `\hspace{0.5in}` in 9 formulas: each failed the build, "it needs the
    # inline style 'width:3.6rem'", though the converter writes the width as an attribute too.
    assert f'<mspace width="{width}"/>' in tex_to_mathml(tex, display=True)


def test_every_colour_keeps_its_contrast_in_both_schemes():
    backgrounds = {"light": ["#ffffff", "#f4f5f7"], "dark": ["#14171a", "#1e2226"]}
    css = Path("themes/course/static/css/course.css").read_text(encoding="utf-8")
    for scheme, colours in backgrounds.items():
        assert all(colour in css for colour in colours), scheme  # the theme's own backgrounds
    for family, (light, dark) in COLOUR_FAMILIES.items():
        for colour, scheme in ((light, "light"), (dark, "dark")):
            for background in backgrounds[scheme]:
                assert contrast(colour, background) >= 4.5, (family, scheme, background)


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours written #RRGGBB."""

    def luminance(colour: str) -> float:
        channels = [int(colour[start : start + 2], 16) / 255 for start in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(one), luminance(other)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_nesting_thousands_deep_is_converted_or_refused_never_a_crash():
    # A stack overflow in the converter would end the whole process: run it in a child.
    half = MAX_TEX_CHARS // 2 - 1
    formulas = [
        "{" * half + "x" + "}" * half,
        r"\mathbf{" * (MAX_TEX_CHARS // 9) + "x" + "}" * (MAX_TEX_CHARS // 9),
        r"\hat " * (MAX_TEX_CHARS // 5 - 1) + "x",
        "{" * (MAX_TEX_CHARS - 1),
        r"\left(" * (MAX_TEX_CHARS // 14) + "x" + r"\right)" * (MAX_TEX_CHARS // 14),
    ]
    script = (
        "import sys\nfrom courselib.tex import tex_to_mathml, TexError\n"
        f"for tex in {formulas!r}:\n"
        "    try:\n        tex_to_mathml(tex, True)\n    except TexError:\n        pass\n"
        "print('survived')\n"
    )
    finished = run_in_child(script, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert finished.stdout.strip() == "survived"


def test_threads_convert_side_by_side():
    formulas = [tex for tex, _ in ML_FORMULAS.values()] * 8 + [ATTENTION + " + x" * 80] * 8
    expected = [tex_to_mathml(tex, True) for tex in formulas]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda tex: tex_to_mathml(tex, True), formulas)) == expected


def convert_long_formula(repeat: int) -> str:
    """Convert a formula long enough to go to the deep-stack thread (a worker's job)."""
    return tex_to_mathml(" + ".join([ATTENTION] * repeat), display=True)


def test_a_forked_worker_converts_long_formulas():
    # The parent's deep-stack thread does not exist in a forked child; the child makes its own.
    expected = convert_long_formula(6)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        assert list(pool.map(convert_long_formula, [6, 6])) == [expected, expected]


PIECES = [r"\frac", r"\sqrt", "{", "}", "^", "_", "&", r"\\", r"\left(", r"\right)"]
PIECES += [r"\begin{pmatrix}", r"\end{pmatrix}", r"\begin{aligned}", r"\end{aligned}"]
PIECES += [r"\text{", r"\mathbf{", r"\operatorname{", r"\hat", r"\sum", r"\limits", "x", " "]
PIECES += [r"\hline", r"\middle|", r"\over", "%", "\n", "$", "#1", r"\{", r"\!", r"\hspace{"]
PIECES += ["-1em", r"\boxed{", r"\textsc{", r"\mathrm{", "\x00", "<", ">", '"', "&amp;", "'"]
TEX_LIKE = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40)


@pytest.mark.parametrize("tex", ["\\\n", "x\\\tb", "a\\\r", "a \\leq b \\", "a\\\\\\"])
def test_a_backslash_before_a_line_end_or_a_tab_is_a_space_as_in_tex(tex):
    # Found by the test below: `\` then a line's end was "unknown command", its message two
    # lines long; so was one ending a display formula (QuantEcon's `a \leq b \`).
    assert "<mtext>\u00a0</mtext>" in tex_to_mathml(tex, False)


def test_a_backslash_ending_a_comment_is_the_comments():
    # The line after it is still read: `a = b % note \` then `+ c` was `a = b`.
    assert "<mo>+</mo><mi>c</mi>" in tex_to_mathml("a = b % note \\\n+ c", False)


@settings(max_examples=1500, deadline=None)
@given(TEX_LIKE.map("".join), st.booleans())
def test_any_input_gives_checked_mathml_or_one_tex_error(tex, display):
    try:
        mathml = tex_to_mathml(tex, display)
    except TexError as error:
        assert error.message and "\n" not in error.message
        assert error.offset is None or 0 <= error.offset <= len(tex)
        return
    assert checked_mathml(mathml) == mathml  # what it returns passes the check as it is
    assert parsed(mathml).css_first("annotation") is None
