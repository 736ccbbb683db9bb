"""Pages safe to open: a strict Content-Security-Policy, new-tab links that cannot reach back,
and no inline style for the policy to refuse (styles.py).

The policy (courselib.csp) allows only the site's own scripts, styles and images, no
inline script, unless CSP_ALLOW widens where embeds, images, media and fonts may come
from; base.html writes it into every page as CONTENT_SECURITY_POLICY.
"""

import logging

from courselib.csp import PolicyError, page_policy, read_allowances
from pelican import signals

from .links import protect_new_tab_links
from .styles import without_inline_styles

logger = logging.getLogger(__name__)


def add_policy(generator) -> None:
    """Give every template the page policy, widened by CSP_ALLOW (a bad setting is named)."""
    try:
        allowances = read_allowances(generator.settings.get("CSP_ALLOW"))
    except PolicyError as problem:
        if "CONTENT_SECURITY_POLICY" not in generator.context:  # said once, not per generator
            logger.error("pelicanconf: %s", problem)
        allowances = {}
    generator.context["CONTENT_SECURITY_POLICY"] = page_policy(allowances)


def protect_content(content) -> None:
    """Add rel="noopener noreferrer" to the new-tab links of one chapter or page body, and
    leave out its inline styles."""
    if getattr(content, "_content", None):
        content._content = without_inline_styles(protect_new_tab_links(content._content))


def register() -> None:
    signals.generator_init.connect(add_policy)
    signals.content_object_init.connect(protect_content)
