"""Bare `https://`, `http://` and `ftp://` URLs linked where GitHub links them.

mdit-py-plugins' autolink rule links such a URL only after a space or one of `*_~(`,
the rule GitHub's spec gives for `www.`; cmark-gfm, GitHub's renderer, links a scheme
after anything but a letter. Chinese courses write `论文：https://arxiv.org/...` and
prose writes `"https://..."`: 34 URLs of two real courses were left as text. This
rule takes every `:` first, links a web URL as cmark-gfm does (its end found by the
plugin's `match_http`, cut at `<` as cmark-gfm cuts it), and takes any other `:` as
text; `mailto:` and `xmpp:` go on to the plugin.

A bare e-mail address is the plugin's too, but for one of its rules: cmark-gfm links
one only where its domain ends in a letter (or a `.`, left out), so that `SLURM@22.05.09`
and `react@18.2.0`, a version, stay text; the plugin linked them as mail. And, as in
cmark-gfm, after any character, where the plugin wanted a space or one of `*_~(`.
"""

import bisect
import re

from markdown_it import MarkdownIt, parser_inline
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin
from mdit_py_plugins.gfm_autolink._match import match_http

# The schemes GitHub links bare, longest first (`https` ends like no other).
WEB_SCHEMES = ("https", "http", "ftp")
# What a bare URL's domain starts with: a letter, a digit, `-` or `_` (match_http also
# takes `https://` alone, or `{endpoint}`, for a domain).
HOST_START = re.compile(r"[\w-]")
# A bare e-mail address's domain as the plugin reads it: letters, digits, `-`, `_`, and a
# `.` before a letter or a digit.
EMAIL_DOMAIN = re.compile(r"(?:[A-Za-z0-9_-]|\.(?=[A-Za-z0-9]))+")
# The local part of a bare e-mail address, before its `@`, as cmark-gfm reads it back.
LOCAL_PART = re.compile(r"[A-Za-z0-9.+_-]+$")
# Where cmark-gfm stops looking for a bare URL's end: a space or a `<`.
URL_END = re.compile(r"[ \t\r\n\v\f<]|$")


def add_bare_urls(md: MarkdownIt) -> None:
    """Make `md` link bare URLs and `www.` addresses as GitHub does."""
    md.use(gfm_autolink_plugin)
    md.inline.ruler.before("gfm_autolink_protocol", "bare_url", bare_url)
    md.inline.ruler.before("gfm_autolink_email", "version_after_at", version_after_at)
    rules = {rule.name: rule for rule in md.inline.ruler.__rules__}
    md.inline.ruler.at("gfm_autolink_email", after_anything(rules["gfm_autolink_email"].fn))
    md.inline.ruler.at("gfm_autolink_www", outside_brackets(rules["gfm_autolink_www"].fn))


def text_stops_at_www_only(md: MarkdownIt) -> None:
    """Make `md`'s text rule stop at a `w` only where `www.` starts.

    The `www.` rule has the text rule stop at every `w` (gfm_autolink adds it to the
    characters that end text), where every inline rule was then tried and none but that
    one starts: 5% of the time a chapter took to read. Called once every rule is added;
    the characters are markdown-it's own and its plugins', as it joins them."""
    inline = md.inline
    own = getattr(parser_inline, "_DEFAULT_TERMINATORS", None)
    extra = getattr(inline, "_extra_terminator_chars", None)
    if not isinstance(own, frozenset | set) or not isinstance(extra, set) or "w" not in extra:
        return  # another markdown-it: its text rule is left as it is
    characters = (own | extra) - {"w"}
    inline.terminator_re = re.compile("[" + re.escape("".join(sorted(characters))) + "]|w(?=ww\\.)")


def outside_brackets(www):
    """Return the plugin's `www.` rule `www`, linking nothing inside an open `[`, as
    cmark-gfm does (smol-course's `[see www.example.com here]`, not a link, stays text)."""

    def www_read(state: StateInline, silent: bool) -> bool:
        # The rule links only a `www.` (asked first: the brackets are found once a text).
        if state.src.startswith("www.", state.pos) and in_open_bracket(state, state.pos):
            return False
        return www(state, silent)

    return www_read


# Where an open bracket's text starts: a run of backticks (a code span, once closed by a
# run as long) and a backslash's next character hold no bracket.
BRACKET_OR_SKIP = re.compile(r"\\.|`+|[\[\]]", re.DOTALL)


def in_open_bracket(state: StateInline, position: int) -> bool:
    """True if `position` of the inline text is inside a `[` no `]` has closed yet, where
    cmark-gfm links no bare URL: each `]` closes the last `[` (or `![`), a link or not.

    The brackets of a text are found once (kept in `env` by the text), then looked up.
    """
    found = state.env.setdefault("open_brackets", {})
    changes = found.get(state.src)
    if changes is None:
        changes = found[state.src] = bracket_depths(state.src)
    index = bisect.bisect_left(changes[0], position) - 1
    return index >= 0 and changes[1][index] > 0


def bracket_depths(text: str) -> tuple[list[int], list[int]]:
    """Return where `text`'s count of open brackets changes, and the count after each."""
    marks = list(BRACKET_OR_SKIP.finditer(text))
    runs: dict[int, list[int]] = {}  # backtick runs by length: each one's place in `marks`
    for place, mark in enumerate(marks):
        if mark.group()[0] == "`":
            runs.setdefault(len(mark.group()), []).append(place)
    positions: list[int] = []
    depths: list[int] = []
    depth = 0
    place = 0
    while place < len(marks):
        mark = marks[place].group()
        if mark[0] == "`":  # a code span's brackets are code, where a run as long closes it
            same = runs[len(mark)]
            closing = bisect.bisect_right(same, place)
            place = same[closing] if closing < len(same) else place
        elif mark == "[":
            depth += 1
            positions.append(marks[place].start())
            depths.append(depth)
        elif mark == "]" and depth:
            depth -= 1
            positions.append(marks[place].start())
            depths.append(depth)
        place += 1
    return positions, depths


def after_anything(email):
    """Return the plugin's bare e-mail rule `email`, linking an address after any character,
    as cmark-gfm does: the plugin linked one only after a space or `*_~(`, and ruanyf/weekly
    ends 172 pages with `联系（yifeng.ruan@gmail.com）`. The character before the address
    is read as a space, only while the rule looks."""

    def email_read(state: StateInline, silent: bool) -> bool:
        local = LOCAL_PART.search(state.pending) if state.src[state.pos] == "@" else None
        before = state.pos - len(local.group()) - 1 if local else -1
        if before < 0:
            return email(state, silent)
        written = state.src
        state.src = f"{written[:before]} {written[before + 1 :]}"
        try:
            return email(state, silent)
        finally:
            state.src = written

    return email_read


def version_after_at(state: StateInline, silent: bool) -> bool:
    """Take an `@` as text where what follows would be a mail domain ending in a digit."""
    if state.src[state.pos] != "@":
        return False
    domain = EMAIL_DOMAIN.match(state.src, state.pos + 1, state.posMax)
    if domain is None or not domain.group()[-1].isdigit():
        return False
    if not silent:
        state.pending += "@"
    state.pos += 1
    return True


def bare_url(state: StateInline, silent: bool) -> bool:
    """Link the web URL whose scheme ends at this `:`, or take the `:` as text.

    Taken as text, not left to the plugin: it linked `https://` before `<`, `{` or `*`,
    which the link gate then rightly reported as a broken link nobody wrote, and at every
    `:` it searched the whole paragraph before it for a scheme (20,000 colons took 10 s).
    """
    if state.src[state.pos] != ":" or state.pending.endswith(("mailto", "xmpp")):
        return False
    before = state.pending[-5:].lower()
    scheme = next((s for s in WEB_SCHEMES if before.endswith(s)), "")
    start = state.pos - len(scheme)
    web = bool(scheme) and state.src.startswith("://", state.pos)
    host = web and HOST_START.match(state.src, state.pos + 3)
    if host and state.linkLevel == 0 and links_after(state.src[start - 1 : start]):
        written = state.src[start : URL_END.search(state.src, state.pos, state.posMax).start()]
        # match_http knows http(s) in small letters alone; an ftp URL ends where the
        # same URL in http would.
        matched = match_http(("http" if scheme == "ftp" else scheme) + written[len(scheme) :])
        if matched and state.src[start : state.pos].lower() == scheme:
            if silent:
                return False  # skipping a link's text: step over it as the plugin does (#160)
            url = written[: matched[1] - (scheme == "ftp")]
            if not in_open_bracket(state, start) and push_link(state, url, len(scheme)):
                return True
    taken = "://" if web else ":"
    if not silent:
        state.pending += taken
    state.pos += len(taken)
    return True


def links_after(before: str) -> bool:
    """True if cmark-gfm links a scheme written after `before` (empty at a block's start):
    after a letter the scheme is part of a word (`xhttps://`)."""
    return not (before.isascii() and before.isalpha())


def push_link(state: StateInline, url: str, scheme_length: int) -> bool:
    """Make `url`, whose scheme is the last `scheme_length` characters of the pending
    text, a link whose text is the URL as written; False if Markdown may not link it."""
    href = state.md.normalizeLink(url)
    if not state.md.validateLink(href):
        return False
    state.pending = state.pending[:-scheme_length]
    offset = state.pos - scheme_length
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": href}
    token.markup, token.info = "autolink", "auto"
    token.meta["offset"] = offset  # where the scheme starts, not the colon
    token = state.push("text", "", 0)
    token.content = state.md.normalizeLinkText(url)
    token = state.push("link_close", "a", -1)
    token.markup, token.info = "autolink", "auto"
    state.pos = offset + len(url)
    return True
