"""A course's term: the day a build is made for, and the days chapters and solutions go live.

`Release: 2026-12-10` in a chapter's front matter holds the chapter back until that day;
`Solutions: 2026-12-20` holds back its solutions. Today is the build's date in the
course's TIMEZONE, or the day COURSE_TODAY names (`COURSE_TODAY=2026-12-15 make html`
builds the site as it will be on that day). Dates are written one way, 2026-12-20, so
that no date means two days.
"""

import os
import re
from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TODAY_VARIABLE = "COURSE_TODAY"
RELEASE_FIELD = "release"
SOLUTIONS_FIELD = "solutions"
# The context key under which the chapters held back by `Release:` are kept: out of
# Pelican's articles (never written, in no feed), still in the syllabus as upcoming.
HELD_BACK_CONTEXT = "held_back_chapters"
# Set on a chapter held back today by the chapter reader's plugin: the day it goes live
# (None when its Release: is no date, which fails the build).
HELD_BACK_ATTRIBUTE = "held_back_until"
# Set with it: the ids its page will have, so that links into its sections can be checked
# (and lead to its "coming on" page meanwhile) though none of its text is kept.
HELD_BACK_IDS_ATTRIBUTE = "held_back_ids"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_day(text: object) -> date | None:
    """Return the day written as `2026-12-20`, or None when `text` is not one."""
    value = str(text or "").strip()
    if not ISO_DAY.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def day_problem(name: str, text: str) -> str:
    """Return what is wrong with a date field `name` written as `text` (no file named)."""
    return f"{name}: {text.strip()!r} is not a date: write it as 2026-12-20"


def spoken_day(day: date) -> str:
    """Return a day as a student reads it, whatever the locale: "20 December 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def course_today(
    settings: Mapping, environ: Mapping[str, str] = os.environ, now: datetime | None = None
) -> tuple[date, str | None]:
    """Return the day this build is made for, and the problem with COURSE_TODAY if any.

    A malformed COURSE_TODAY is a problem, and the real today is returned with it.
    """
    problem = None
    written = environ.get(TODAY_VARIABLE, "")
    if written.strip():
        day = parse_day(written)
        if day is not None:
            return day, None
        problem = (
            f"{TODAY_VARIABLE}={written!r} is not a date: write it as {TODAY_VARIABLE}=2026-12-15"
        )
    try:
        zone = ZoneInfo(str(settings.get("TIMEZONE") or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")  # Pelican itself reports a TIMEZONE it does not know
    return (now or datetime.now(zone)).astimezone(zone).date(), problem


def is_held_back(field_value: object, today: date) -> tuple[bool, date | None]:
    """Return whether a `Release:` or `Solutions:` value holds back its text today, and its day.

    No value holds nothing back; a value that is not a date holds back (the build
    reports it and fails, and nothing is published early meanwhile).
    """
    if field_value is None or not str(field_value).strip():
        return False, None
    day = parse_day(field_value)
    return (day is None or today < day), day
