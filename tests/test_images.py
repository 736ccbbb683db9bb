"""Content images: width/height, lazy but the first, WebP variants made once, originals kept."""

import io
import os
import re
import zlib

import pytest
from conftest import PROJECT_ROOT, chapter, run_pelican
from course_images.locate import PageImages, site_path_of
from course_images.variants import Variant, write_variants
from courselib.cached_products.image_index import ImageIndex
from PIL import Image


def png(width: int, height: int, colour: str = "navy") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def img_tags(html: str) -> list[str]:
    return re.findall(r"<img\b[^>]*>", html)


def shown_alone(name: str, image: bytes) -> dict[str, str | bytes]:
    """A course of one chapter showing one image, `images/<name>`."""
    return {
        "chapter1.md": chapter("Images", "chapter1", body=f"![Image](/images/{name})"),
        f"images/{name}": image,
    }


def blank_png(width: int, height: int) -> bytes:
    """A PNG of one bit a pixel: a big image in few bytes."""
    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, format="PNG")
    return buffer.getvalue()


def test_seed_cover_gets_size_and_a_webp_srcset(seed_site):
    (tag,) = img_tags(seed_site.page("chapter4.html"))
    assert 'width="1200" height="630"' in tag
    assert 'loading="lazy"' not in tag  # the first image is the one students see first
    assert (
        'srcset="images/c4.png-480w.webp 480w, images/c4.png-800w.webp 800w,'
        ' images/c4.png-1200w.webp 1200w"' in tag
    )
    for width in (480, 800, 1200):
        with Image.open(seed_site.output / "images" / f"c4.png-{width}w.webp") as variant:
            assert (variant.format, variant.width) == ("WEBP", width)
    original = (PROJECT_ROOT / "content" / "images" / "c4.png").read_bytes()
    assert (seed_site.output / "images" / "c4.png").read_bytes() == original


def test_images_after_the_first_load_lazily_and_unmanaged_images_are_left_as_written(build_site):
    body = "\n\n".join(
        [
            "![First](/images/big.png)",
            "![Second](images/big.png)",
            "![Static]({static}/images/small.png)",
            '<img src="/images/big.png" alt="Sized by author" width="300">',
            "![Remote](https://example.org/x.png)",
            "![Vector](/images/logo.svg)",
        ]
    )
    build = build_site(
        {
            "chapter1.md": chapter("Images", "chapter1", body=body),
            "images/big.png": png(1600, 800),
            "images/small.png": png(300, 200),
            "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
        },
        fatal=False,
    )
    tags = img_tags(build.page("chapter1.html"))
    assert len(tags) == 6
    first, second, static, author_sized, remote, vector = tags
    assert 'width="1600" height="800"' in first and "loading" not in first
    assert 'loading="lazy"' in second and 'width="1600"' in second
    big_srcset = (
        'srcset="images/big.png-480w.webp 480w, images/big.png-800w.webp 800w, '
        'images/big.png-1200w.webp 1200w, images/big.png-1600w.webp 1600w"'
    )
    assert big_srcset in first and big_srcset in second
    assert (
        'srcset="images/small.png-300w.webp 300w"' in static
        and 'width="300" height="200"' in static
    )
    # A width alone keeps its shape: the height that reserves the room (mlops-zoomcamp).
    assert 'width="300" height="150"' in author_sized
    assert remote == '<img alt="Remote" src="https://example.org/x.png">'
    assert vector == '<img alt="Vector" src="images/logo.svg">'
    assert (build.output / "images" / "big.png-1600w.webp").is_file()


def test_an_image_given_only_its_height_is_drawn_at_that_height(build_site):
    # generative-ai-with-javascript's logo, `<img src="logo.png" height="128">`: GitHub draws
    # it 128 px high; our `height: auto` and the srcset's `sizes` drew it the column's width.
    body = (
        '<img src="/images/logo.png" alt="Logo" height="128">\n\n'
        "<img src=/images/logo.png alt=Small height=64>"
    )
    build = build_site(
        {"chapter1.md": chapter("Images", "chapter1", body=body), "images/logo.png": png(512, 256)}
    )
    assert build.exit_code == 0, build.log
    logo, small = img_tags(build.page("chapter1.html"))
    assert 'height="128"' in logo and 'width="256"' in logo
    assert 'height="64"' in small and 'width="128"' in small


def test_an_image_its_author_made_small_asks_for_a_small_variant(build_site):
    # LLMs-from-scratch shows thumbnails as `<img width="75">`: their srcset's `sizes` was
    # the column's width, so a phone fetched a variant several times what it drew.
    body = (
        '<img src="/images/big.png" alt="Thumb" width="75">\n\n'
        '<img src="/images/big.png" alt="Logo" height="100">\n\n![Full](/images/big.png)\n\n'
        # As a browser reads a length: its first number (devops-exercises writes
        # `width="75px;"` on 52 lines, zoomcamp `height="64px;"` and `16em`).
        '<img src="/images/big.png" alt="Icon" width="75px;">\n\n'
        '<img src="/images/big.png" alt="Badge" height="16em">\n\n'
        '<img src="/images/big.png" alt="Half" width="50%">'
    )
    build = build_site(
        {"chapter1.md": chapter("Images", "chapter1", body=body), "images/big.png": png(1600, 800)}
    )
    assert build.exit_code == 0, build.log
    thumb, logo, full, icon, badge, half = img_tags(build.page("chapter1.html"))
    assert 'sizes="75px"' in thumb and 'sizes="200px"' in logo
    assert 'width="75" height="38"' in thumb
    assert 'height="' not in half  # a percentage of the column: no height can be worked out
    assert 'sizes="(min-width: 60rem) 42rem, calc(100vw - 2rem)"' in full
    assert 'sizes="75px"' in icon and 'width="32"' in badge and 'sizes="32px"' in badge
    assert 'sizes="(min-width: 60rem) 42rem, calc(100vw - 2rem)"' in half


def test_an_animated_gif_is_sized_but_keeps_its_frames(build_site):
    # ML- and Web-Dev-For-Beginners show demos as GIFs: they had no width and height, and
    # the page moved as each loaded. A WebP made of them would stop them: they get none.
    frames = [Image.new("RGB", (640, 360), colour) for colour in ("navy", "teal")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], loop=0)
    body = "![Demo](/images/demo.gif)"
    build = build_site(
        {
            "chapter1.md": chapter("Images", "chapter1", body=body),
            "images/demo.gif": buffer.getvalue(),
        }
    )
    assert build.exit_code == 0, build.log
    (demo,) = img_tags(build.page("chapter1.html"))
    assert 'width="640"' in demo and 'height="360"' in demo
    assert "srcset" not in demo
    assert not list((build.output / "images").glob("demo.gif-*"))


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_an_animated_png_or_webp_keeps_its_frames(build_site, image_format):
    # They got WebP variants made of their first frame, which the browser picked: stopped.
    frames = [Image.new("RGB", (640, 360), colour) for colour in ("navy", "teal")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format=image_format, save_all=True, append_images=frames[1:])
    name = f"demo.{image_format.lower()}"
    build = build_site(shown_alone(name, buffer.getvalue()))
    assert build.exit_code == 0, build.log
    (demo,) = img_tags(build.page("chapter1.html"))
    assert 'width="640"' in demo and 'height="360"' in demo
    assert "srcset" not in demo
    assert not list((build.output / "images").glob(f"{name}-*"))


def test_a_camera_jpeg_with_a_preview_inside_keeps_its_variants(build_site):
    # A JPEG holding a second image (MPO: a camera's large preview, a gain map) has two
    # "frames" to Pillow; counting them as an animation took its WebP copies away.
    photo, preview = Image.new("RGB", (900, 600), "navy"), Image.new("RGB", (900, 600), "teal")
    buffer = io.BytesIO()
    photo.save(buffer, format="MPO", save_all=True, append_images=[preview])
    build = build_site(shown_alone("camera.jpg", buffer.getvalue()))
    assert build.exit_code == 0, build.log
    (image,) = img_tags(build.page("chapter1.html"))
    assert 'width="900" height="600"' in image and "camera.jpg-480w.webp 480w" in image


def exif_spliced(image: bytes, exif: bytes) -> bytes:
    """Return a JPEG with `exif` as its APP1 segment, right after its start."""
    segment = b"Exif\x00\x00" + exif
    return image[:2] + b"\xff\xe1" + (len(segment) + 2).to_bytes(2, "big") + segment + image[2:]


def png_with_exif_chunk(image: bytes, exif: bytes) -> bytes:
    """Return a PNG with `exif` as its eXIf chunk, before its pixels."""
    at = image.index(b"IDAT") - 4
    chunk = b"eXIf" + exif
    crc = zlib.crc32(chunk).to_bytes(4, "big")
    return image[:at] + len(exif).to_bytes(4, "big") + chunk + crc + image[at:]


def test_an_image_whose_exif_does_not_read_is_shown_as_it_is_without_a_word(build_site):
    # EXIF that is garbage (in a PNG's eXIf chunk) made the image "damaged" and failed the
    # build; EXIF cut short (in a JPEG) printed Pillow's warning at each variant.
    jpeg = io.BytesIO()
    Image.new("RGB", (900, 600), "navy").save(jpeg, format="JPEG")
    files = {
        "chapter1.md": chapter(
            "Images", "chapter1", body="![A](/images/a.png) ![B](/images/b.jpg)"
        ),
        "images/a.png": png_with_exif_chunk(png(900, 600), b"garbage!garbage!"),
        "images/b.jpg": exif_spliced(jpeg.getvalue(), b"II*\x00\x08\x00\x00\x00\x05\x00\x12\x01"),
    }
    build = build_site(files)
    assert build.exit_code == 0, build.log
    assert "Warning" not in build.log and "damaged" not in build.log, build.log
    for image in img_tags(build.page("chapter1.html")):
        assert 'width="900" height="600"' in image and "-480w.webp 480w" in image


def test_a_phone_photo_is_shown_upright_in_its_variants_and_its_size(build_site):
    # A photo stored landscape with EXIF "turn a quarter" (orientation 6): the page said
    # 1600 x 1200 and every WebP variant was landscape with no EXIF, so shown on its side.
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "white").save(buffer, format="JPEG", exif=exif.tobytes())
    build = build_site(shown_alone("phone.jpg", buffer.getvalue()))
    assert build.exit_code == 0, build.log
    (photo,) = img_tags(build.page("chapter1.html"))
    assert 'width="1200" height="1600"' in photo
    assert "phone.jpg-1200w.webp 1200w" in photo and "1600w" not in photo
    for width in (480, 800, 1200):
        with Image.open(build.output / "images" / f"phone.jpg-{width}w.webp") as variant:
            assert variant.size == (width, round(width * 4 / 3))


def exif_with_orientation(orientation: int, broken_tag: bool = False) -> bytes:
    """Return little-endian EXIF giving `orientation`, and with `broken_tag` an XResolution
    of -1/0, which Pillow reads but cannot write back (its exif_transpose then fails)."""
    entries = [(0x0112, 3, 1, orientation.to_bytes(2, "little") + b"\x00\x00")]
    if broken_tag:
        entries.append((0x011A, 10, 1, (8 + 2 + 12 * 2 + 4).to_bytes(4, "little")))
    ifd = len(entries).to_bytes(2, "little") + b"".join(
        tag.to_bytes(2, "little") + kind.to_bytes(2, "little") + count.to_bytes(4, "little") + value
        for tag, kind, count, value in entries
    )
    tail = (
        (-1).to_bytes(4, "little", signed=True) + (0).to_bytes(4, "little") if broken_tag else b""
    )
    return b"II*\x00" + (8).to_bytes(4, "little") + ifd + b"\x00\x00\x00\x00" + tail


@pytest.mark.parametrize(
    ("orientation", "broken_tag"), [*((n, False) for n in range(1, 9)), (6, True), (8, True)]
)
def test_each_exif_orientation_gives_copies_of_the_size_the_page_says(
    build_site, orientation, broken_tag
):
    # The page's size came from reading the EXIF, the copies from Pillow's exif_transpose,
    # which fails on a tag it cannot write back: the page said 1200x1600, the copy was
    # 1200x900, on its side.
    jpeg = io.BytesIO()
    Image.new("RGB", (1600, 1200), "navy").save(jpeg, format="JPEG")
    photo = exif_spliced(jpeg.getvalue(), exif_with_orientation(orientation, broken_tag))
    build = build_site(shown_alone("photo.jpg", photo))
    assert build.exit_code == 0, build.log
    (image,) = img_tags(build.page("chapter1.html"))
    width, height = (1200, 1600) if orientation >= 5 else (1600, 1200)
    assert f'width="{width}" height="{height}"' in image
    with Image.open(build.output / "images" / "photo.jpg-800w.webp") as copy:
        assert copy.size == (800, round(800 * height / width))


def test_an_image_with_a_name_too_long_for_its_variants_names_them_by_a_digest(build_site):
    # A legal name of 250 bytes made variant names of 260 (`-1200w.webp` added): the build
    # stopped with a traceback (OSError: File name too long).
    name = "x" * 246 + ".png"
    build = build_site(shown_alone(name, png(900, 600)))
    assert build.exit_code == 0, build.log
    (image,) = img_tags(build.page("chapter1.html"))
    candidates = re.search(r'srcset="([^"]+)"', image)[1].split(", ")
    assert [candidate.split(" ")[1] for candidate in candidates] == ["480w", "800w", "900w"]
    for candidate in candidates:
        url = candidate.split(" ")[0]
        assert re.fullmatch(r"images/[0-9a-f]{32}-\d+w\.webp", url), url
        with Image.open(build.output / url) as variant:
            assert variant.format == "WEBP"
    assert (build.output / "images" / name).read_bytes() == png(900, 600)


def test_a_big_image_gets_its_variants_without_a_word_from_pillow(build_site):
    # 90 megapixels (over Pillow's warning limit, under its refusal): encoding its variants
    # printed Pillow's DecompressionBombWarning and its source line, naming no file.
    build = build_site(shown_alone("scan.png", blank_png(9500, 9500)))
    assert build.exit_code == 0, build.log
    assert "Warning" not in build.log and "warnings.warn" not in build.log, build.log
    (image,) = img_tags(build.page("chapter1.html"))
    assert 'width="9500" height="9500"' in image and "scan.png-480w.webp 480w" in image


def test_an_image_too_big_to_decode_is_one_line_that_says_so(build_site):
    # 180 megapixels (a poster, a scan) was "a damaged image (... decompression bomb ...):
    # export it again"; a valid file exported again is refused again.
    build = build_site(shown_alone("poster.png", blank_png(15000, 12000)))
    assert build.exit_code != 0
    assert (
        "content/images/poster.png: too big to decode (180 megapixels; a build decodes 179 at"
        " most): export it smaller" in build.log
    ), build.log
    assert "damaged" not in build.log and "Traceback" not in build.log


def test_an_image_given_by_its_page_on_github_is_shown_from_its_file(build_site):
    # machine-learning-zoomcamp's home page shows three images so, as GitHub shows them:
    # each was a broken image, a browser given GitHub's HTML page for the file.
    page = "https://github.com/DataTalksClub/site/blob/main/images/overview.png"
    body = f'<img src="{page}" alt="Overview">\n\n![Certificate]({page.replace("png", "jpg")})'
    # Nor was its raw view (diffusion-models-class), which GitHub redirects to the file's
    # host: the policy the build advised (github.com) passed, and blocked the redirect.
    body += f"\n\n![Model]({page.replace('/blob/', '/raw/').replace('overview', 'model')})"
    build = build_site(
        {"chapter1.md": chapter("Images", "chapter1", body=body)},
        extra_settings={"CSP_ALLOW": {"img-src": ["https://raw.githubusercontent.com"]}},
    )
    assert build.exit_code == 0, build.log
    raw = "https://raw.githubusercontent.com/DataTalksClub/site/main/images/overview"
    overview, certificate, model = img_tags(build.page("chapter1.html"))
    assert f'src="{raw}.png"' in overview and f'src="{raw}.jpg"' in certificate
    assert f'src="{raw.replace("overview", "model")}.png"' in model


def test_an_image_given_by_its_page_on_github_is_reported_at_its_markdown_line(tmp_path):
    # Unallowed by the policy, it was reported in the page's theme markup (article.html).
    content = tmp_path / "content"
    content.mkdir()
    body = 'Text.\n\n<img src="https://github.com/other/proj/blob/main/logo.png" alt="Logo">'
    (content / "chapter1.md").write_text(chapter("Images", "chapter1", body=body))
    build = run_pelican(content, tmp_path / "output")
    assert build.exit_code != 0
    lines = [line for line in build.log.splitlines() if "logo.png" in line]
    assert len(lines) == 1 and "content/chapter1.md:" in lines[0], build.log
    assert "blocked by the page's Content-Security-Policy" in lines[0]
    assert "theme markup" not in build.log


def test_a_markdown_image_with_no_alt_text_is_a_warning_at_its_line_on_every_build(tmp_path):
    # A lesson of Microsoft's generative-ai-with-javascript has `<img ... alt="">` for its
    # logo; Pelican warned of it as "Empty alt attribute for image logo.png in /abs/x.md".
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "big.png").write_bytes(png(400, 200))
    decoration = "\n".join(f'<img src="/images/big.png?{n}" alt="">' for n in range(6))
    body = f"Text.\n\n![](/images/big.png)\n\n{decoration}\n"
    (content / "chapter1.md").write_text(chapter("Images", "chapter1", body=body))
    warning = (
        "content/chapter1.md:8:1: image '/images/big.png' has no alt text: describe it"
        " between the brackets, ![...](/images/big.png)"
    )
    for _ in range(2):  # the second build reads the chapter from Pelican's cache
        build = run_pelican(content, tmp_path / "output")
        assert build.exit_code == 0, build.log
        assert build.log.count("has no alt text") == 1 and warning in build.log, build.log
        assert "empty alt" not in build.log.lower()  # nor Pelican's "Other images have..."


def test_an_html_image_with_no_alt_attribute_is_told_how_to_give_one(build_site):
    # mlops-zoomcamp's 172 `<img src=...>` were told only "has no alt text".
    body = '<img src="/images/big.png">'
    build = build_site(
        {"chapter1.md": chapter("Images", "chapter1", body=body), "images/big.png": png(400, 200)}
    )
    assert build.exit_code == 0, build.log
    assert (
        "content/chapter1.md:6:1: warning: image '/images/big.png' has no alt text:"
        ' describe it in the tag, alt="..."'
    ) in build.log, build.log


def test_a_translation_is_warned_of_too(build_site):
    # A translation is in none of Pelican's lists, only in its original's `translations`.
    build = build_site(
        {
            "chapter1.md": chapter("Images", "chapter1", body="Text."),
            "chapter1-fr.md": chapter("Images", "chapter1", body="![](/images/big.png)", lang="fr"),
            "images/big.png": png(400, 200),
        }
    )
    assert build.exit_code == 0, build.log
    assert "content/chapter1-fr.md:7:1: image '/images/big.png' has no alt text" in build.log


def test_variants_are_encoded_once_and_again_when_the_image_changes(tmp_path):
    source = tmp_path / "content" / "images" / "photo.png"
    source.parent.mkdir(parents=True)
    source.write_bytes(png(1000, 500))
    variants = [Variant(source, width, f"images/photo-{width}w.webp") for width in (480, 800, 1000)]
    cache, output = tmp_path / "cache", tmp_path / "output"
    images = ImageIndex(cache / "image-index.json")
    assert write_variants(variants, cache, output, images) == 3
    assert write_variants(variants, cache, output, images) == 0
    assert sorted(path.name for path in (output / "images").iterdir()) == [
        "photo-1000w.webp",
        "photo-480w.webp",
        "photo-800w.webp",
    ]
    source.write_bytes(png(1000, 500, "red"))
    assert write_variants(variants, cache, output, images) == 3
    with Image.open(output / "images" / "photo-480w.webp") as variant:
        assert variant.getpixel((10, 10))[0] > 200  # red now


@pytest.mark.parametrize(
    ("src", "source_dir", "page", "expected"),
    [
        ("/images/a.png", "", "chapter1.html", "images/a.png"),
        ("images/a.png", "", "chapter1.html", "images/a.png"),
        ("images/a.png", "", "guide/one.html", "guide/images/a.png"),
        ("{static}/images/a.png", "part1", "one.html", "images/a.png"),
        ("{static}img/a.png", "part1", "one.html", "part1/img/a.png"),
        ("/images/a%20b.png?v=2#x", "", "c.html", "images/a b.png"),
        ("../../etc/passwd.png", "", "c.html", None),
        ("https://example.org/a.png", "", "c.html", None),
        ("data:image/png;base64,AAAA", "", "c.html", None),
        ("", "", "c.html", None),
    ],
)
def test_site_path_of(src, source_dir, page, expected):
    assert site_path_of(src, source_dir, page) == expected


def test_images_reached_through_links_are_found_and_indexed_by_their_real_file(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "a.png").write_bytes(png(30, 20))
    os.symlink("images", content / "pics")  # a folder link inside content/
    os.symlink("a.png", content / "images" / "alias.png")  # a file link
    (content / "real1").mkdir()
    (content / "real1" / "fig.png").write_bytes(png(12, 10))
    os.symlink("real1", content / "part1")
    index = ImageIndex(tmp_path / "image-index.json")
    page = PageImages(content.resolve(), content / "chapter1.md", "chapter1.html", index)
    for src in ("/images/a.png", "/pics/a.png", "/images/alias.png", "/pics/alias.png"):
        image = page.locate(src)
        assert (image.site_path, image.width, image.height) == (src[1:], 30, 20)
    assert list(index.known) == [os.path.realpath(content / "images" / "a.png")]
    # A chapter read through a folder link: {static} paths start from its real folder.
    linked = PageImages(content.resolve(), content / "part1" / "two.md", "two.html", index)
    assert linked.locate("{static}fig.png").site_path == "real1/fig.png"
    assert linked.locate("{static}missing.png") is None


def test_images_with_one_name_and_two_formats_get_variants_of_their_own(build_site):
    """x.png and x.jpg in one folder: each srcset serves its own image's pixels."""
    jpeg = io.BytesIO()
    Image.new("RGB", (600, 300), "blue").save(jpeg, format="JPEG")
    build = build_site(
        {
            "chapter1.md": chapter(
                "Two", "chapter1", body="![Red](/images/x.png)\n\n![Blue](/images/x.jpg)"
            ),
            "images/x.png": png(600, 300, "red"),
            "images/x.jpg": jpeg.getvalue(),
        }
    )
    assert build.exit_code == 0, build.log
    red_tag, blue_tag = img_tags(build.page("chapter1.html"))
    for tag, channel in ((red_tag, 0), (blue_tag, 2)):
        urls = re.findall(r"(\S+) \d+w", re.search(r'srcset="([^"]*)"', tag).group(1))
        assert len(urls) == 2, tag
        for url in urls:
            with Image.open(build.output / url) as variant:
                assert variant.convert("RGB").getpixel((5, 5))[channel] > 200, (tag, url)


def test_images_blocked_from_many_sites_get_one_setting_that_allows_them_all(tmp_path):
    # Each line advised a setting for its own site: pasted in turn, only the last was kept
    # (diffusion-models-class: 64 images from 11 sites).
    content = tmp_path / "content"
    content.mkdir()
    body = "\n\n".join(
        f"![{name}](https://{host}/{name}.png)"
        for name, host in [
            ("a", "img.example.org"),
            ("b", "cdn.example.net"),
            ("c", "img.example.org"),
        ]
    )
    body += '\n\n<iframe src="https://www.youtube-nocookie.com/embed/x" title="Talk"></iframe>'
    body += "\n\n![a again](https://img.example.org/a.png)"  # one resource, shown twice
    (content / "chapter1.md").write_text(chapter("Images", "chapter1", body=body))
    build = run_pelican(content, tmp_path / "output")
    assert build.exit_code != 0
    assert (
        "link gate: 4 resources from 3 other sites are blocked by the pages'"
        " Content-Security-Policy; to allow them all: CSP_ALLOW = {'frame-src':"
        " ['https://www.youtube-nocookie.com'], 'img-src': ['https://cdn.example.net',"
        " 'https://img.example.org']} in pelicanconf.py"
    ) in build.log


def test_an_attach_link_publishes_its_file_where_it_is_without_a_warning(build_site):
    """Pelican's `{attach}` moves a file beside the page that links to it, unless another
    link named its address first; the course's plugins read every file's address as soon
    as the files are found, so Pelican said "cannot relocate" to every `{attach}`, which no
    author could act on. It is read as `{static}`: the file keeps its place in content/."""
    body = "![A picture]({attach}pic.png)\n\nThe [picture itself]({attach}pic.png).\n"
    # Seven more: from the fifth warning, Pelican said "More {attach} warnings silenced."
    body += "".join(f"\n![Picture {n}]({{attach}}pic{n}.png)\n" for n in range(7))
    files = {f"unit1/pic{n}.png": png(40, 20) for n in range(7)}
    build = build_site(
        {
            "unit1/lesson.md": chapter("Lesson", "lesson1", body=body),
            "unit1/pic.png": png(400, 200),
            **files,
        }
    )
    assert build.exit_code == 0, build.log
    assert "{attach}" not in build.log and "relocate" not in build.log
    page = build.page("lesson1.html")
    tag = img_tags(page)[0]
    assert 'src="./unit1/pic.png"' in tag and 'width="400" height="200"' in tag
    assert all(f'src="./unit1/pic{n}.png"' in page for n in range(7))
    assert 'href="./unit1/pic.png"' in page
    assert (build.output / "unit1" / "pic.png").read_bytes() == png(400, 200)
