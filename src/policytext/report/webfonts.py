"""Chinese in the site: language tags for runs of Chinese text, and CJK web fonts served from the
site itself, cut down to the characters its pages use.

The fonts come from Debian's ``fonts-noto-cjk`` (the PDF's fonts, installed by
``scripts/system-deps.sh``): Noto Sans CJK SC for simplified text and TC for traditional, each
subset with fontTools to the characters of the pages and written as WOFF, so a page loads a few
hundred kilobytes from ``_static/fonts/`` instead of a CDN or the reader's fallback font.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from policytext.corpus.script import IDEOGRAPHS, detect_script
from policytext.paths import cache_dir, cached_file

#: A run of Chinese text: ideographs, CJK punctuation and full-width forms.
CJK_RUN = re.compile(f"[\u3000-\u303f{IDEOGRAPHS}\uff01-\uff5e]+")
#: The text of an HTML fragment between its tags.
HTML_TEXT = re.compile(r"(?<=>)([^<]+)")
#: Where Debian puts the Noto CJK collection, and the face used for each language tag.
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACES = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}
#: The family name the site's CSS gives the subset fonts, and their file names.
FAMILY = "PolicyBook CJK"
FONT_FILES = {"zh-Hans": "cjk-sc.woff2", "zh-Hant": "cjk-tc.woff2"}
#: Raise when the subsetting options change: cached subsets are per version.
SUBSET_VERSION = 1


def language(run: str) -> str:
    """``zh-Hant`` for a run in traditional script, else ``zh-Hans``."""
    return "zh-Hant" if detect_script(run) == "traditional" else "zh-Hans"


def tagged_runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into pieces, each with the language of its Chinese run (None for the rest)."""
    pieces, last = [], 0
    for found in CJK_RUN.finditer(text):
        if found.start() > last:
            pieces.append((text[last:found.start()], None))
        pieces.append((found[0], language(found[0])))
        last = found.end()
    if last < len(text):
        pieces.append((text[last:], None))
    return pieces


def tag_html_text(html: str) -> str:
    """Wrap each Chinese run in the text of an HTML fragment (outside tags) in a span with its
    ``lang``."""
    def tag(text: str) -> str:
        return "".join(piece if lang is None else f'<span lang="{lang}">{piece}</span>'
                       for piece, lang in tagged_runs(text))

    return HTML_TEXT.sub(lambda m: tag(m[1]), html)


def subset_key(characters: str, lang: str, collection: Path = NOTO_CJK) -> str:
    """A digest of what a subset font depends on: the characters, the face, the way
    :func:`subset_font` subsets (:data:`SUBSET_VERSION`), the font collection (its size and
    modification time) and the version of fontTools."""
    from importlib import metadata

    stat = collection.stat()
    digest = hashlib.sha256("\0".join([characters, lang, FACES[lang], str(SUBSET_VERSION), str(collection),
                                        str(stat.st_size), str(stat.st_mtime_ns),
                                        metadata.version("fonttools")]).encode())
    return digest.hexdigest()[:20]


def subset_font(characters: str, lang: str, out_path: Path, collection: Path = NOTO_CJK,
                cache: Path | None = None) -> bool:
    """Write the face for ``lang`` cut down to ``characters`` as WOFF2 (Brotli-compressed) to
    ``out_path``; False when the font collection is not installed. Subsetting a CJK face takes
    seconds, so the result is kept in ``cache`` (default: the project's cache folder) under
    :func:`subset_key` and copied from there while the pages' characters stay the same."""
    if not collection.is_file():
        return False
    cached = (cache_dir() if cache is None else Path(cache)) / "webfonts" / f"{subset_key(characters, lang, collection)}.woff2"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached_file(cached, lambda partial: _write_subset(characters, lang, collection, partial)), out_path)
    return True


def _write_subset(characters: str, lang: str, collection: Path, out_path: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    fonts = TTCollection(str(collection), lazy=True).fonts
    face = next(f for f in fonts if f["name"].getDebugName(1) == FACES[lang])
    options = subset.Options()
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(face)
    face.flavor = "woff2"
    face.save(str(out_path))


def font_css(fonts_url: str = "fonts") -> str:
    """The CSS that sets Chinese runs in the subset fonts (the size is the Latin text's)."""
    rules = []
    for lang, face in FACES.items():
        family = f"{FAMILY} {lang}"
        rules.append(f'@font-face {{ font-family: "{family}"; '
                     f'src: url("{fonts_url}/{FONT_FILES[lang]}") format("woff2"); }}')
        rules.append(f':lang({lang}) {{ font-family: "{family}", "{face}", sans-serif; }}')
    return "\n".join(rules) + "\n"
