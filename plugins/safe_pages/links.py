"""Links that open a new tab get rel="noopener noreferrer", so the opened page cannot reach back."""

import re

ANCHOR = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
NEW_TAB = re.compile(r"""\starget\s*=\s*(?:"_blank"|'_blank'|_blank(?=[\s>]))""", re.IGNORECASE)
REL = re.compile(r"""(?P<before>\srel\s*=\s*)(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.I)
SAFE_REL = ("noopener", "noreferrer")


def protect_new_tab_links(html: str) -> str:
    """Return `html` with rel="noopener noreferrer" on every `<a target="_blank">`."""

    def one_anchor(match: re.Match) -> str:
        tag = match.group(0)
        if not NEW_TAB.search(tag):
            return tag
        rel = REL.search(tag)
        if rel is None:
            end = -2 if tag.endswith("/>") else -1
            return f'{tag[:end]} rel="noopener noreferrer"{tag[end:]}'
        words = (rel.group("double") or rel.group("single") or "").split()
        words += [word for word in SAFE_REL if word not in {w.lower() for w in words}]
        return tag[: rel.start()] + f'{rel.group("before")}"{" ".join(words)}"' + tag[rel.end() :]

    return ANCHOR.sub(one_anchor, html)
