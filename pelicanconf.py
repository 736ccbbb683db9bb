"""Settings for local builds: `make html`, `make serve`, `make devserver`."""

AUTHOR = "Course team"
SITENAME = "LLM Course"
SITESUBTITLE = "From language models to multimodal systems and agents"
SITEURL = ""
# Relative links: output/ works from any folder, even opened as files.
RELATIVE_URLS = True

PATH = "content"
STATIC_PATHS = ["images"]
# Hidden files and folders are not the course (a repository's `.github/` issue templates,
# `.DS_Store`). Pelican's default, "**/.*", is matched against bare names and so ignores none.
IGNORE_FILES = [".*"]
# Chapters are Markdown. An HTML file in content/ (a demo beside a lesson) is a file,
# published as it is where a chapter links to it, never read as a page of Pelican's own;
# so is reStructuredText (a Jupyter Book's `.rst` page, a repository's CHANGES.rst), which
# Pelican's reader failed the build on for want of its `:date:` field.
READERS = {"html": None, "htm": None, "rst": None}
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %B %Y"

THEME = "themes/course"
THEME_STATIC_DIR = "theme"

# Every chapter is a Pelican article served beside the home page, so the
# seed chapter's relative link `chapter5.html` means its sibling page.
ARTICLE_URL = "{slug}.html"
ARTICLE_SAVE_AS = "{slug}.html"
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = "{slug}.html"
# A course has no tag, author, category or archive listings.
# The home page (index.html) is written by the chapters plugin: the course README, then
# the syllabus.
DIRECT_TEMPLATES = ["404"]
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
DEFAULT_PAGINATION = False

# Feeds only in publishing builds (publishconf.py), where SITEURL is known.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# A deleted chapter's old page must not survive in output/.
DELETE_OUTPUT_DIRECTORY = True

# Rebuilds reuse parsed Markdown from cache/ (the content_cache plugin empties it
# whenever the settings change, which Pelican alone would not notice).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
GZIP_CACHE = False  # compressing the cache cost more time than reading it saved
# Local builds hard-link images into output/ instead of copying them (Pelican
# falls back to symlinks across file systems); publishconf.py copies real files.
STATIC_CREATE_LINKS = True

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "courselib",  # first: the library the plugins import (it connects nothing)
    "source_paths",  # Pelican's path of each file from content/, worked out once a file
    "log_lines",  # next: every message after it is one line, shown and never obeyed
    "author_errors",  # checks content/ before anything reads it
    "course_markdown",  # reads .md chapters: CommonMark, GitHub's extras, math
    "staged_build",  # refuses unsafe output folders
    "content_cache",
    "course_images",  # before rootlinks: reads image URLs as authors wrote them
    "rootlinks",
    "safe_pages",
    "chapters",
    "contents",
    "course_sharing",  # after chapters: draws a card per syllabus entry
    "unchanged_pages",  # links chapter pages whose inputs did not change from the last build
    # These run on `finalized`, on the written site, in this order:
    "math_font",  # before theme_assets (trims its stylesheet), search and linkgate
    "scheme_images",  # after math_font (rewrites the stylesheet's end), before theme_assets
    "theme_assets",
    "search",
    "linkgate",  # last: checks the site once every other plugin has written it
]

# The course outline: chapters announced but not written yet. Each gets a
# "coming soon" page at its URL and a place in the syllabus and navigation;
# writing content/chapter5.md later replaces it with no other change.
UPCOMING_CHAPTERS = [
    {"number": 5, "title": "Agents"},
]

# Autoescape everything; templates mark only the rendered chapter body as safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
