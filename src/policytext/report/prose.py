"""Find numbers typed into the book's prose instead of glued from a notebook.

Every figure in the text must come from a computation (myst-nb ``glue``). What is left after
removing code, roles such as ``{glue:text}`...```, link targets, Chinese quotations with their
English translations and identifiers (document ``004``, paragraph ``001:14``) must hold no digit.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

#: Names that contain digits but are not numbers.
ALLOWED_NAMES = re.compile(r"\b(?:F1|UTF-(?:8|16)|GB18030|GB2312|Big5|pdf2|H[1-6]|x86_64|E\d+)\b")
_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})(.*?)$(.*?)^\1\s*$", re.M | re.S)
_OPTION_LINE = re.compile(r"^:[\w-]+:.*$", re.M)
_ROLE = re.compile(r"\{[\w:.-]+\}`[^`]*`")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CHINESE_QUOTE = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》|‘[^’]*’")
_HAN = r"\u3400-\u9fff"
_NUMBER_BY_HAN = re.compile(rf"[\d.,:%~-]*[{_HAN}][{_HAN}\d.,:%~-]*")
_IDENTIFIER = re.compile(r"\b0\d\d(?::\d+)?\b")
_LIST_MARKER = re.compile(r"^\s*\d+\.\s", re.M)
_NUMBER = re.compile(r"\d[\d.,]*")
#: A Chinese quotation and the English translation right after it (“…” ("…") or “…”, "…"), not
#: across a blank line: the translation may repeat the quotation's own numbers (the source's,
#: not a result of the book), and no others.
_TRANSLATION = re.compile(r'“((?:[^“”]|“[^”]*”)*)”(\s*[,(]?\s*"(?:[^"\n]|\n(?!\s*\n))*")')


def _without_quoted_numbers(match: re.Match) -> str:
    """The quotation with its translation, less the numbers the quotation itself holds."""
    quoted = {number.rstrip(".,") for number in _NUMBER.findall(match.group(1))}
    translation = _NUMBER.sub(lambda n: " " if n.group(0).rstrip(".,") in quoted else n.group(0), match.group(2))
    return f"“{match.group(1)}”{translation}"


def _strip_fence(match: re.Match) -> str:
    info, body = match.group(2).strip(), match.group(3)
    if info.startswith("{"):  # a directive: its body (a caption, say) is prose, options are not
        return _OPTION_LINE.sub("", body)
    return ""


def read_allowed(path: Path) -> list[str]:
    """Phrases allowed to contain digits (definitions such as "base-2"), one per line;
    text after ``  #`` on a line is the reason."""
    phrases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        phrase = line.split("  #", 1)[0].strip()
        if phrase and not line.startswith("#"):
            phrases.append(phrase)
    return phrases


def prose_only(markdown: str, allowed: list[str] = ()) -> str:
    """The text a reader reads as prose, without code, roles, links, quotations, IDs and
    ``allowed`` phrases."""
    text = _HTML_COMMENT.sub("", markdown)
    for phrase in allowed:
        text = text.replace(phrase, " ")
    text = _CODE_FENCE.sub(_strip_fence, text)
    text = _TRANSLATION.sub(_without_quoted_numbers, text)
    for pattern in (_ROLE, _INLINE_CODE, _LINK_TARGET, _URL, _CHINESE_QUOTE, _NUMBER_BY_HAN,
                    _IDENTIFIER, _LIST_MARKER, ALLOWED_NAMES):
        text = pattern.sub(" ", text)
    return text


def typed_numbers(markdown: str, allowed: list[str] = ()) -> list[str]:
    """Numbers typed into ``markdown`` prose, each with a little context."""
    text = prose_only(markdown, allowed)
    return [text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ").strip()
            for m in _NUMBER.finditer(text)]


def book_sources(root: Path, toc: Path | None = None) -> list[Path]:
    """The Markdown pages and notebooks listed in the book's ``_toc.yml``."""
    toc = toc or root / "_toc.yml"
    names = re.findall(r"^\s*(?:root|-\s*file):\s*(\S+)\s*$", toc.read_text(encoding="utf-8"), re.M)
    sources = []
    for name in names:
        for suffix in (".md", ".ipynb"):
            path = root / f"{name}{suffix}"
            if path.exists():
                sources.append(path)
    return sources


def markdown_of(path: Path) -> str:
    """The Markdown of a page, or of a notebook's Markdown cells."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")
