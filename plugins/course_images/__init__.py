"""Content images without layout shift, loaded lazily, with smaller WebP variants.

Every local image in a chapter body gets `width`/`height` (read with Pillow),
`loading="lazy"` except the first, and a `srcset` of WebP copies (480, 800 and
1200 pixels wide, never wider than the original) made at build time, kept in
the cache folder and remade only when the image changes. Originals in content/
are never touched. Must come before `rootlinks` in PLUGINS: it reads image
URLs as authors wrote them.
"""

import logging
import sys
from pathlib import Path
from urllib.parse import quote

from courselib.cached_products import image_index
from courselib.cached_products.image_index import image_index_for, index_format
from courselib.cached_products.page_rewrites import (
    RewritesOfEachBuild,
    apply_edits,
    are_edits,
    are_file_stamps,
    page_key,
    same_files,
)
from pelican import signals
from pelican.generators import Generator

from .locate import PageImages, source_folder
from .markup import ImageFacts, image_edits
from .variants import Variant, variant_site_path, variant_widths, write_variants

logger = logging.getLogger(__name__)

DEFAULT_SIZES = "(min-width: 60rem) 42rem, calc(100vw - 2rem)"


def cache_dir_of(settings: dict) -> Path:
    """Return the folder where this plugin keeps image variants."""
    return Path(settings.get("CACHE_PATH", "cache")) / "course_images"


# Each build's rewrites of each page, kept for the next.
_rewrites = RewritesOfEachBuild(
    "course_images", (Path(__file__).parent, Path(image_index.__file__))
)
_content_roots: dict[str, Path] = {}  # PATH -> its real path, resolved once a build
_real_folders: dict[str, str] = {}  # a chapter's folder -> its real path, once a build


def resolved_content_root(settings: dict) -> Path:
    """Return the real path of the build's content folder."""
    if settings["PATH"] not in _content_roots:
        _content_roots[settings["PATH"]] = Path(settings["PATH"]).resolve()
    return _content_roots[settings["PATH"]]


def start_build(sender) -> None:
    """Forget what an earlier build in this process kept (its cache folder may differ)."""
    _rewrites.forget()
    _content_roots.clear()
    _real_folders.clear()


def is_kept_rewrite(value: object) -> bool:
    """True for a page's rewrite as `enhance_content` keeps it."""
    return (
        isinstance(value, dict)
        and are_file_stamps(value.get("images"))
        and isinstance(value.get("variants"), list)
        and all(
            isinstance(variant, list)
            and len(variant) == 4
            and isinstance(variant[0], str)
            and type(variant[1]) is int
            and isinstance(variant[2], str)
            and isinstance(variant[3], str)
            for variant in value["variants"]
        )
        # In order; that they fit the page's HTML is checked where it is known.
        and are_edits(value.get("edits"), sys.maxsize)
    )


def enhance_content(content) -> None:
    """Size and add variants to the images of one article or page body.

    An earlier build's rewrite of the same HTML, served at the same place, is used again
    while every image file it looked at is the very same (kept in `_rewrites`).
    """
    body = getattr(content, "_content", None)
    if not body or "<img" not in body.lower():
        return
    # A property Pelican formats on every read. The course README has no file of its own
    # (save_as is empty): it is shown on the home page, at its URL.
    save_as = getattr(content, "save_as", None) or getattr(content, "url", None)
    if not save_as:
        return
    settings = content.settings
    rewrites = _rewrites.of_build(settings)
    content_root = resolved_content_root(settings)
    source_path = Path(content.source_path)
    sizes = settings.get("COURSE_IMAGE_SIZES", DEFAULT_SIZES)
    page = str(source_path)
    source_dir = str(source_folder(content_root, source_path, _real_folders))
    # The image index's way of judging images (its code, Pillow's version) decides sizes
    # and which images get variants: a kept rewrite made another way is not used.
    key = page_key(body, save_as, str(content_root), source_dir, sizes, index_format())
    kept = rewrites.earlier_value(page, key, is_kept_rewrite)
    if (
        isinstance(kept, dict)
        and are_edits(kept["edits"], len(body))  # of this very HTML, as its key says
        and same_files(kept["images"])
    ):
        content._content = apply_edits(body, kept["edits"])
        content.image_variants = [Variant(Path(path), *rest) for path, *rest in kept["variants"]]
        return
    images = image_index_for(settings)
    page_images = PageImages(content_root, source_path, save_as, images, _real_folders)
    variants: list[Variant] = []

    def facts_for(src: str) -> ImageFacts | None:
        image = page_images.locate(src)
        if image is None:
            return None
        widths = variant_widths(image.width) if image.has_variants else []
        image_variants = [
            Variant(image.path, width, variant_site_path(image.site_path, width), image.digest)
            for width in widths
        ]
        variants.extend(image_variants)
        return ImageFacts(
            image.width,
            image.height,
            [
                # Percent-encoded: a space would split the srcset candidate.
                (width, "/" + quote(variant.site_path))
                for width, variant in zip(widths, image_variants, strict=True)
            ],
        )

    edits = image_edits(body, facts_for, sizes)
    content._content = apply_edits(body, edits)
    content.image_variants = variants
    rewrites.keep(
        page,
        key,
        {
            "images": page_images.consulted,
            "edits": [list(edit) for edit in edits],
            "variants": [[str(v.source), v.width, v.site_path, v.source_digest] for v in variants],
        },
    )


class ImageVariantGenerator(Generator):
    """Writes the WebP variants every article and page asked for into the output folder."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        variants = [
            variant
            for content in self.context.get("generated_content", {}).values()
            for variant in getattr(content, "image_variants", [])
        ]
        images = image_index_for(self.settings)
        encoded = write_variants(
            variants, cache_dir_of(self.settings), Path(self.output_path), images
        )
        images.save()  # what the content checks and this build learnt of every image
        if not variants:
            return
        logger.info(
            "course_images: %d image variants (%d newly encoded)", len(set(variants)), encoded
        )


def add_generator(pelican) -> type:
    """Return the generator that writes image variants."""
    return ImageVariantGenerator


def register() -> None:
    signals.initialized.connect(start_build)
    signals.content_object_init.connect(enhance_content)
    signals.all_generators_finalized.connect(_rewrites.save)
    signals.get_generators.connect(add_generator)
