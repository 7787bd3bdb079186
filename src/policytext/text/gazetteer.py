"""The place gazetteer: cities, districts, towns and institutions with their surface forms,
read and validated from ``data/gazetteer/places.csv`` and matched leftmost-longest. Shared by
the learning edges and the regional-integration analysis."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from policytext.paths import gazetteer_path, talent_platforms_path
from policytext.text.matching import TermMatcher

KINDS = ("city", "district", "town_street", "institution", "region")
#: How the book names each kind: ``district`` holds the districts and counties of a city and the
#: zones at their level (前海, 广州开发区); ``town_street`` every unit below them (towns,
#: subdistricts, communities and the development zones that stand in for them).
KIND_LABELS = {"city": "city", "district": "district, county or district-level zone",
               "town_street": "town, subdistrict, community or zone",
               "institution": "institution", "region": "region"}
#: The same in a word or two, for a table's column.
SHORT_KIND_LABELS = {"city": "city", "district": "district", "town_street": "town / subdistrict",
                     "institution": "institution", "region": "region"}
GAZETTEER_COLUMNS = ("name", "aliases", "english", "kind", "city", "note")


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: canonical Chinese name, English name, kind and the city it lies in."""

    name: str
    english: str
    kind: str
    city: str  # the place itself for a city; "" when it belongs to no single city


@dataclass(frozen=True)
class Mention:
    """A place name found in a text: character span, surface form and the place(s) it names."""

    start: int
    end: int
    surface: str
    places: tuple[Place, ...]


def split_forms(aliases: str) -> list[str]:
    """The aliases of one gazetteer row (``深圳市| 深中`` -> ``["深圳市", "深中"]``)."""
    return [form.strip() for form in aliases.split("|") if form.strip()]


class Gazetteer:
    """Places and their surface forms, matched leftmost-longest (:mod:`policytext.text.matching`)."""

    def __init__(self, frame: pd.DataFrame):
        """``frame`` has columns ``name``, ``aliases`` (``|``-separated), ``english``, ``kind``
        and ``city`` (blank for a city itself). A form shared by several entries (深港) names
        each of them."""
        self.places: dict[str, Place] = {}
        forms: dict[str, list[str]] = {}
        for row in frame.fillna("").itertuples(index=False):
            city = row.name if row.kind == "city" else row.city
            self.places[row.name] = Place(row.name, row.english, row.kind, city)
            for form in [row.name, *split_forms(str(row.aliases))]:
                if row.name not in forms.setdefault(form, []):
                    forms[form].append(row.name)
        self._matcher = TermMatcher({form: tuple(names) for form, names in forms.items()})

    def find(self, text: str) -> list[Mention]:
        """Place mentions in ``text``, leftmost-longest and not overlapping (中山大学 is not 中山)."""
        return [Mention(match.start, match.end, match.term,
                        tuple(self.places[name] for name in match.payload))
                for match in self._matcher.find(text)]

    def city(self, text: str) -> str:
        """The city named by ``text`` (a name or alias), or ``""``."""
        mentions = self.find(text)
        return mentions[0].places[0].city if len(mentions) == 1 and mentions[0].surface == text \
            and len(mentions[0].places) == 1 else ""


@lru_cache(maxsize=None)
def _load_gazetteer(path: Path) -> Gazetteer:
    return Gazetteer(read_gazetteer(path))


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The project's place gazetteer (:func:`gazetteer_path`), or the one at ``path``,
    validated and ready to match."""
    return _load_gazetteer(Path(path or gazetteer_path()))


class GazetteerError(ValueError):
    """The gazetteer file is malformed; the message names the file (and the line)."""


def read_gazetteer(path: Path | str | None = None) -> pd.DataFrame:
    """Read and validate the gazetteer; raise :class:`GazetteerError` naming the file and line.

    Checked: the columns, a name, an English name and a known kind on every row, unique names,
    no form repeated within a row, no alias equal to another entry's name, and a ``city`` that is
    a city of the gazetteer (required for districts and towns, empty for cities and regions).
    """
    path = Path(path) if path is not None else gazetteer_path()
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise GazetteerError(f"{path}: cannot read the gazetteer ({error})") from error
    missing = [column for column in GAZETTEER_COLUMNS if column not in frame.columns]
    if missing:
        raise GazetteerError(f"{path}: missing column(s) {', '.join(missing)}")
    frame = frame[list(GAZETTEER_COLUMNS)].apply(lambda column: column.str.strip())

    def fail(index: int, message: str):
        raise GazetteerError(f"{path}, line {index + 2}: {message}")

    cities = set(frame.loc[frame["kind"] == "city", "name"])
    names = set(frame["name"])
    seen: dict[str, int] = {}
    for index, row in frame.iterrows():
        if not row["name"]:
            fail(index, "empty name")
        if row["name"] in seen:
            fail(index, f"name {row['name']} repeats line {seen[row['name']] + 2}")
        seen[row["name"]] = index
        if not row["english"]:
            fail(index, f"{row['name']} has no English name")
        if row["kind"] not in KINDS:
            fail(index, f"{row['name']}: kind {row['kind']!r} is not one of {', '.join(KINDS)}")
        forms = [row["name"], *split_forms(row["aliases"])]
        if any(re.search(r"\s", form) for form in forms):
            fail(index, f"{row['name']}: a form holds white space")
        repeated = sorted({form for form in forms if forms.count(form) > 1})
        if repeated:
            fail(index, f"{row['name']} lists {'、'.join(repeated)} twice")
        clash = sorted((set(forms[1:]) & names) - {row["name"]})
        if clash:
            fail(index, f"{row['name']}: alias {'、'.join(clash)} is the name of another entry")
        if row["kind"] in ("city", "region") and row["city"]:
            fail(index, f"{row['name']}: a {row['kind']} has no city (found {row['city']})")
        if row["kind"] in ("district", "town_street") and not row["city"]:
            fail(index, f"{row['name']}: a {row['kind']} needs its city")
        if row["city"] and row["city"] not in cities:
            fail(index, f"{row['name']}: city {row['city']} is not a city of the gazetteer")
    return frame.reset_index(drop=True)


def surface_forms(gazetteer: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each form (names and aliases) with the entry names it stands for, sorted."""
    forms: dict[str, set[str]] = {}
    for name, aliases in zip(gazetteer["name"], gazetteer["aliases"]):
        for form in (name, *split_forms(aliases)):
            forms.setdefault(form, set()).add(name)
    return {form: tuple(sorted(names)) for form, names in sorted(forms.items())}


def talent_platforms(path: Path | str | None = None, gazetteer: pd.DataFrame | None = None) -> list[str]:
    """The gazetteer names listed in ``path`` (default ``data/gazetteer/talent_platforms.txt``),
    one per line, ``#`` starting a comment; a name missing from the gazetteer is an error naming
    the file and the line."""
    path = Path(path) if path is not None else talent_platforms_path()
    known = set((read_gazetteer() if gazetteer is None else gazetteer)["name"])
    names = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if name not in known:
            raise ValueError(f"{path}: line {line_no}: {name!r} is not a name of the gazetteer "
                             f"({gazetteer_path().name})")
        names.append(name)
    return names
