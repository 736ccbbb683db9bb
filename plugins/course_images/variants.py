"""Smaller WebP copies of content images, made once and kept in a cache folder."""

import hashlib
import io
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

VARIANT_WIDTHS = (480, 800, 1200)
WEBP_QUALITY = 80
# Below this many images to encode, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 4


@dataclass(frozen=True)
class Variant:
    """One WebP copy of a content image at a given width, and where it goes in the site."""

    source: Path  # the original in content/
    width: int
    site_path: str  # e.g. images/c4-480w.webp


def variant_widths(original_width: int) -> list[int]:
    """Return the widths to make for an image: the standard ones below it, and its own."""
    widths = [width for width in VARIANT_WIDTHS if width < original_width]
    return [*widths, original_width]


def variant_site_path(image_site_path: str, width: int) -> str:
    """Return the site path of a variant: `images/c4.png` at 480 -> `images/c4-480w.webp`."""
    stem, _extension = os.path.splitext(image_site_path)
    return f"{stem}-{width}w.webp"


def cache_key(source: Path, width: int) -> str:
    """Return a name that changes whenever the source image's bytes or the width change."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:20]
    return f"{digest}-{width}-q{WEBP_QUALITY}.webp"


def encode_variant(source: Path, width: int, destination: Path) -> None:
    """Write `source` scaled to `width` pixels wide as WebP at `destination`."""
    with Image.open(source) as image:
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
        height = max(1, round(image.height * width / image.width))
        if width != image.width:
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".partial")
    partial.write_bytes(buffer.getvalue())
    partial.replace(destination)


def _encode_job(job: tuple[str, int, str]) -> None:
    source, width, destination = job
    encode_variant(Path(source), width, Path(destination))


def write_variants(variants: list[Variant], cache_dir: Path, output_dir: Path) -> int:
    """Copy every variant into the site, encoding only those not cached; return how many encoded."""
    cached_files = {}
    to_encode = []
    for variant in set(variants):
        cached = cache_dir / cache_key(variant.source, variant.width)
        cached_files[variant] = cached
        if not cached.exists():
            to_encode.append((str(variant.source), variant.width, str(cached)))
    to_encode = sorted(set(to_encode))
    if len(to_encode) >= PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, 4)) as pool:
            list(pool.map(_encode_job, to_encode))
    else:
        for job in to_encode:
            _encode_job(job)
    for variant, cached in cached_files.items():
        target = output_dir / variant.site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    return len(to_encode)
