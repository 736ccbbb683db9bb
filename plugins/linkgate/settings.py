"""The gate's settings in pelicanconf.py, read once with defaults and checked."""

import re
from dataclasses import dataclass

from .address import SiteAddress, SiteURLError
from .external import ExternalOptions

DEFAULTS = {
    "LINKGATE_ENABLED": True,
    "LINKGATE_IGNORE": [],
    "LINKGATE_STRICT": False,
    "LINKGATE_EXTERNAL": False,
    "LINKGATE_EXTERNAL_TIMEOUT": 10.0,
    "LINKGATE_EXTERNAL_RETRIES": 2,
    "LINKGATE_EXTERNAL_PER_HOST": 2,
    "LINKGATE_EXTERNAL_CACHE_TTL": 86400.0,
    # Folders whose file names change with their content and that pages never link into by
    # name (Pagefind's index, loaded by script): renamed files there do not force a full check.
    "LINKGATE_GENERATED_FOLDERS": ["pagefind"],
}


class SettingsError(ValueError):
    """A bad LINKGATE_* setting, phrased with the key an author must fix."""


@dataclass(frozen=True)
class GateSettings:
    """The LINKGATE_* settings, validated."""

    enabled: bool
    ignore: tuple[str, ...]
    strict: bool
    external: bool
    external_options: ExternalOptions
    generated_folders: tuple[str, ...] = ()
    site: SiteAddress = SiteAddress()  # where pages are served: SITEURL, unless RELATIVE_URLS


def read_settings(settings: dict) -> GateSettings:
    """Return the gate's settings from Pelican's `settings`; raise SettingsError naming the key."""
    unknown = sorted(key for key in settings if key.startswith("LINKGATE_") and key not in DEFAULTS)
    if unknown:
        raise SettingsError(
            f"{unknown[0]} is not a link gate setting (known: {', '.join(DEFAULTS)})"
        )
    value = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    for key in ("LINKGATE_ENABLED", "LINKGATE_STRICT", "LINKGATE_EXTERNAL"):
        if not isinstance(value[key], bool):
            raise SettingsError(f"{key} must be True or False, not {value[key]!r}")
    ignore = value["LINKGATE_IGNORE"]
    if isinstance(ignore, str) or not isinstance(ignore, list | tuple):
        raise SettingsError(
            f"LINKGATE_IGNORE must be a list of regular expressions, not {ignore!r}"
        )
    for pattern in ignore:
        if not isinstance(pattern, str):
            raise SettingsError(f"LINKGATE_IGNORE holds {pattern!r}, which is not a string")
        try:
            re.compile(pattern)
        except re.error as error:
            raise SettingsError(
                f"LINKGATE_IGNORE holds {pattern!r}, which is not a regular expression: {error}"
            ) from None
    folders = value["LINKGATE_GENERATED_FOLDERS"]
    if isinstance(folders, str) or not isinstance(folders, list | tuple):
        raise SettingsError(
            f"LINKGATE_GENERATED_FOLDERS must be a list of folders, not {folders!r}"
        )
    for folder in folders:
        if not isinstance(folder, str) or not folder.strip("/"):
            raise SettingsError(f"LINKGATE_GENERATED_FOLDERS holds {folder!r}, not a folder name")
    numbers = {
        "LINKGATE_EXTERNAL_TIMEOUT": (0.001, float),
        "LINKGATE_EXTERNAL_RETRIES": (0, int),
        "LINKGATE_EXTERNAL_PER_HOST": (1, int),
        "LINKGATE_EXTERNAL_CACHE_TTL": (0, float),
    }
    for key, (smallest, kind) in numbers.items():
        number = value[key]
        if isinstance(number, bool) or not isinstance(number, int | float) or number < smallest:
            raise SettingsError(f"{key} must be a number of at least {smallest}, not {number!r}")
        if kind is int and not isinstance(number, int):
            raise SettingsError(f"{key} must be a whole number, not {number!r}")
    return GateSettings(
        site=site_address(settings),
        enabled=value["LINKGATE_ENABLED"],
        ignore=tuple(ignore),
        strict=value["LINKGATE_STRICT"],
        external=value["LINKGATE_EXTERNAL"],
        generated_folders=tuple(folder.strip("/") for folder in folders),
        external_options=ExternalOptions(
            timeout=float(value["LINKGATE_EXTERNAL_TIMEOUT"]),
            retries=value["LINKGATE_EXTERNAL_RETRIES"],
            per_host=value["LINKGATE_EXTERNAL_PER_HOST"],
            cache_ttl=float(value["LINKGATE_EXTERNAL_CACHE_TTL"]),
        ),
    )


def site_address(settings: dict) -> SiteAddress:
    """Return where the pages are served; raise SettingsError for a SITEURL that cannot be.

    SITEURL is checked even under RELATIVE_URLS: feeds and canonical links still use it.
    """
    site_url = settings.get("SITEURL") or ""
    if not isinstance(site_url, str):
        raise SettingsError(f"SITEURL must be a URL, not {site_url!r}")
    try:
        site = SiteAddress.from_site_url(site_url)
    except SiteURLError as error:
        raise SettingsError(f"SITEURL {site_url!r} {error}") from None
    return SiteAddress() if settings.get("RELATIVE_URLS") else site
