"""What several of our plugins share: one library, no Pelican wiring.

Pelican puts no folder on sys.path for its plugins (it finds each in PLUGIN_PATHS),
so the library is listed first in PLUGINS: Pelican then loads it as it loads a
plugin, and every plugin after it can `import courselib`. It registers nothing.
"""


def register() -> None:
    """Connect nothing: the library is only loaded, before the plugins that import it."""
