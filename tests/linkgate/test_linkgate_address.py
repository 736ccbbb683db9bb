"""Pure URL resolution: a URL found in a page, in; the site file it means (or why not), out."""

import pytest
from linkgate.address import SiteAddress, resolve_url

LOCAL = SiteAddress()
UNDER_PATH = SiteAddress.from_site_url("https://example.github.io/llm-course")


@pytest.mark.parametrize(
    ("url", "page", "site", "path", "fragment"),
    [
        ("chapter5.html", "chapter4.html", LOCAL, "chapter5.html", ""),
        ("chapter5.html#agents", "chapter4.html", LOCAL, "chapter5.html", "agents"),
        ("../index.html", "guide/one.html", LOCAL, "index.html", ""),
        ("./two.html", "guide/one.html", LOCAL, "guide/two.html", ""),
        ("/images/c4.png", "guide/one.html", LOCAL, "images/c4.png", ""),
        ("guide/", "index.html", LOCAL, "guide/index.html", ""),
        ("/", "guide/one.html", LOCAL, "index.html", ""),
        ("caf%C3%A9.html", "index.html", LOCAL, "café.html", ""),
        ("café.html", "index.html", LOCAL, "café.html", ""),
        ("a%20b.png", "index.html", LOCAL, "a b.png", ""),
        ("page.html?x=1#f", "index.html", LOCAL, "page.html", "f"),
        ("#caf%C3%A9", "index.html", LOCAL, "index.html", "café"),
        ("#top", "guide/one.html", LOCAL, "guide/one.html", "top"),
        ("", "guide/one.html", LOCAL, "guide/one.html", ""),
        ("?q=1", "guide/one.html", LOCAL, "guide/one.html", ""),
        ("/llm-course/images/c4.png", "index.html", UNDER_PATH, "images/c4.png", ""),
        ("/llm-course/", "a/b.html", UNDER_PATH, "index.html", ""),
        ("https://example.github.io/llm-course/c.html#x", "a.html", UNDER_PATH, "c.html", "x"),
        ("//example.github.io/llm-course/c.html", "a.html", UNDER_PATH, "c.html", ""),
        ("Chapter5.html", "index.html", LOCAL, "Chapter5.html", ""),
    ],
)
def test_local_urls_resolve_to_the_site_file_they_mean(url, page, site, path, fragment):
    resolution = resolve_url(url, page, site)
    assert (resolution.outcome, resolution.path, resolution.fragment) == ("local", path, fragment)


@pytest.mark.parametrize(
    ("url", "page", "site", "reason"),
    [
        ("../outside.html", "index.html", LOCAL, "outside the site root"),
        ("../../etc/passwd", "guide/one.html", LOCAL, "outside the site root"),
        ("/images/c4.png", "index.html", UNDER_PATH, "outside the site root"),
        ("{filename}chapter9.md", "index.html", LOCAL, "Pelican placeholder"),
        ("%7Bstatic%7D/images/x.png", "index.html", LOCAL, "Pelican placeholder"),
        ("{attach}x.pdf", "index.html", LOCAL, "Pelican placeholder"),
    ],
)
def test_urls_broken_on_their_face(url, page, site, reason):
    resolution = resolve_url(url, page, site)
    assert resolution.outcome == "broken"
    assert resolution.reason.startswith(reason)


@pytest.mark.parametrize(
    ("url", "site", "outcome"),
    [
        ("mailto:team@example.org", LOCAL, "skip"),
        ("tel:+331234", LOCAL, "skip"),
        ("javascript:void(0)", LOCAL, "skip"),
        ("data:image/png;base64,AAAA", LOCAL, "skip"),
        ("https://example.org/x", LOCAL, "external"),
        ("http://example.org/x", UNDER_PATH, "external"),
        ("https://example.github.io/other-site/x.html", UNDER_PATH, "external"),
        ("//cdn.example.org/x.js", LOCAL, "external"),
    ],
)
def test_urls_that_are_not_site_files(url, site, outcome):
    assert resolve_url(url, "index.html", site).outcome == outcome


@pytest.mark.parametrize(
    ("base", "url", "path"),
    [
        ("guide/", "one.html", "guide/one.html"),
        ("/guide/", "one.html", "guide/one.html"),
        ("guide/index.html", "#x", "guide/index.html"),
        ("/guide/", "#x", "guide/index.html"),
    ],
)
def test_base_href_changes_what_relative_urls_mean(base, url, path):
    assert resolve_url(url, "index.html", LOCAL, base=base).path == path
