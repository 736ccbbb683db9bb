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
    save_as = getattr(content, "save_as", None)  # a property Pelican formats on every read
    if not save_as:
        return
    settings = content.settings
    content._content = rewrite_root_links(
        content._content,
        page_path=save_as,
        site_url=None if settings.get("RELATIVE_URLS") else settings.get("SITEURL", ""),
    )


def register() -> None:
    signals.content_object_init.connect(rewrite_content)
