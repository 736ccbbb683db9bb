"""MyST Markdown, as Jupyter Books are written: directives, roles, targets and comments.

A Jupyter Book's pages (QuantEcon's lectures, Project Pythia's) box their notes in
directives (```` ```{note} ````, `:::{tip}`), run code in ```` ```{code-cell} ipython3 ````,
write display math in ```` ```{math} ````, place figures with ```` ```{figure} path ````,
and link with roles (`` {doc}`intro` ``, `` {math}`x^2` ``) and targets (`(label)=`).
GitHub shows them as code and text; read here as Jupyter Book shows them, in pages of
a Jupyter Book only (the chapter reader decides: a `%` at a line's start is a comment
in MyST and text elsewhere):

- an admonition (note, tip, hint, important, warning, attention, caution, danger,
  error, seealso; `admonition` titled by its argument) is one of our callouts; with
  `:class: dropdown`, and `dropdown`, `solution` and `toggle`, a fold;
- `code-cell`, `code-block`, `code` and `sourcecode` are code in the language named
  (`ipython3` is Python), without their option lines; a cell tagged `remove-cell` or
  `remove-input` is left out, as Jupyter Book leaves it;
- `math` is display math; `figure` and `image` an image, a figure's text its caption;
- sphinx-exercise's gated form: the blocks between `{solution-start}` and `{solution-end}`
  (code cells among them) are a fold, between `{exercise-start}` and `{exercise-end}` an
  exercise; a start without its end at its level writes nothing, so no HTML is left open;
- sphinx-proof's `{prf:theorem} Title` (definition, lemma, proof...) is a callout titled
  "Theorem (Title)";
- `include` reads the Markdown file it names in its place (a problem in it is told at the
  include's line); `raw` with `html` is HTML, for another output (`jupyter`, `latex`) nothing;
- `toctree`, `contents`, `tableofcontents` and `index` make nothing: the syllabus and each
  page's contents list are the site's own;
- a labelled `math` is numbered (`\\tag`), and `` {eq}`label` `` is its number, linked;
- roles: `math` is a formula; `doc` and `download` link the file; `ref`, `numref`,
  `prf:ref`, `term`, `index` and `cite` show their text (a label elsewhere is not looked up);
  `abbr`, `sub`, `sup`, `kbd` their HTML; any other shows its text as code;
- a target `(label)=`, and a directive's `:label:` or `:name:`, is an anchor of that id,
  which `[text](label)` links (chapter links find it in the book's other pages too); a
  link with no text shows its label; `% comment` lines and `+++` make nothing.

Other directives stay code, as GitHub shows them. A body keeps its lines (option lines
blanked), so every problem in it is told at its own line.
"""

import html
import os
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from .includes import FOLDER_KEY, Include, read_include
from .positions import noting_offsets, source_lines

# name: (callout class, its title where the directive gives none)
ADMONITIONS = {
    "note": ("note", "Note"),
    "tip": ("tip", "Tip"),
    "hint": ("tip", "Hint"),
    "important": ("important", "Important"),
    "warning": ("warning", "Warning"),
    "attention": ("warning", "Attention"),
    "caution": ("caution", "Caution"),
    "danger": ("caution", "Danger"),
    "error": ("caution", "Error"),
    "seealso": ("note", "See also"),
    "admonition": ("note", "Note"),
    "exercise": ("exercise", "Exercise"),
    "margin": ("note", "Note"),
    "sidebar": ("note", "Note"),
}
FOLDS = {"dropdown": "Details", "solution": "Solution", "toggle": "Details"}
CODE = frozenset({"code-cell", "code-block", "code", "sourcecode"})
IMAGES = frozenset({"figure", "image"})
MAKE_NOTHING = frozenset({"toctree", "contents", "tableofcontents", "index"})
# sphinx-proof's boxes (`{prf:theorem} Title`), titled by their kind.
PROOF_KINDS = frozenset(
    {
        "algorithm",
        "assumption",
        "axiom",
        "conjecture",
        "corollary",
        "criterion",
        "definition",
        "example",
        "lemma",
        "observation",
        "proof",
        "property",
        "proposition",
        "remark",
        "theorem",
    }
)
# sphinx-exercise's gated form: the page's own blocks between `{solution-start}` and
# `{solution-end}` (code cells among them) are the solution.
GATES = {
    "solution-start": (
        "solution-end",
        '<details class="solution">\n<summary>Solution</summary>\n',
        "</details>\n",
    ),
    "exercise-start": (
        "exercise-end",
        '<div class="admonition exercise">\n<p class="admonition-title">Exercise</p>\n',
        "</div>\n",
    ),
}
LANGUAGES = {"ipython3": "python", "ipython": "python", "ipython2": "python"}
HIDDEN_TAGS = ("remove-cell", "remove-input")
DIRECTIVE = re.compile(r"^\{([a-zA-Z][\w:+-]*)\}\s*(.*)$")
OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
# A link's text in a caption made alt text: `[text](url)` is `text`.
MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
LABELLED_TEXT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)
# Roles whose text shows: `{ref}`text <label>``, or the label alone.
TEXT_ROLES = frozenset({"ref", "numref", "eq", "term", "index", "cite", "cite:p", "cite:t"})
HTML_ROLES = {"sub": "sub", "sup": "sup", "kbd": "kbd", "abbr": "abbr"}
LINK_ROLES = frozenset({"doc", "download"})


# A Jupyter Book's table of contents, in a page's folder or one above it.
BOOK_FILES = ("_toc.yml", "myst.yml")
# Front matter of a page written in MyST (a Jupyter Book's, or a notebook kept as text).
MYST_FRONT_MATTER = re.compile(r"^(?:jupytext|kernelspec|myst|mystnb|file_format):", re.M)


def book_root(folder: str, is_file: Callable[[str], bool]) -> str | None:
    """Return the Jupyter Book a file of content/`folder` is in: the folder, or the nearest
    above it, that holds `_toc.yml` or `myst.yml` (paths from content/); None if none."""
    while True:
        if any(is_file(posixpath.join(folder, name)) for name in BOOK_FILES):
            return folder
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def is_myst_page(folder: str, is_file: Callable[[str], bool], front_matter: str) -> bool:
    """True for a page of content/`folder` written in MyST: in a Jupyter Book (book_root),
    or with MyST's or Jupytext's front matter."""
    return bool(MYST_FRONT_MATTER.search(front_matter)) or book_root(folder, is_file) is not None


def add_myst(md: MarkdownIt) -> None:
    """Make `md` read MyST's directives, roles, targets and comments as Jupyter Book does."""
    md.use(myst_role_plugin)
    # Noted where it starts, as the link and formula rules are (positions): a role's
    # link or formula is then told at its line and column.
    rule = md.inline.ruler.__rules__[md.inline.ruler.__find__("myst_role")].fn
    md.inline.ruler.at("myst_role", noting_offsets(rule))
    md.use(myst_block_plugin)
    md.use(colon_fence_plugin)
    md.core.ruler.after("block", "myst_directives", directives)
    md.core.ruler.after("inline", "myst_roles", roles)
    md.add_render_rule("myst_wrap", lambda self, tokens, index, options, env: tokens[index].content)
    md.add_render_rule("myst_target", render_target)
    md.add_render_rule("myst_line_comment", lambda *arguments: "")
    md.add_render_rule("myst_block_break", lambda *arguments: "")


def directives(state: StateCore) -> None:
    """Make each directive's fence what Jupyter Book shows."""
    state.tokens = read_directives(state.tokens, state)


GATE_ENDS = {end: start for start, (end, _opening, _closing) in GATES.items()}
GATE_TYPE = "myst_gate"
# {equation's label: its number}, in the parse's env: `{eq}` shows the number.
EQUATIONS_KEY = "myst_equations"
# The files whose `{include}` is being read, in the parse's env.
INCLUDING_KEY = "myst_including"


def gate(name: str, argument: str, options: dict, token: Token) -> Token:
    """Return a `{solution-start}` or `{solution-end}` (or an exercise's) as a token that
    writes its HTML once paired with its other end (paired_gates)."""
    marker = Token(GATE_TYPE, "", 0)
    marker.info, marker.block, marker.map, marker.level = name, True, token.map, token.level
    if name in GATES:
        _end, opening, closing = GATES[name]
        if name == "exercise-start" and argument:
            opening = opening.replace(">Exercise<", f">Exercise ({html.escape(argument)})<")
        marker.meta = {"opening": opening, "closing": closing}
    return marker


def paired_gates(tokens: list[Token]) -> list[Token]:
    """Return `tokens` with each start of a gate that has its end later, at its level,
    written with it; an end alone or a start alone writes nothing (no HTML left open)."""
    waiting: list[Token] = []
    for token in tokens:
        if token.type != GATE_TYPE:
            continue
        if token.info in GATES:
            waiting.append(token)
        elif (
            waiting
            and GATES[waiting[-1].info][0] == token.info
            and waiting[-1].level == token.level
        ):
            start = waiting.pop()
            start.type, start.content = "myst_wrap", start.meta["opening"]
            token.type, token.content = "myst_wrap", start.meta["closing"]
    return [token for token in tokens if token.type != GATE_TYPE]


def read_directives(tokens: list[Token], state: StateCore, depth: int = 0) -> list[Token]:
    """Return `tokens` with each directive's fence replaced by what it shows."""
    made: list[Token] = []
    for token in tokens:
        if token.type == "math_block" and aligned_without_environment(token.content):
            token.content = in_aligned(token.content)  # `$$` lines too, as Sphinx wraps them
        fence = token.type in ("fence", "colon_fence")
        found = DIRECTIVE.match(token.info.strip()) if fence else None
        if found is None and token.type == "colon_fence":
            # Pandoc's div (`::: name`) that is no directive: its text, as GitHub shows it.
            made += body_tokens(token.content, token, state, depth)
            continue
        if found is None or depth > MOST_NESTED:
            made.append(token)
            continue
        name, argument = found.group(1).lower(), found.group(2).strip()
        options, body = directive_options(token.content)
        token.type = "fence"  # `:::{code-cell}` too: shown as code, where it is code
        label = options.get("label") or options.get("name")
        if label:  # `[](motion_law)` links the equation `:label: motion_law`
            made.append(wrap(f'<span id="{html.escape(label, quote=True)}"></span>\n', token))
        if name in ADMONITIONS or name in FOLDS:
            made += boxed(name, argument, options, body, token, state, depth)
        elif name.startswith("prf:") and name[4:] in PROOF_KINDS:
            title = name[4:].capitalize() + (f" ({argument})" if argument else "")
            made += boxed("admonition", title, {}, body, token, state, depth)
        elif name in GATES or name in GATE_ENDS:
            made.append(gate(name, argument, options, token))
        elif name == "include" and state.env.get(FOLDER_KEY) is not None:
            made += included_markdown(argument, token, state, depth)
        elif name == "raw":
            if argument.lower() == "html":  # `{raw} jupyter` and `latex` are for others
                html_text = body.lstrip("\n")
                if token.map is not None:  # at its lines: the gate tells a problem there
                    first = token.map[0] + 1 + len(body) - len(html_text)
                    token.map = [first, token.map[1]]
                token.type, token.content = "html_block", html_text
                made.append(token)
        elif name in CODE:
            hidden = any(tag in options.get("tags", "") for tag in HIDDEN_TAGS)
            if not hidden:
                token.info = LANGUAGES.get(argument.lower(), argument)
                token.content = body.lstrip("\n")
                made.append(token)
        elif name == "math":
            number = state.env.setdefault(EQUATIONS_KEY, {})
            if aligned_without_environment(body):  # as Sphinx wraps it (in `split`)
                body = in_aligned(body)
            if label and label not in number:
                number[label] = len(number) + 1  # numbered, as Sphinx numbers labelled ones
                body = f"{body.rstrip()} \\tag{{{number[label]}}}"
            token.info, token.content = "math", body  # a ```math fence: math_fences
            made.append(token)
        elif name in IMAGES:
            made += figure(name, argument, options, body, token, state, depth)
        elif name not in MAKE_NOTHING:
            made.append(token)  # as GitHub shows it
    return paired_gates(made)  # within one body: a box is closed where it opened


# Directives inside directives: a page is no deeper; more is left as code.
MOST_NESTED = 20


def aligned_without_environment(tex: str) -> bool:
    """True for display math of lines (`\\\\`) or aligned at `&`, in no environment."""
    return "\\begin{" not in tex and ("\\\\" in tex or re.search(r"(?<!\\)&", tex) is not None)


def in_aligned(tex: str) -> str:
    """Return display math in an `aligned` environment, its lines where they were."""
    return f"\\begin{{aligned}}{tex.rstrip()}\n\\end{{aligned}}"


def directive_options(content: str) -> tuple[dict[str, str], str]:
    """Return a directive's options (`:class: dropdown` lines first, or a `---` block) and its
    body, the option lines left blank so that the body's lines keep their numbers."""
    lines = content.split("\n")
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
        if end is not None:
            for line in lines[1:end]:
                key, _, value = line.partition(":")
                options[key.strip()] = value.strip()
            return options, "\n" * (end + 1) + "\n".join(lines[end + 1 :])
    count = 0
    for line in lines:
        option = OPTION.match(line.strip())
        if option is None:
            break
        options[option.group(1)] = option.group(2)
        count += 1
    return options, "\n" * count + "\n".join(lines[count:])


def body_tokens(body: str, token: Token, state: StateCore, depth: int) -> list[Token]:
    """Return a directive's Markdown body parsed, at its lines in the page."""
    tokens: list[Token] = []
    state.md.block.parse(body, state.md, state.env, tokens)
    first = token.map[0] + 1 if token.map else 0
    for inner in tokens:
        if inner.map is not None:
            inner.map = [inner.map[0] + first, inner.map[1] + first]
    return read_directives(tokens, state, depth + 1)


def included_markdown(argument: str, token: Token, state: StateCore, depth: int) -> list[Token]:
    """Return the Markdown file an `{include}` names, parsed in its place (a snippet the
    book's pages share: QuantEcon's `_admonition/gpu.md`); a problem at its line."""
    line = token.map[0] if token.map else 0
    path = from_book_root(argument, state.env)
    folder, content_root = state.env[FOLDER_KEY]
    target = os.path.normpath(
        os.path.join(content_root, path.lstrip("/"))
        if path.startswith("/")
        else os.path.join(folder, path)
    )
    including = state.env.setdefault(INCLUDING_KEY, set())
    problem, text = (
        ("it includes itself", "")
        if target in including
        else read_include(Include(path, (None, None), None), folder, content_root, state.env)
    )
    if problem is not None:
        state.env.setdefault("problems", []).append(
            (line + 1, 1, f"{{include}} {argument}: {problem}")
        )
        return []
    tokens: list[Token] = []
    including.add(target)  # while its own includes are read: a loop is told, not followed
    state.md.block.parse(text, state.md, state.env, tokens)
    for inner in tokens:  # its lines are another file's: told at the include's line
        if inner.map is not None:
            inner.map = [line, line + 1]
    made = read_directives(tokens, state, depth + 1)
    including.discard(target)
    return made


def wrap(text: str, token: Token) -> Token:
    """Return a token that writes `text`, our HTML around a directive's body."""
    wrapper = Token("myst_wrap", "", 0)
    wrapper.content, wrapper.block, wrapper.map = text, True, token.map
    return wrapper


def boxed(name, argument, options, body, token, state, depth) -> list[Token]:
    """Return an admonition as our callout, or a fold."""
    classes = options.get("class", "").split()
    titled = name in ("admonition", "exercise", "margin", "sidebar", "dropdown", "toggle")
    if not titled and argument and name != "solution":  # a solution's names its exercise
        body = argument + "\n" + body  # `{note} Text`: the argument starts the body
    if name in FOLDS or "dropdown" in classes:
        title = (argument if titled else "") or FOLDS.get(name) or ADMONITIONS[name][1]
        opening = f'<details class="solution">\n<summary>{html.escape(title)}</summary>\n'
        closing = "</details>\n"
    else:
        # `{admonition} Title` with `:class: tip` is a tip.
        kind = next((ADMONITIONS[c][0] for c in classes if c in ADMONITIONS), ADMONITIONS[name][0])
        title = (argument if titled else "") or ADMONITIONS[name][1]
        opening = (
            f'<div class="admonition {kind}">\n'
            f'<p class="admonition-title">{html.escape(title)}</p>\n'
        )
        closing = "</div>\n"
    return [wrap(opening, token), *body_tokens(body, token, state, depth), wrap(closing, token)]


def figure(name, argument, options, body, token, state, depth) -> list[Token]:
    """Return a figure (or image) directive as an image, with its caption."""
    # Its alt text, else its caption's first line (a screen reader has nothing else).
    caption = next((line.strip() for line in body.split("\n") if line.strip()), "")
    alt = options.get("alt") or MARKUP.sub(r"\1", caption).replace("*", "").replace("`", "")
    image = Token("image", "img", 0)
    image.attrs = {"src": state.md.normalizeLink(from_book_root(argument, state.env)), "alt": ""}
    image.content, image.children = alt, [text_token(alt)]
    if token.map is not None:
        line, lines = token.map[0] + 1, source_lines(state)
        source = lines[token.map[0]] if token.map[0] < len(lines) else ""
        column = source.find(argument) + 1 if argument and argument in source else 1
        image.meta = {"line": line, "column": column}
    paragraph_open = Token("paragraph_open", "p", 1)
    inline = Token("inline", "", 0)
    inline.children, inline.map = [image], token.map
    paragraph_close = Token("paragraph_close", "p", -1)
    if name == "image" or not body.strip():
        return [paragraph_open, inline, paragraph_close]
    return [
        wrap("<figure>\n", token),
        paragraph_open,
        inline,
        paragraph_close,
        wrap("<figcaption>\n", token),
        *body_tokens(body, token, state, depth),
        wrap("</figcaption>\n</figure>\n", token),
    ]


def from_book_root(path: str, env: dict) -> str:
    """Return a directive's path written from the book's root (`/_static/fig.png`, as
    Sphinx reads it) as a path from the page's folder; any other path as it is."""
    folders = env.get(FOLDER_KEY)
    if not path.startswith("/") or path.startswith("//") or folders is None:
        return path
    page_folder, content_root = folders
    folder = os.path.relpath(page_folder, content_root).replace(os.sep, "/")
    folder = "" if folder == "." else folder
    root = book_root(folder, lambda name: os.path.isfile(os.path.join(content_root, name)))
    if root is None:
        return path
    return posixpath.relpath(posixpath.join(root or ".", path.lstrip("/")), folder or ".")


def roles(state: StateCore) -> None:
    """Make each role (`` {math}`x` ``) what Jupyter Book shows."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = []
        for child in block.children:
            if child.type == "link_open":
                child.attrs["href"] = myst_link(child.attrGet("href") or "", state.env)
            children += role_tokens(child, state) if child.type == "myst_role" else [child]
            if child.type == "link_close" and children[-2].type == "link_open":
                # `[](motion_law)`: Sphinx writes the equation's number; a link needs text.
                href = children[-2].attrGet("href") or ""
                children.insert(-1, text_token(unquote(href).lstrip("#")))
        block.children = children


def myst_link(href: str, env: dict) -> str:
    """Return a link's address as MyST reads its own schemes: `wiki:Markov_chain` is the
    Wikipedia article, `project:basics.md` the project's file (from the page, or from the
    book's root with `/`); any other as it is (`inv:` names another project's docs,
    which no build here can look up: the gate leaves such a link alone)."""
    scheme, _, rest = href.partition(":")
    if scheme == "wiki" and rest and not rest.startswith("/"):
        return "https://en.wikipedia.org/wiki/" + rest.replace(" ", "_")
    if scheme == "project" and rest:
        return from_book_root(rest, env)
    return href


def role_tokens(role: Token, state: StateCore) -> list[Token]:
    """Return the tokens a role shows as."""
    name, content = role.meta.get("name", "").lower(), role.content
    labelled = LABELLED_TEXT.match(content)
    shown, target = (labelled.group(1), labelled.group(2)) if labelled else (content, content)
    if name == "math":
        formula = Token("math_inline", "math", 0)
        formula.content, formula.markup, formula.meta = content, "$", dict(role.meta)
        return [formula]
    if name in LINK_ROLES:
        opening = Token("link_open", "a", 1)
        suffix = ".md" if name == "doc" and "." not in target.rsplit("/", 1)[-1] else ""
        opening.attrs = {"href": state.md.normalizeLink(target + suffix)}
        opening.meta = dict(role.meta)
        return [opening, text_token(shown or target), Token("link_close", "a", -1)]
    if name in HTML_ROLES:
        tag = HTML_ROLES[name]
        if tag == "abbr":
            found = re.match(r"^(.*?)\s*\((.*)\)$", content, re.DOTALL)
            if found:
                title = html.escape(found.group(2), quote=True)
                return [raw(f'<abbr title="{title}">{html.escape(found.group(1))}</abbr>')]
        return [raw(f"<{tag}>{html.escape(content)}</{tag}>")]
    if name == "eq":  # `{eq}`label``: the equation's number, linking it
        number = state.env.get(EQUATIONS_KEY, {}).get(target)
        if number is not None:
            opening = Token("link_open", "a", 1)
            opening.attrs = {"href": "#" + state.md.normalizeLink(target)}
            return [opening, text_token(f"({number})"), Token("link_close", "a", -1)]
    if name in TEXT_ROLES or name.startswith("cite") or name == "prf:ref":
        if name == "index" and labelled is None:  # `{index}`entry``: shown as written
            return [text_token(content)]
        return [text_token(shown)]
    code = Token("code_inline", "code", 0)
    code.content, code.markup = shown, "`"
    return [code]


def text_token(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def raw(markup: str) -> Token:
    """Return an inline token that writes our own `markup` (its text escaped)."""
    token = Token("myst_wrap", "", 0)
    token.content = markup
    return token


def render_target(self, tokens, index, options, env) -> str:
    """Write a target `(label)=` as an anchor that `#label` links reach."""
    label = tokens[index].content
    return f'<span id="{html.escape(label, quote=True)}"></span>\n'
