"""Settings for `make publish`: only what differs from pelicanconf.py."""

import os
import sys
from pathlib import Path

# Import pelicanconf from beside this file, whatever the working directory.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F403

# The course is served under a sub-path; root-absolute links written by authors
# (/images/c4.png) are rewritten by the rootlinks plugin to stay inside it.
# `SITEURL=https://me.github.io/course make publish` publishes for another address (the
# publishing workflow passes the address GitHub Pages gives it).
SITEURL = os.environ.get("SITEURL", "https://example.github.io/llm-course").rstrip("/")
if not SITEURL:
    sys.exit("publishconf.py: SITEURL is empty: give the address the course is served at")
RELATIVE_URLS = False
# A published site is rendered whole, never linked from an earlier build.
REUSE_UNCHANGED_PAGES = False

# The published folder must stand alone: real files, no links into content/.
STATIC_CREATE_LINKS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
