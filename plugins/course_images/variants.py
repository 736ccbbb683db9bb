"""Smaller WebP copies of content images, made once and kept in a cache folder."""

import hashlib
import io
import posixpath
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from courselib.cached_products import make_missing, place_in_site, write_atomically
from courselib.cached_products.image_index import ImageFacts, ImageIndex, exif_orientation
from courselib.fingerprint import product_key
from courselib.paths import fits_file_system
from PIL import Image

VARIANT_WIDTHS = (480, 800, 1200)
WEBP_QUALITY = 80


@dataclass(frozen=True)
class Variant:
    """One WebP copy of a content image at a given width, and where it goes in the site."""

    source: Path  # the original in content/
    width: int
    site_path: str  # e.g. images/c4.png-480w.webp
    source_digest: str = ""  # of the original's bytes, when already known


def variant_widths(original_width: int) -> list[int]:
    """Return the widths to make for an image: the standard ones below it, and its own."""
    widths = [width for width in VARIANT_WIDTHS if width < original_width]
    return [*widths, original_width]


def variant_site_path(image_site_path: str, width: int) -> str:
    """Return the site path of a variant: `images/c4.png` at 480 -> `images/c4.png-480w.webp`.

    The original's whole name is kept: `x.png` and `x.jpg` in one folder get variants
    of their own, not one file that serves either image's pixels. A name too long for a
    file system with that ending (an image named in 245 bytes or more) is named by its
    digest instead.
    """
    site_path = f"{image_site_path}-{width}w.webp"
    if fits_file_system(site_path):
        return site_path
    folder, name = posixpath.split(image_site_path)
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return posixpath.join(folder, f"{digest}-{width}w.webp")


@cache
def encoder_key() -> str:
    """Return the digest of what encodes every variant: this code, the quality and Pillow."""
    return product_key(str(WEBP_QUALITY), code=[Path(__file__)], packages=["pillow"])


def cache_key(source_digest: str, width: int) -> str:
    """Return a cache name that changes whenever the source image's bytes, the width, this
    code or Pillow (which encodes the WebP) change."""
    key = product_key(source_digest, str(width), encoder_key())
    return f"{key[:32]}-{width}.webp"


# How to turn an image stored in each EXIF orientation to show it upright (as Pillow's
# ImageOps.exif_transpose, which also writes the EXIF back and can fail doing so).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def exif_upright(image: Image.Image) -> Image.Image:
    """Return the image turned as its EXIF orientation says (the one the image index sized it
    by): a WebP copy keeps no EXIF, so it must hold the pixels upright."""
    turn = UPRIGHT.get(exif_orientation(image))
    return image.transpose(turn) if turn is not None else image


def encode_variant(source: Path, width: int, destination: Path) -> ImageFacts:
    """Write `source` scaled to `width` pixels wide as WebP at `destination`; return its facts.

    The image is turned as its EXIF orientation says first (a phone's photo), as a browser
    shows the original: the WebP keeps no EXIF, so it would be shown on its side.
    """
    with warnings.catch_warnings():
        # The image index has judged this image: Pillow's warnings (a big image, EXIF cut
        # short) would be noise naming no file.
        warnings.simplefilter("ignore")
        with Image.open(source) as opened:
            image = exif_upright(opened)
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            height = max(1, round(image.height * width / image.width))
            if width != image.width:
                image = image.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    data = buffer.getvalue()
    write_atomically(destination, data)
    return ImageFacts(width, height, None, hashlib.sha256(data).hexdigest())


def write_variants(
    variants: list[Variant], cache_dir: Path, output_dir: Path, images: ImageIndex
) -> int:
    """Copy every variant into the site, encoding only those not cached; return how many encoded.

    A cached variant that does not decode (`images` judges it) is dropped and encoded again.
    """
    cached_files = {}
    digests: dict[Path, str] = {}
    for variant in set(variants):
        if variant.source not in digests:
            digests[variant.source] = (
                variant.source_digest or hashlib.sha256(variant.source.read_bytes()).hexdigest()
            )
        cached_files[variant] = cache_dir / cache_key(digests[variant.source], variant.width)
    encoded = make_missing(
        {cached: (variant.source, variant.width) for variant, cached in cached_files.items()},
        encode_variant,
        images,
    )
    for variant, cached in cached_files.items():
        place_in_site(cached, output_dir / variant.site_path)
    return encoded
