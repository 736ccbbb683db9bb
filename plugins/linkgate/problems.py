"""What the gate reports: one problem with a link, image or anchor, and where it was written."""

from dataclasses import dataclass, field, replace

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One broken link, anchor or image, found in an output page (or CSS file).

    `page` is the output file relative to the site folder and `target` the URL
    as it appears there. `file`, `line` and `column` say where an author can fix
    it: the Markdown source when the link was written in a chapter, else the
    output page itself; `template` names the theme template for theme markup.
    """

    page: str
    target: str
    kind: str  # "link", "anchor", "image", "alt", "external", or "file" (the file itself)
    reason: str
    suggestion: str | None = None
    severity: str = ERROR
    file: str | None = None
    line: int | None = None
    column: int | None = None
    template: str | None = None
    written: str | None = field(default=None)  # the URL as the author wrote it, if it differs
    in_theme: bool = False  # found in a page built from Markdown, but not in the Markdown

    @property
    def is_error(self) -> bool:
        """True when this problem fails the build (warnings do not)."""
        return self.severity == ERROR

    def located(self, file: str, line: int | None, column: int | None, **more) -> "Problem":
        """Return this problem pointed at `file:line:column`."""
        return replace(self, file=file, line=line, column=column, **more)

    def message(self) -> str:
        """The sentence shown to an author, without the location."""
        url = self.written or self.target
        if self.kind == "alt":
            return f"image '{url}' has no alt text: describe it in the tag, alt=\"...\""
        if self.kind == "file":
            return self.reason
        label = {"external": "broken external link"}.get(self.kind, f"broken {self.kind}")
        text = f"{label} '{url}': {self.reason}"
        if self.suggestion:
            text += f" (did you mean '{self.suggestion}'?)"
        if self.template:
            text += f" [in theme markup, page template {self.template}]"
        elif self.in_theme:
            text += " [in theme markup]"
        return text
