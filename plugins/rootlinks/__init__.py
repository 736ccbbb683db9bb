"""Root-absolute links written by authors (`/images/c4.png`) keep working under any SITEURL.

Pelican leaves such links untouched, so under a site published at a sub-path
(`https://x.github.io/course`) they would point outside the site. This plugin
rewrites them in every chapter and page body when the content object is made.
What it did to each page is kept between builds (courselib's page rewrites) and done
again only when the page's HTML, where it is served, the settings or this code changed.
"""

import sys
from pathlib import Path

from courselib.cached_products.page_rewrites import (
    RewritesOfEachBuild,
    apply_edits,
    are_edits,
    page_key,
)
from courselib.paths import root_of_links
from pelican import signals

from .rewrite import root_link_edits

# Each build's rewrites of each page, kept for the next.
_rewrites = RewritesOfEachBuild("rootlinks", [Path(__file__).parent])


def is_kept_rewrite(value: object) -> bool:
    """True for a page's rewrite as `rewrite_content` keeps it: two passes of edits."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(are_edits(edits, sys.maxsize) for edits in value)
    )


def rewrite_content(content) -> None:
    """Rewrite the root-absolute URLs of one article or page body."""
    body = getattr(content, "_content", None)
    if not body:
        return
    # A property Pelican formats on every read. The course README has no file of its own
    # (save_as is empty): it is shown on the home page, at its URL.
    page_path = getattr(content, "save_as", None) or getattr(content, "url", None)
    if not page_path:
        return
    settings = content.settings
    site_url = root_of_links(settings)
    rewrites = _rewrites.of_build(settings)
    page = str(getattr(content, "source_path", None) or page_path)
    key = page_key(body, page_path, "relative" if site_url is None else "site " + site_url)
    kept = rewrites.earlier_value(page, key, is_kept_rewrite)
    if isinstance(kept, list) and are_edits(kept[0], len(body)):
        halfway = apply_edits(body, kept[0])
        if are_edits(kept[1], len(halfway)):
            content._content = apply_edits(halfway, kept[1])
            return
    url_edits, srcset_edits, content._content = root_link_edits(body, page_path, site_url)
    kept_edits = [[list(edit) for edit in edits] for edits in (url_edits, srcset_edits)]
    rewrites.keep(page, key, kept_edits)


def register() -> None:
    signals.initialized.connect(_rewrites.forget)
    signals.content_object_init.connect(rewrite_content)
    signals.all_generators_finalized.connect(_rewrites.save)
