"""Cleaning rules for scraped Chinese news text.

Each rule is small and named, so that every removal can be audited:

* span rules take a piece out of a line (pinyin readings, a dateline);
* line rules drop a whole line of page debris (navigation, credits, contacts...).

Line rules are matched on the simplified, normalised line, so one set of patterns
serves both scripts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_HAN = r"\u4e00-\u9fff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"

# A reading in brackets glued after a Han character: 區(qū), 當(dāng).
# It must carry a tone mark (or ü), so "(de)" or an English "(AI)" is never touched.
PINYIN_ANNOTATION = re.compile(
    rf"(?<=[{_HAN}])\((?=[a-z{_TONED}ü]*[{_TONED}ü])[a-z{_TONED}ü]{{1,6}}\)"
)


# A character the scrape lost ("?") whose reading survives without its opening bracket.
LOST_CHARACTER = re.compile(rf"\?[a-z{_TONED}ü]{{1,6}}\)")


def strip_pinyin(line: str) -> tuple[str, list[str]]:
    """Remove pinyin readings glued after characters; return the line and what went."""
    if ")" not in line:  # most lines: no reading to look for
        return line, []
    removed = PINYIN_ANNOTATION.findall(line)
    return PINYIN_ANNOTATION.sub("", line), removed


def strip_lost_characters(line: str) -> tuple[str, list[str]]:
    """Remove ``?reading)`` leftovers of characters lost in the scrape."""
    if ")" not in line:
        return line, []
    removed = LOST_CHARACTER.findall(line)
    return LOST_CHARACTER.sub("", line), removed


# ---------------------------------------------------------------- normalisation
_FULLWIDTH_ALNUM = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
}
_TO_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK_CONTEXT = rf"[{_HAN}“”‘’《》（）【】、，。：；？！]"
_ASCII_PUNCT_NEAR_CJK = re.compile(
    rf"(?<={_CJK_CONTEXT})\s*([,:;?!()])|([,:;?!()])\s*(?={_CJK_CONTEXT})"
)
_SPACES = re.compile(r"[\s\u00a0\u3000\u2002\u2003\u200b\ufeff]+")
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH_ALNUM)
# Quick tests that let most lines skip the slower steps of normalise().
_ANY_FULLWIDTH_ALNUM = re.compile(f"[{''.join(_FULLWIDTH_ALNUM)}]")
_ANY_ASCII_PUNCT = re.compile(f"[{re.escape(''.join(_TO_FULLWIDTH))}]")


def normalise(line: str) -> str:
    """Normalise one line: full-width digits and letters to ASCII, ASCII punctuation
    next to Chinese text to its full-width form, whitespace trimmed and collapsed."""
    if _ANY_FULLWIDTH_ALNUM.search(line):
        line = line.translate(_FULLWIDTH_TABLE)
    line = _SPACES.sub(" ", line).strip()
    if not _ANY_ASCII_PUNCT.search(line):
        return line
    return _ASCII_PUNCT_NEAR_CJK.sub(lambda m: _TO_FULLWIDTH[m.group(1) or m.group(2)], line)


# ---------------------------------------------------------------- dateline
DATELINE = re.compile(
    rf"^(?P<outlet>[{_HAN}]{{1,8}}?(?:网|社|报|台|客户端))(?P<place>[{_HAN}]{{0,6}}?)"
    rf"(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日(?:电|讯)"
    r"(?:（(?P<credit>[^（）]{1,60})）)?"
)


def strip_dateline(line: str) -> tuple[str, dict | None]:
    """Remove a news-agency dateline such as ``中国访谈网11月18日讯（…）`` from the
    start of a line; return the rest and the parts read from it."""
    match = DATELINE.match(line)
    if not match:
        return line, None
    parts = match.groupdict()
    parts["text"] = match.group(0)
    return line[match.end():].lstrip("，, "), parts


# ---------------------------------------------------------------- line rules
@dataclass(frozen=True)
class LineRule:
    """A whole line of page debris, recognised by a pattern on lines up to ``max_len``."""

    name: str
    description: str
    pattern: re.Pattern
    max_len: int = 200

    def matches(self, line: str) -> bool:
        return len(line) <= self.max_len and bool(self.pattern.search(line))


def _rule(name: str, description: str, pattern: str, max_len: int = 200) -> LineRule:
    return LineRule(name, description, re.compile(pattern, re.IGNORECASE), max_len)


_SPAM_WORDS = "精品|在线观看|视频在线|不卡|三级|国产|亚洲|午夜|无码|高清在线"

LINE_RULES: tuple[LineRule, ...] = (
    _rule("seo_spam", "search-engine spam title of keyword chains",
          rf"^(?=(?:.*?(?:{_SPAM_WORDS})){{3}})[^。，]*$"),
    _rule("breadcrumb", "navigation crumbs (您的位置：首页 > …)",
          r"(当前的?位置|当前所在|您的位置|所在位置)\s*[：:]|首页\s*[>›»]", 120),
    _rule("accessibility_login", "accessibility, elderly-mode and login links",
          r"^(?:(?:无障碍(?:版|浏览)?|长者(?:助手|模式)|关怀版|适老化|登录|注册|繁体|简体|English)\s*[|丨]?\s*){2,}$", 60),
    _rule("site_banner", "site welcome banner", r"^欢迎(?:来到|访问|光临)", 40),
    _rule("share_widget", "share and print widgets",
          r"^【?(?:分享到?|扫一扫|打印本页|关闭窗口|打印|关闭|收藏)】?[：:]?\s*$", 20),
    _rule("photo_placeholder", "placeholder left where a photo or video was",
          r"^[\[【（(]?(?:图片|图|视频|点击播放|image|photo)[\]】）)]?$", 10),
    _rule("credit", "photographer, editor, source and contributor credits",
          r"^（[^（）]*(?:供稿|来源|摄影?|记者|通讯员|编辑)[^（）]*）$"
          r"|责任编辑|值班总编辑|编辑部审核|^(?:摄影|图片|文字|文|图|记者|通讯员|编辑|校对)\s*[：:／/|]"
          r"|^[^\s，。]{2,4}(?:[\s、][^\s，。]{2,4})*\s*摄影?$"
          rf"|(?:记者|通讯员)\s*[{_HAN}]{{2,4}}(?:[\s、][{_HAN}]{{2,4}})*\s*摄影?$"
          rf"|[一二三终]审\s*[{_HAN}]{{2,4}}|^(?:编辑|责编|校对|审核|监制)\s+[{_HAN}]{{2,4}}", 80),
    _rule("reprint_disclaimer", "reprint and copyright disclaimers",
          r"免责声明|版权归原作者|凡本网注明|仅供学习交流|不构成商业目的|不承担任何保证责任|索取稿酬|版权所有|转载请注明|未经授权"),
    _rule("source_link", "link to the original page", r"原文链接|原文地址|^https?://\S+$", 300),
    _rule("contact", "phone numbers, e-mail and QQ contacts",
          r"联系电话|监督电话|举报电话|客服\s*QQ|通联\s*QQ|\bQQ\s*[：:]|邮箱\s*[：:]|e-?mail\s*[：:]"
          # The lookbehind starts an address only where a run of its characters starts, so a
          # long line of Han characters (which \w matches) is scanned once, not once per character.
          r"|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|\b0\d{2,3}-\d{7,8}\b", 150),
    _rule("publisher_footer", "publisher, sponsor and address footer",
          r"主办\s*[|丨]|\s主管$|办公区\s*[：:]|ICP备|公网安备|技术支持\s*[：:]"),
)

#: Start of a trailing block of links to other articles; it and everything after it go.
RELATED_ARTICLES = re.compile(r"^【?(?:相关阅读|相关新闻|新闻推荐|推荐阅读|延伸阅读|相关推荐|热点推荐|猜你喜欢)】?[：:]?$")

METADATA_LINE = re.compile(r"(发布日期|发布时间|信息来源|来源\s*[：:]|作者\s*[：:]|浏览次数|字号\s*[：:])")
# An outlet name and a publication date on a line of their own: 羊城晚报 2019-11-13 16:53
_OUTLET_DATE_LINE = re.compile(
    rf"^(?P<outlet>[{_HAN}]{{2,12}})\s*(?P<date>\d{{4}}[-年/.]\d{{1,2}}[-月/.]\d{{1,2}}日?)(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$"
)
_METADATA_FIELDS = {
    "date": re.compile(r"(?:发布日期|发布时间|日期)\s*[：:]\s*(\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2})"),
    "source": re.compile(r"(?:信息来源|来源)\s*[：:]\s*([^\s：:]+)"),
    "author": re.compile(r"作者\s*[：:]\s*([^\s：:]+)"),
}


def debris_rule(line: str) -> str | None:
    """Name of the first line rule that matches ``line``, or ``None``."""
    for rule in LINE_RULES:
        if rule.matches(line):
            return rule.name
    return None


# The dateline under the title of a speech or report: ——2024年3月5日在第十四届全国人民代表大会第二次会议上
_DATELINE = re.compile(r"^[—–－-]{1,2}\s*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)\s*在\S+?上(?:的(?:讲话|报告))?$")


def read_dateline(line: str) -> str | None:
    """The date of a speech's or report's dateline (``——2024年3月5日在…会议上``), or ``None``."""
    match = _DATELINE.match(line.strip())
    return match.group("date") if match else None


def read_metadata_line(line: str) -> dict[str, str] | None:
    """Fields of a ``发布日期：… 来源：… 作者：…`` line, or ``None`` if it is not one."""
    if (match := _OUTLET_DATE_LINE.match(line)):
        return {"date": match.group("date"), "outlet": match.group("outlet")}
    if len(line) > 120 or not METADATA_LINE.search(line):
        return None
    fields = {k: m.group(1) for k, p in _METADATA_FIELDS.items() if (m := p.search(line))}
    return fields or None


_SENTENCE_END = re.compile(r"[。！？；…]$|[。！？]”$")


def is_heading(line: str, max_len: int = 60) -> bool:
    """A short line without sentence-final punctuation (a title or section heading)."""
    return len(line) <= max_len and not _SENTENCE_END.search(line)


def is_title(line: str, max_len: int = 60) -> bool:
    """A short line that may end in ！ or ？ (headlines do) but not in 。 or ；, nor in a colon:
    a line such as ``各位代表：`` ("fellow deputies:") is the salutation that opens a speech or
    report, not its title."""
    return len(line) <= max_len and not re.search(r"[。；…：:]$|[。]”$", line)


def banner_site_name(line: str) -> str:
    """The site named in a welcome banner: ``欢迎来到廉政法治网！`` -> ``廉政法治网``."""
    match = re.match(r"^欢迎(?:来到|访问|光临)(.+?)[！!。]?$", line)
    return match.group(1) if match else ""
