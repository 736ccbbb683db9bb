"""Content images without layout shift, loaded lazily, with smaller WebP variants.

Every local image in a chapter body gets `width`/`height` (read with Pillow),
`loading="lazy"` except the first, and a `srcset` of WebP copies (480, 800 and
1200 pixels wide, never wider than the original) made at build time, kept in
the cache folder and remade only when the image changes. Originals in content/
are never touched. Must come before `rootlinks` in PLUGINS: it reads image
URLs as authors wrote them.
"""

import logging
from pathlib import Path
from urllib.parse import quote

from courselib.cached_products.image_index import image_index_for
from pelican import signals
from pelican.generators import Generator

from .locate import PageImages
from .markup import ImageFacts, enhance_images
from .variants import Variant, variant_site_path, variant_widths, write_variants

logger = logging.getLogger(__name__)

DEFAULT_SIZES = "(min-width: 60rem) 42rem, calc(100vw - 2rem)"


def cache_dir_of(settings: dict) -> Path:
    """Return the folder where this plugin keeps image variants."""
    return Path(settings.get("CACHE_PATH", "cache")) / "course_images"


def enhance_content(content) -> None:
    """Size and add variants to the images of one article or page body."""
    body = getattr(content, "_content", None)
    if not body or "<img" not in body.lower():
        return
    # A property Pelican formats on every read. The course README has no file of its own
    # (save_as is empty): it is shown on the home page, at its URL.
    save_as = getattr(content, "save_as", None) or getattr(content, "url", None)
    if not save_as:
        return
    settings = content.settings
    page_images = PageImages(
        Path(settings["PATH"]).resolve(),
        Path(content.source_path),
        save_as,
        image_index_for(settings),
    )
    variants: list[Variant] = []

    def facts_for(src: str) -> ImageFacts | None:
        image = page_images.locate(src)
        if image is None:
            return None
        widths = variant_widths(image.width)
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

    content._content = enhance_images(
        body, facts_for, settings.get("COURSE_IMAGE_SIZES", DEFAULT_SIZES)
    )
    content.image_variants = variants


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
    signals.content_object_init.connect(enhance_content)
    signals.get_generators.connect(add_generator)
