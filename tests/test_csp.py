"""The pages' Content-Security-Policy: CSP_ALLOW read and merged, and CSP's source matching."""

import pytest
from conftest import chapter
from courselib.csp import PolicyError, allows, page_policy, parse_policy, read_allowances

STRICT = (
    "default-src 'self'; base-uri 'self'; form-action 'self'; script-src 'self'"
    " 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"
)


def test_the_default_policy_is_strict():
    assert page_policy({}) == STRICT


def test_allowances_widen_only_their_directive():
    policy = page_policy(
        read_allowances({"frame-src": ["https://www.youtube-nocookie.com"], "img-src": ["https:"]})
    )
    directives = parse_policy(policy)
    assert directives["frame-src"] == ("'self'", "https://www.youtube-nocookie.com")
    assert directives["img-src"] == ("'self'", "data:", "https:")
    assert directives["script-src"] == ("'self'", "'wasm-unsafe-eval'")


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        (["https:"], "CSP_ALLOW must be a dict"),
        ({"script-src": ["https://cdn.example.org"]}, "CSP_ALLOW['script-src']: only"),
        ({"default-src": ["*"]}, "CSP_ALLOW['default-src']: only"),
        ({"img-src": "https:"}, "CSP_ALLOW['img-src'] must be a list"),
        ({"img-src": ["'unsafe-inline'"]}, "is not a source"),
        ({"frame-src": ['https://x.org/"><script>']}, "is not a source"),
        ({"frame-src": ["https://x.org; script-src *"]}, "is not a source"),
    ],
)
def test_a_bad_allowance_is_named(setting, named):
    with pytest.raises(PolicyError, match=named.replace("[", r"\[").replace("]", r"\]")):
        read_allowances(setting)


PAGE = "https://course.example.org/unit/index.html"
VIDEOS = "https://www.youtube-nocookie.com"


@pytest.mark.parametrize(
    ("policy", "directive", "url", "allowed"),
    [
        (STRICT, "img-src", "https://course.example.org/images/x.png", True),  # 'self'
        (STRICT, "img-src", "https://cdn.example.org/x.png", False),
        (STRICT, "img-src", "https://course.example.org:443/images/x.png", True),  # its port
        (STRICT, "img-src", "https://course.example.org:8443/images/x.png", False),
        (STRICT, "img-src", "data:image/png;base64,AAAA", True),
        (STRICT, "frame-src", "https://www.youtube-nocookie.com/embed/x", False),  # default-src
        (STRICT, "media-src", "https://cdn.example.org/v.mp4", False),
        ("img-src https:", "img-src", "https://any.example.org/x.png", True),
        ("img-src https:", "img-src", "http://any.example.org/x.png", False),
        ("img-src http:", "img-src", "https://any.example.org/x.png", True),  # upgrade
        (f"frame-src {VIDEOS}", "frame-src", f"{VIDEOS}/embed/x", True),
        (f"frame-src {VIDEOS}", "frame-src", "https://www.youtube.com/embed/x", False),
        ("frame-src *.example.org", "frame-src", "https://a.example.org/x", True),
        ("frame-src *.example.org", "frame-src", "https://example.org/x", False),
        ("child-src https://a.org", "frame-src", "https://a.org/x", True),  # the fallback
        ("img-src https://a.org/pics/", "img-src", "https://a.org/pics/x.png", True),
        ("img-src https://a.org/pics/", "img-src", "https://a.org/other/x.png", False),
        ("img-src https://a.org:8443", "img-src", "https://a.org/x.png", False),
        ("img-src https://a.org", "img-src", "https://a.org:8443/x.png", False),  # 443 only
        ("img-src http://a.org", "img-src", "https://a.org/x.png", True),  # upgraded to 443
        ("img-src https://a.org", "img-src", "https://a.org:443/x.png", True),
        ("img-src *", "img-src", "data:image/png;base64,AAAA", False),
        ("script-src 'self'", "img-src", "https://a.org/x.png", True),  # nothing governs it
    ],
)  # fmt: skip
def test_sources_match_as_csp_level_3_says(policy, directive, url, allowed):
    assert allows(parse_policy(policy), directive, url, PAGE) is allowed


def test_every_page_carries_the_widened_policy(build_site):
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1")},
        extra_settings={"CSP_ALLOW": {"frame-src": ["https://www.youtube-nocookie.com"]}},
    )
    assert build.exit_code == 0, build.log
    for page in ("index.html", "chapter1.html", "404.html"):
        assert "frame-src 'self' https://www.youtube-nocookie.com" in build.page(page)


def test_a_bad_csp_allow_fails_the_build_naming_it(build_site):
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1")},
        extra_settings={"CSP_ALLOW": {"script-src": ["https://cdn.example.org"]}},
    )
    assert build.exit_code != 0
    assert build.log.count("pelicanconf: CSP_ALLOW['script-src']: only") == 1, build.log
