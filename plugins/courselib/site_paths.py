"""Where the site keeps what it writes besides pages: one place names those folders.

The plugins that write them and the check that no page takes their addresses
(author_errors) read the names here.
"""

CARDS_FOLDER = "social"  # the social cards, one a page (course_sharing)
SEARCH_FOLDER = "pagefind"  # the search index (search)


def card_site_path(slug: str) -> str:
    """Return the site path of a page's social card."""
    return f"{CARDS_FOLDER}/{slug}.png"


def search_folder(settings: dict) -> str | None:
    """Return the folder of the search index, or None when search is off (SEARCH_ENABLED)."""
    return SEARCH_FOLDER if settings.get("SEARCH_ENABLED", True) is True else None
