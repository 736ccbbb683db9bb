"""Chapter bodies safe to open: links to a new tab cannot reach back to the course page.

The rest of the page's safety is in the theme: a Content-Security-Policy meta in
base.html allows only the site's own scripts, styles and images (no inline script).
"""

from pelican import signals

from .links import protect_new_tab_links


def protect_content(content) -> None:
    """Add rel="noopener noreferrer" to the new-tab links of one chapter or page body."""
    if getattr(content, "_content", None):
        content._content = protect_new_tab_links(content._content)


def register() -> None:
    signals.content_object_init.connect(protect_content)
