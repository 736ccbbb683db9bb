"""The image index: each image decoded once per version, its verdict kept between builds."""

import io
import json
import os
from unittest import mock

import pytest
from courselib.cached_products import image_index
from courselib.cached_products.image_index import ImageFacts, ImageIndex
from PIL import Image


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def size_of(facts: ImageFacts) -> tuple[int, int]:
    assert facts.problem is None and len(facts.digest) == 64
    return facts.width, facts.height


def test_an_image_is_decoded_once_until_it_changes(tmp_path):
    image = tmp_path / "a.png"
    image.write_bytes(png(30, 20))
    index_file = tmp_path / "cache" / "image-index.json"
    with mock.patch.object(image_index, "decode", wraps=image_index.decode) as decode:
        first = ImageIndex(index_file)
        assert size_of(first.facts(image)) == (30, 20)
        first.save()
        assert size_of(ImageIndex(index_file).facts(image)) == (30, 20)  # a later build
        assert decode.call_count == 1
        image.write_bytes(png(40, 20))
        assert size_of(ImageIndex(index_file).facts(image)) == (40, 20)
        assert decode.call_count == 2


def test_an_index_written_by_other_code_is_not_used_and_not_called_damaged(tmp_path, caplog):
    # As the index was before it knew an image's frames and orientation: a flat object of
    # six-item entries. Its sizes may be wrong (a turned photo): every image is decoded again.
    image = tmp_path / "a.png"
    image.write_bytes(png(30, 20))
    status = image.stat()
    index_file = tmp_path / "cache" / "image-index.json"
    index_file.parent.mkdir()
    earlier = {str(image): [status.st_mtime_ns, status.st_size, 20, 30, None, "x" * 64]}
    index_file.write_text(json.dumps(earlier))
    index = ImageIndex(index_file)
    assert index.known == {}
    assert size_of(index.facts(image)) == (30, 20)
    index.save()
    assert caplog.records == []
    assert json.loads(index_file.read_text())["format"] == image_index.index_format()


def test_damaged_and_missing_images(tmp_path):
    index = ImageIndex(tmp_path / "index.json")
    cut_short = tmp_path / "cut.png"
    cut_short.write_bytes(png(300, 300)[:200])
    not_image = tmp_path / "text.png"
    not_image.write_text("hello")
    assert index.facts(cut_short).problem.startswith("a damaged image (")
    assert index.facts(not_image).problem == "not an image Pillow can read"
    assert index.facts(tmp_path / "missing.png") is None


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("cut.jpg", jpeg(64, 64)[:-300], "a damaged image ("),
        ("cut.png", png(300, 300)[:200], "a damaged image ("),
        ("text.png", b"hello", "not an image Pillow can read"),
        ("empty.png", b"", "the image is empty (0 bytes)"),
    ],
)
def test_the_link_gate_and_the_content_checks_judge_an_image_alike(tmp_path, name, data, problem):
    """One decoder: a truncated JPEG that the gate let through failed the content checks."""
    from author_errors.content_checks import check_image
    from linkgate.images import image_problem

    path = tmp_path / name
    path.write_bytes(data)
    gate = image_problem(path)
    assert gate is not None and gate.startswith(problem), gate
    assert check_image(str(path), f"content/{name}") == f"content/{name}: {gate}: export it again"


def test_a_whole_image_passes_both(tmp_path):
    from author_errors.content_checks import check_image
    from linkgate.images import image_problem

    (tmp_path / "whole.jpg").write_bytes(jpeg(64, 64))
    assert image_problem(tmp_path / "whole.jpg") is None
    assert check_image(str(tmp_path / "whole.jpg"), "content/whole.jpg") is None


def test_the_gate_does_not_decode_again_an_image_the_build_has_judged(tmp_path, monkeypatch):
    """A content image or cached product linked into the site is the very file judged."""
    from linkgate.images import image_problem

    judged = tmp_path / "content" / "a.png"
    judged.parent.mkdir()
    judged.write_bytes(png(30, 20))
    index = ImageIndex(tmp_path / "cache" / "image-index.json")
    monkeypatch.setitem(image_index._indexes, tmp_path / "index", index)
    assert size_of(index.facts(judged)) == (30, 20)
    (tmp_path / "site").mkdir()
    os.link(judged, tmp_path / "site" / "a.png")
    (tmp_path / "site" / "copy.png").write_bytes(judged.read_bytes())
    with mock.patch.object(image_index, "decoded_facts", wraps=image_index.decoded_facts) as decode:
        assert image_problem(tmp_path / "site" / "a.png") is None
        assert decode.call_count == 0
        assert image_problem(tmp_path / "site" / "copy.png") is None
        assert decode.call_count == 1
        judged.write_bytes(b"changed in place")  # the link too: no longer the file judged
        assert image_problem(tmp_path / "site" / "a.png") == "not an image Pillow can read"
