"""Root-absolute links written by authors (`/images/c4.png`) keep working under any SITEURL.

Pelican leaves such links untouched, so under a site published at a sub-path
(`https://x.github.io/course`) they would point outside the site. This plugin
rewrites them in every chapter and page body when the content object is made.
"""

from pelican import signals

from .rewrite import rewrite_root_links


def rewrite_content(content) -> None:
    """Rewrite the root-absolute URLs of one article or page body."""
    if not getattr(content, "_content", None):
        return
    # A property Pelican formats on every read. The course README has no file of its own
    # (save_as is empty): it is shown on the home page, at its URL.
    page_path = getattr(content, "save_as", None) or getattr(content, "url", None)
    if not page_path:
        return
    settings = content.settings
    content._content = rewrite_root_links(
        content._content,
        page_path=page_path,
        site_url=None if settings.get("RELATIVE_URLS") else settings.get("SITEURL", ""),
    )


def register() -> None:
    signals.content_object_init.connect(rewrite_content)
