"""Pages safe to open: a strict Content-Security-Policy, and new-tab links that cannot reach back.

The policy (courselib.csp) allows only the site's own scripts, styles and images, no
inline script, unless CSP_ALLOW widens where embeds, images, media and fonts may come
from; base.html writes it into every page as CONTENT_SECURITY_POLICY.
"""

import logging

from courselib.csp import PolicyError, page_policy, read_allowances
from pelican import signals

from .links import protect_new_tab_links

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
    """Add rel="noopener noreferrer" to the new-tab links of one chapter or page body."""
    if getattr(content, "_content", None):
        content._content = protect_new_tab_links(content._content)


def register() -> None:
    signals.generator_init.connect(add_policy)
    signals.content_object_init.connect(protect_content)
