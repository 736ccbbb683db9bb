"""Cover images for chapters: a 1200x630 PNG drawn with Pillow from the chapter's number and title.

Run `make covers` (python -m chapter_covers content) to (re)draw them into
content/images/c<N>.png. Only images this tool drew are ever replaced.
"""
