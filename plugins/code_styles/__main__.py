"""`python -m code_styles [course.css]`: rewrite the theme's generated code-colour block."""

import sys
from pathlib import Path

from . import code_colours_css, low_contrast_tokens, replace_block

DEFAULT_STYLESHEET = Path("themes/course/static/css/course.css")


def main(argv: list[str]) -> int:
    stylesheet = Path(argv[0]) if argv else DEFAULT_STYLESHEET
    for scheme, token, colour, ratio in low_contrast_tokens():
        print(f"{stylesheet}: {scheme} {token} {colour} has contrast {ratio}, below 4.5")
    text = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(replace_block(text, code_colours_css()), encoding="utf-8")
    print(f"{stylesheet}: code colours written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
