"""Whether an image file of the site can be shown: it exists, is not empty and decodes whole.

Judged by the same decoder as the content checks (courselib.cached_products.image_index), so an
image the gate lets through never fails them, nor the other way round.
"""

from courselib.cached_products.image_index import image_problem

__all__ = ["image_problem"]
