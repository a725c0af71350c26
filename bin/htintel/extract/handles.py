"""Social and messenger handles, from "kik: x" style mentions and from profile URLs.

A handle is reported as "platform:handle" (lowercase, no "@") only when it fits the
platform's own username rules (length and characters), is not a reserved path of the
platform's site ("instagram.com/p/...", "twitter.com/intent/...") and is not an ordinary
word ("kik me" names no one). WhatsApp links carry a phone number, not a handle: their
digits come back as ``phone_candidates`` for the phone finder to validate.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Tuple
from urllib.parse import parse_qs, unquote

from htintel.extract.numbers import NUMBER_WORDS, PHONE_RUN_CHARS, SYMBOLS
from htintel.extract.substrings import CYRILLIC_CASE_FOLD, occurrences
from htintel.extract.urls import is_valid_domain


@dataclass(frozen=True)
class HandleMatches:
    """What ``find_handles`` found: handles, and chat-link numbers for the phone finder."""

    handles: Tuple[str, ...] = ()  # "platform:handle", lowercase, without "@"
    # Raw digits (no "+") from wa.me/<n>, api.whatsapp.com/send?phone=<n>, signal.me/#p/+<n>
    # and t.me/+<n>; still to be validated as phone numbers.
    phone_candidates: Tuple[str, ...] = ()


_NOTHING_FOUND = HandleMatches()
_NO_FIRST_WORDS: FrozenSet[bytes] = frozenset()
# Hostile text can name a platform thousands of times; a real ad never needs more than this.
_MAX_CANDIDATES = 200

# Username syntax per platform, from each platform's published rules (lowercased input),
# with longer lengths where ads write longer names.
_HANDLE_SYNTAX: Dict[str, re.Pattern[str]] = {
    "kik": re.compile(r"[a-z0-9._]{5,20}\Z"),
    # Snapchat allows 15 characters, but ads name longer ones ("ines.marseille13",
    # "bondi_babe_"), and what an ad names is what links its ads. The same goes for X (15),
    # whose own mention parser, twitter-text, reads 20.
    "snapchat": re.compile(r"[a-z][a-z0-9._-]{1,28}[a-z0-9_]\Z"),
    "instagram": re.compile(r"(?!\.)(?!.*\.\.)[a-z0-9._]{1,30}(?<!\.)\Z"),
    "telegram": re.compile(r"[a-z][a-z0-9_]{3,30}[a-z0-9]\Z"),
    "twitter": re.compile(r"[a-z0-9_]{1,20}\Z"),
    "facebook": re.compile(r"(?:[a-z0-9.]{5,50}|[0-9]{5,20})\Z"),
    "flickr": re.compile(r"(?:[a-z0-9_-]{2,40}|[0-9]{5,12}@n[0-9]{2})\Z"),
    "wechat": re.compile(r"[a-z][a-z0-9_-]{5,19}\Z"),
    "line": re.compile(r"[a-z0-9._-]{4,20}\Z"),
    "kakao": re.compile(r"[a-z0-9._-]{4,20}\Z"),
    "vk": re.compile(r"[a-z0-9_.]{5,32}\Z"),
    "reddit": re.compile(r"[a-z0-9_-]{3,20}\Z"),
    "onlyfans": re.compile(r"[a-z0-9._-]{3,30}\Z"),
    "skype": re.compile(r"(?:live:[a-z0-9._-]{3,40}|[a-z][a-z0-9._-]{5,31})\Z"),
    "tiktok": re.compile(r"[a-z0-9._]{2,24}\Z"),
    # Signal usernames end in a dot and two or more digits ("bella.07"), but ads also name
    # ones without them ("zara.travels"): a name with a ".", a "_" or a digit ("signal:
    # strong" is a word).
    "signal": re.compile(
        r"(?:[a-z_][a-z0-9_]{2,31}\.[0-9]{2,9}"
        r"|(?=[a-z0-9_.]*[._0-9])[a-z_][a-z0-9_.]{1,30}[a-z0-9_])\Z"
    ),
}
# After an "@", which makes any name a username: the platforms whose syntax above also
# keeps out words ("signal: strong") take any name of their letters.
_HANDLE_SYNTAX_AFTER_AT: Dict[str, re.Pattern[str]] = {
    "signal": re.compile(r"[a-z_][a-z0-9_.]{1,30}[a-z0-9_]\Z"),
}

# Separators that list items, not name a handle (see _handle_named_after).
_LIST_SEPARATORS = frozenset("|·•")
# Words that follow a platform name but are not handles ("kik me", "snap only").
_STOP_WORDS: FrozenSet[str] = frozenset(
    (
        "me my on at and the only is are here add id please pls plz now too also no yes "
        "available contact message dm inbox text call for to via with us u link bio same "
        "below above or not ok okay chat messenger talk app number num contacto mi mon ma "
        "mein mio meu solo seulement nur friends friend follow followers verified private "
        "story stories video videos pic pics photo photos com net org live anytime "
        "anywhere today tonight later babe baby daddy honey first back for more info "
        "details pictures girl girls boy boys lady ladies model models sexy hot new real "
        "free fun love ready open always welcome hablamos llamame escribeme dont ask "
        "friendly discreet verified generous playful petite exclusive premium daily weekly "
        "messages message requests request users account accounts preferred mainly "
        "both beides ambos ambas entrambi"
    ).split()
)

# Platform names and their short forms, as ads write them. Keys are lowercase.
_ALIASES: Dict[str, str] = {
    "kik": "kik",
    "kik messenger": "kik",
    "snapchat": "snapchat",
    "snap chat": "snapchat",
    "snap": "snapchat",
    "sc": "snapchat",
    "👻": "snapchat",
    "instagram": "instagram",
    "insta": "instagram",
    "ig": "instagram",
    "telegram": "telegram",
    "telegramm": "telegram",
    "инстаграм": "instagram",  # ru, uk
    "инст": "instagram",
    "инстаграме": "instagram",
    "инста": "instagram",
    "инсте": "instagram",  # "в инсте @x"
    "инсту": "instagram",
    "телеграм": "telegram",
    "телеграмм": "telegram",
    "телега": "telegram",
    "телегу": "telegram",
    "телеге": "telegram",
    "телеграме": "telegram",
    "телеграмме": "telegram",
    "телеграму": "telegram",
    "телеграмму": "telegram",
    "telegramu": "telegram",  # cs, sk, pl: "na telegramu"
    "telegramie": "telegram",  # pl: "na telegramie"
    "snapie": "snapchat",  # pl: "na snapie"
    "snapa": "snapchat",  # pl: "przez snapa"
    "instagramie": "instagram",  # pl: "na instagramie"
    "тг": "telegram",
    "tg": "telegram",
    "tele": "telegram",  # vi, pt slang ("tele: @x")
    "ins": "instagram",  # zh, vi slang; only before ":" or "@" (_SEPARATOR_ONLY_ALIASES)
    "twitter": "twitter",
    "facebook": "facebook",
    "fb": "facebook",
    "flickr": "flickr",
    "wechat": "wechat",
    "we chat": "wechat",
    "weixin": "wechat",
    "wx": "wechat",
    "vx": "wechat",
    "微信": "wechat",
    "威信": "wechat",
    "薇信": "wechat",
    "v信": "wechat",
    "line": "line",
    "ライン": "line",
    "라인": "line",
    "ไลน์": "line",
    "เทเลแกรม": "telegram",  # th
    "kakao": "kakao",
    "kakaotalk": "kakao",
    "kakao talk": "kakao",
    "카톡": "kakao",
    "카카오톡": "kakao",
    "カカオ": "kakao",  # ja; also "cacao": only before a separator (_SEPARATOR_ONLY_ALIASES)
    "カカオトーク": "kakao",
    "카카오": "kakao",
    "vk": "vk",
    "вк": "vk",
    "вконтакте": "vk",
    "reddit": "reddit",
    "onlyfans": "onlyfans",
    "of": "onlyfans",
    "only fans": "onlyfans",
    "skype": "skype",
    "скайп": "skype",
    "tiktok": "tiktok",
    "tik tok": "tiktok",
    "signal": "signal",
    "sig": "signal",  # only before ":" or "@" (_SEPARATOR_ONLY_ALIASES)
    # Names in other scripts and the slang of their ads. WhatsApp names are left out: a
    # WhatsApp contact is a phone number, which the phone finder reads.
    "电报": "telegram",  # zh
    "電報": "telegram",
    "飞机": "telegram",  # zh slang ("plane", for its logo); also a plane: see below
    "飛機": "telegram",
    "纸飞机": "telegram",
    "紙飛機": "telegram",
    "텔레그램": "telegram",  # ko
    "텔레": "telegram",
    "テレグラム": "telegram",  # ja
    "تيليجرام": "telegram",  # ar
    "تليجرام": "telegram",
    "تلغرام": "telegram",
    "تيليغرام": "telegram",
    "تلجرام": "telegram",
    "التلجرام": "telegram",  # with the article: "عبر التلجرام" (through Telegram)
    "加v": "wechat",  # zh: "add V(X)"
    "加微": "wechat",
    "薇": "wechat",  # zh homophone of 微; also a girl's name: see below
    "微": "wechat",  # zh, short for 微信; also "micro", "slight": see below
    "加薇": "wechat",
    "賴": "line",  # zh-TW slang; also a surname and "to rely": see below
    "加賴": "line",
    "سناب": "snapchat",  # ar
    "سناب شات": "snapchat",
    "스냅": "snapchat",  # ko
    "스냅챗": "snapchat",
    "인스타": "instagram",  # ko
    "인스타그램": "instagram",
    "インスタ": "instagram",  # ja
    "インスタグラム": "instagram",
    "انستا": "instagram",  # ar
    "انستقرام": "instagram",
    "انستغرام": "instagram",
    "انستجرام": "instagram",
    "إنستغرام": "instagram",
    "推特": "twitter",  # zh
    "ツイッター": "twitter",  # ja
    "트위터": "twitter",  # ko
    "위챗": "wechat",  # ko
    "스카이프": "skype",  # ko
    "سكايب": "skype",  # ar
    "スカイプ": "skype",  # ja
}
# Messengers that are no platform of DESIGN.md (a number reaches them).
_OTHER_MESSENGERS = frozenset("whatsapp viber zalo qq imessage facetime messenger".split())
# Every name ads give a messaging platform: the next item of a list ("Facebook · Twitter"),
# never a username, nor the local part of an address ("Instagram @ bella.to").
PLATFORM_NAMES: FrozenSet[str] = frozenset(_ALIASES) | _OTHER_MESSENGERS
# Other ways to get in touch, never a username either ("WhatsApp | Email a friend").
_CONTACT_WORDS = frozenset("email e-mail mail sms".split())

# Common words that name a platform only before ":" or "@" ("OF: bella22", not "pics of x22";
# "飞机：@bella22", not "坐飞机 3h"; "薇：abc123", not "小薇 abc123").
_SEPARATOR_ONLY_ALIASES = frozenset(
    {"of", "ins", "sig", "飞机", "飛機", "薇", "微", "賴", "カカオ"}
)
# ... or, for the one-character names (never part of a longer word, see _is_part_of_a_longer_word),
# before a Latin name with "_", which no Chinese sentence goes on with ("賴 taichung_baby");
# "坐飞机 abc_123" could still be "take a plane".
_CJK_SEPARATOR_ONLY = frozenset({"薇", "賴"})
# Cyrillic names are whole words ("вк", not the start of "вкусно").
_CYRILLIC_ALIASES = tuple(
    sorted((a for a in _ALIASES if "а" <= a[0] <= "я"), key=len, reverse=True)
)
# Names in scripts written without spaces (微信号abc, 카톡아이디) may touch the handle and
# the words around them.
_SCRIPT_ALIASES = tuple(
    sorted(
        (a for a in _ALIASES if not a.isascii() and a not in _CYRILLIC_ALIASES),
        key=len,
        reverse=True,
    )
)


# Thai words that hold a platform's name but are no mention of it (Thai writes no spaces, so
# no boundary test can tell "ทักไลน์" (message on LINE) from "ออนไลน์" (online)).
_WORDS_HOLDING_A_NAME: Dict[str, Tuple[Tuple[str, int], ...]] = {
    "ไลน์": tuple(
        (word, word.index("ไลน์"))
        for word in (
            "ออนไลน์",
            "เดดไลน์",
            "ไทม์ไลน์",
            "แอร์ไลน์",
            "ไกด์ไลน์",
            "ไลน์แมน",
            "ไซด์ไลน์",  # "sideline", the side job of Thai escort ads
        )
    ),
}


# Substrings that several non-Latin names share: one search for each instead of one per name.
_SHARED_NAME_PARTS = (
    *("телег", "信", "카", "加", "飞机", "飛機", "텔레", "스냅", "인스타", "インスタ"),
    *("سناب", "انست", "تلجرام"),
)


def _grouped_by_shared_part(aliases: Tuple[str, ...]) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """(substring, the aliases that contain it) pairs covering every alias once."""
    groups: Dict[str, Tuple[str, ...]] = {}
    for alias in aliases:
        part = next((part for part in _SHARED_NAME_PARTS if part in alias), alias)
        groups[part] = (*groups.get(part, ()), alias)
    return tuple(groups.items())


_CYRILLIC_ALIAS_GROUPS = _grouped_by_shared_part(_CYRILLIC_ALIASES)
_SCRIPT_ALIAS_GROUPS = _grouped_by_shared_part(_SCRIPT_ALIASES)


def _aliases_by_first_word() -> Dict[str, Tuple[str, ...]]:
    """ASCII aliases keyed by their first word, longest first ("snap" -> "snap chat", "snap")."""
    grouped: Dict[str, Tuple[str, ...]] = {}
    for alias in sorted((a for a in _ALIASES if a.isascii()), key=len, reverse=True):
        first_word = alias.split(" ")[0]
        grouped[first_word] = (*grouped.get(first_word, ()), alias)
    return grouped


_ALIASES_BY_FIRST_WORD = _aliases_by_first_word()
# A name of two words is also written with a hyphen: "Snap-chat", "Tik-Tok".
_HYPHENATED = {alias: alias.replace(" ", "-") for alias in _ALIASES if " " in alias}
_FIRST_WORDS = frozenset(word.encode("ascii") for word in _ALIASES_BY_FIRST_WORD)
# First words that name a platform only with the word after them ("we chat", "only fans").
_PHRASES_BY_START_WORD = {
    word.encode("ascii"): tuple(alias.encode("ascii") for alias in aliases)
    for word, aliases in _ALIASES_BY_FIRST_WORD.items()
    if all(" " in alias for alias in aliases)
}
_PHRASE_START_WORDS = frozenset(_PHRASES_BY_START_WORD)
# ASCII punctuation becomes a space, so "kik:bella" and "(IG)" split into words, and ASCII
# capitals become small letters; other bytes (UTF-8 of other scripts) stay as they are. The
# words of the UTF-8 text are then those of its lowercase, except where a non-ASCII
# character lowercases to an ASCII letter: only the Kelvin sign does (to "k"; "İ" becomes
# "i" and a combining dot, still not ASCII).
_FOLDED_WORD_BREAKS = bytes(
    0x20
    if (chr(b).isascii() and not chr(b).isalnum() and chr(b) != "_")
    else ord(chr(b).lower())
    if chr(b).isascii()
    else b
    for b in range(256)
)
_KELVIN_SIGN = "\u212a"
# The name gate's one pass over the UTF-8 text: _FOLDED_WORD_BREAKS on ASCII letters, every
# other byte a break, so the words left are a superset of the ASCII words of the text and
# of their letter runs, whatever stands next to them ("kik💋bella" -> "kik bella"), and
# numbers ("24/7", "$150") leave no word to look up. Two breaks also mark where names in
# other scripts may be: ASCII whitespace has become a space by then, so a vertical tab
# marks the lead byte of a Cyrillic letter (the capital or small letter of each Cyrillic
# name's first letter starts with one; only those lowercase to one) and a form feed that of
# the first character of a part in _SCRIPT_ALIAS_GROUPS.
_CYRILLIC_LEAD_BYTES = b"\xd0\xd1"
_CYRILLIC_MARK = b"\x0b"
_SCRIPT_NAME_MARK = b"\x0c"
_SCRIPT_NAME_LEAD_BYTES = frozenset(part.encode("utf-8")[0] for part, _ in _SCRIPT_ALIAS_GROUPS)
_NAME_GATE_BYTES = bytes(
    _FOLDED_WORD_BREAKS[b]
    if chr(b).isascii() and chr(b).isalpha()
    else _CYRILLIC_MARK[0]
    if b in _CYRILLIC_LEAD_BYTES
    else _SCRIPT_NAME_MARK[0]
    if b in _SCRIPT_NAME_LEAD_BYTES
    else 0x20
    for b in range(0x100)
)
# A Cyrillic name in the lowercased text is one in the text's UTF-8 folded by
# CYRILLIC_CASE_FOLD.
_FOLDED_CYRILLIC_NAME_PARTS = tuple(
    part.encode("utf-8").translate(CYRILLIC_CASE_FOLD) for part, _ in _CYRILLIC_ALIAS_GROUPS
)
_SCRIPT_NAME_PARTS = tuple(part for part, _ in _SCRIPT_ALIAS_GROUPS)
_HANDLE_CHARS = r"[a-z0-9_][a-z0-9_.\-]{0,49}"
# ID words between the platform and the handle ("LINE ID", "微信号", "카톡 아이디").
_ID_WORDS = (
    r"(?:id|name|username|user|handle|me|add|account|hesab[ıi]m[ıi]z|hesab[ıi]m|hesap)"
    r"(?![a-z0-9_])|号|號|帳號|账号|帐号|アカウント|아이디|계정|ไอดี|(?:ид|ник)(?![а-я])"
)
# Words of "get in touch" that ads in languages written without spaces, and Korean with its
# particles, put between a platform name and its handle: "加LINE好友 @x" (friend), "LINEで
# @x" (by), "카톡 문의 x22" (inquiry), "ไลน์ได้เลย @x" (right away); and "only" in the
# Latin-script languages ("telegram only @x"). They make no handle explicit: without ":"
# or "@" after them, only a name unlike a word is taken.
_GET_IN_TOUCH_WORDS = "|".join(
    sorted(
        (
            "好友 联系 聯繫 联络 聯絡 搜索 搜尋 私聊 私信 咨询 諮詢 客服 "  # zh
            "で の から にて まで 検索 追加 友だち追加 友達追加 問い合わせ お問い合わせ "  # ja
            "連絡 ご連絡 連絡して 連絡してね 連絡ください "
            "chat "  # "سناب chat: x", "kik chat: x"
            "문의 연락 연락처 으로 로 추가 친추 "  # ko
            "ได้เลย ได้ ติดต่อ แอด มาได้เลย เดิม "  # th ("เดิม": the same as before)
            "ko(?![a-z0-9_.])"  # tl: "snap ko: x" (my snap), not "카톡 koreanmodel_job"
            " po(?![a-z0-9_.])"  # tl: "Tg ko po @x" (the polite "po")
            # "telegram only @x", "snap only: x", "IG solo @x", "Insta nur: x"
            " only(?![a-z0-9_]) solo(?![a-z0-9_]) nur(?![a-z0-9_]) só(?![a-z0-9_])"
            " apenas(?![a-z0-9_]) somente(?![a-z0-9_]) فقط"
            " now(?![a-z0-9_])"  # "telegram now 👉 @x"
            " nya(?![a-z0-9_])"  # id: "ig nya @x" (its IG)
            " both(?![a-z0-9_]) beides(?![a-z0-9_]) ambos(?![a-z0-9_])"  # "IG & snap both: x"
            " 亦可 也可 也可以"  # zh: "微信亦可：x" (WeChat also works)
        ).split(),
        key=len,
        reverse=True,
    )
)
# "kik: bella22", "kik me bella22", "IG @bella", "telegram: @bella", "微信号：abc123".
# Arrows, dingbats and emoji that ads put between a platform name and its handle
# ("Insta👉bella", "snap🔥 bella22"): separators, and word breaks for the name search.
_SYMBOL_BREAK_CHARS = "[" + SYMBOLS + "]"
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Chinese, Japanese)
# and Hangul, whose particles follow a name unspaced ("LINE으로"), with their punctuation: a
# change from one of them to Latin letters is a word break ("加LINE：x", "ご応募はLINE: x",
# "。Twitter @x"). No character lowercases into or out of these ranges.
_SPACELESS_SCRIPTS = (
    "\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff"
    "\u3000-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uffdc"
    "\U00020000-\U0003134f"
)
# What ends a word of the text besides ASCII punctuation and spaces.
_WORD_BREAKS = re.compile("[" + SYMBOLS + _SPACELESS_SCRIPTS + "]+")
_HANDLE_AFTER_ALIAS = re.compile(
    r"(?:[ \t]{0,2}(?:" + _GET_IN_TOUCH_WORDS + r")){0,2}"
    # "IG (username): x", "телеграм (ник) — x": an ID word may stand in brackets.
    r"(?:[ \t]{0,2}\(?(?P<id_word>" + _ID_WORDS + r"))?"
    # "飞机(TG): @x": a name in brackets, closed right before its separator.
    r"(?P<separator>(?:\)(?=[ \t]{0,3}[:：=\-–—>»~|•·]))?[ \t]{0,3}"
    r"(?:->|=>|[:：=\-–—>»~|•·(]|"
    + _SYMBOL_BREAK_CHARS
    + r"{1,3}\ufe0f?|(?:is|es|é|as|como|comme|come|wie|hai)(?= ))?"
    r"[ \t]{0,3}(?:@[ \t]?)?)"
    r"(?P<handle>(?:live:)?" + _HANDLE_CHARS + r")"
)
# What _HANDLE_AFTER_ALIAS reads: before the handle, at most 46 characters (two of 2 spaces
# and a get-in-touch word of up to 8 characters, 2 spaces, "(", "hesabımız", ")", 3 spaces,
# "comme", 3 spaces, "@" and a space), all of them characters of the
# pattern before its handle group or symbols; then the handle, at most "live:" and 50 handle
# characters, and the character after it. So a match reads nothing past the first character
# that is no handle character (nor ":") at or after the end of the run of those characters
# that starts the text after the name (at most 47 of them are needed), nor past "live:" and
# 50 more; Flickr IDs ("12345678@n04") excepted.
_BEFORE_HANDLE_RUN = re.compile(
    "["
    # Every character of the pattern's text (a superset of what it matches literally), the
    # characters it writes as escapes, and its symbol ranges.
    + "".join(
        sorted(
            {re.escape(c) for c in _HANDLE_AFTER_ALIAS.pattern.split("(?P<handle>")[0]}
            | {re.escape(c) for c in " \t\ufe0f"}
        )
    )
    + SYMBOLS
    + "]*"
)
_MAX_BEFORE_HANDLE = 46
_HANDLE_RUN = re.compile(r"[a-z0-9_.\-:]*")
# A "/" after a handle starts a link's path ("kik: bella22/x"), but for a platform name after
# it: "line: bella22/twitter @x" lists another handle (Japanese ads write "／" between them).
_NAME_AFTER_SLASH = re.compile(
    r"[ \t]?(?:"
    + "|".join(
        re.escape(alias)
        for alias in sorted(_ALIASES, key=len, reverse=True)
        if alias not in _SEPARATOR_ONLY_ALIASES
    )
    + r")(?![a-z0-9_])"
)
# What _NAME_AFTER_SLASH reads after the "/": a space, a name and the character after it.
_MAX_NAME_AFTER_SLASH = 1 + max(len(alias) for alias in _ALIASES) + 1
_MAX_HANDLE = len("live:") + 50
# "And" in the languages of the ads, longer words first ("en" must not stop at its "e"):
# what joins two platform names (_ALIAS_JOINER) or two handles of one (_LISTED_HANDLE).
_AND_WORDS = "and|und|och|en|et|og|ve|y|e|и"
# A handle listed after another of the same platform, and how it is joined to it.
_LISTED_HANDLE = re.compile(
    r"[ \t]{0,2}(?:[/&,·•|]|" + _AND_WORDS + r")[ \t]{0,2}@?"
    r"(?P<handle>[a-z0-9_.]{2,50})(?![a-z0-9_@:/])"
)
_MAX_LISTED_HANDLES = 3
# A name right after a platform name and a space (see _bare_names_in_a_list).
_BARE_NAME = re.compile(r"[ \t]{1,2}(?P<name>[a-z][a-z0-9._]{3,29})(?![a-z0-9_.@:/-])")
_MIN_BARE_NAME = 5
_MAX_LIST_JOINER_CHARS = 40
# What joins the items of a list of contacts: slashes, bars, bullets, commas, emoji,
# ellipses (a lone "." ends a sentence), "or".
_LIST_JOINER_CHARS = r"(?:[\s/|·•,;" + SYMBOLS + r"\ufe0f]|\.{2,})"
_LIST_JOINER = re.compile(
    _LIST_JOINER_CHARS
    + r"*(?:(?<![a-z])(?:or|oder|o|ou|y|и|или)(?![a-z])"
    + _LIST_JOINER_CHARS
    + r"*)?"
)
_LIST_JOINER_AT_END = re.compile("(?:" + _LIST_JOINER.pattern + r")\Z")
# "Or" between two platform names names the same handle on both ("IG or snap: bella22").
_OR_WORDS = "or|oder|ou|o|ó|или|lub|albo|sau|veya|atau|hoặc|ya"
_ALIAS_JOINER = re.compile(
    r"[ \t]{0,2}(?:[/&+,]|" + _AND_WORDS + r")[ \t]{0,2}"
    r"|[ \t]{1,2}(?:" + _OR_WORDS + r")[ \t]{1,2}"
)
# "@bella22 on telegram", "bella22 on kik", "@bella (IG)": searched in a window that ends
# where the platform name starts.
_WORDS_BEFORE_ALIAS = (
    "on", "en", "no", "na", "in", "via", "at", "auf", "sur", "su", "sa", "trên", "в", "во", "@"
)  # fmt: skip
_HANDLE_BEFORE_ALIAS = re.compile(
    # Not the end of a link's path: "onlyfans.com/lisa_gron en Flickr" (Dutch "en", and).
    r"(?<![a-z0-9_.@/])(?P<at>@)?(?P<handle>" + _HANDLE_CHARS + r")"
    r"[ \t]{1,3}(?:(?:" + "|".join(_WORDS_BEFORE_ALIAS) + r")[ \t]{1,3}|\()\Z"
)
# What a match of _HANDLE_BEFORE_ALIAS holds: "@" and handle characters, then its ending
# (spaces and a word of _WORDS_BEFORE_ALIAS, or "(").
_HANDLE_OR_AT_CHARS = string.ascii_lowercase + string.digits + "_.-@"
_BEFORE_ALIAS_ENDING_CHARS = " \t(" + "".join(sorted(set("".join(_WORDS_BEFORE_ALIAS))))
_REDDIT_SHORT = re.compile(r"u/(?P<handle>[a-z0-9_-]{3,20})(?![a-z0-9_-])")
# A profile or chat link's path, read from the "/" after a known host.
_URL_PATH = re.compile(r"/[^\s<>\"'`{}|\\^]{0,300}")
_CHAT_HOSTS = frozenset({"wa.me", "whatsapp.com", "signal.me"})
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
_URL_HINTS = (".com/", ".me/", ".am/", ".dog/")
# What comes before the "/" of a link to a known host or of "u/bella".
_BEFORE_SLASH_HINTS = (*(hint[:-1] for hint in _URL_HINTS), "u")
# A "/" after one of _BEFORE_SLASH_HINTS in any case. Without one the text holds no profile
# link and no short Reddit name, whatever its number of "/": the link steps look for
# _URL_HINTS and "u/" in the lowercased text, and their ASCII letters lowercase from
# themselves and their capitals only ("İ" and the Kelvin sign hold none of them).
_SLASH_AFTER_A_HOST_OR_U = re.compile(
    "/(?:" + "|".join(f"(?<=(?i:{re.escape(hint)})/)" for hint in _BEFORE_SLASH_HINTS) + ")"
)
_SUBDOMAIN_PREFIXES = ("www.", "m.", "mobile.", "web.", "api.", "chat.")

_HOST_PLATFORMS: Dict[str, str] = {
    "instagram.com": "instagram",
    "instagr.am": "instagram",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "telegram.dog": "telegram",
    "twitter.com": "twitter",
    "x.com": "twitter",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "fb.me": "facebook",
    "snapchat.com": "snapchat",
    "tiktok.com": "tiktok",
    "onlyfans.com": "onlyfans",
    "vk.com": "vk",
    "reddit.com": "reddit",
    "flickr.com": "flickr",
    "kik.me": "kik",
    "line.me": "line",
}
# First path segments that are site pages, not profiles.
_RESERVED_PATHS: Dict[str, FrozenSet[str]] = {
    "instagram": frozenset(
        "p reel reels explore stories accounts tv direct about legal developer web s "
        "challenge emails ar".split()
    ),
    "telegram": frozenset(
        "joinchat addstickers addemoji share s c iv proxy socks addtheme setlanguage login "
        "confirmphone addlist boost contact".split()
    ),
    "twitter": frozenset(
        "home share intent i search hashtag explore settings login signup messages "
        "notifications compose tos privacy about download account logout".split()
    ),
    "facebook": frozenset(
        "pages groups events sharer sharer.php share dialog login watch photo photo.php "
        "story.php permalink.php marketplace help policies hashtag people gaming business "
        "l.php plugins media video.php reel".split()
    ),
    "onlyfans": frozenset("my action api files help terms privacy".split()),
    "vk": frozenset(
        "share.php away.php feed im search friends groups video audio music photos docs "
        "apps login settings".split()
    ),
}
_VK_OBJECT = re.compile(
    r"(?:wall|photo|video|club|public|topic|album|audio|doc|note|page|market)-?[0-9]"
)
_FLICKR_ID = re.compile(r"[0-9]{5,12}@n[0-9]{2}(?![a-z0-9_])")
_FLICKR_PAGES = frozenset("tags upload organize friends search".split())
_NON_DIGITS = re.compile(r"[^0-9]")


_PHONE_SHAPED_HANDLE = re.compile(r"[0-9]+(?:[-.][0-9]+)+\Z")


def valid_handle(platform: str, handle: str, after_at: bool = False) -> Optional[str]:
    """The "platform:handle" value if ``handle`` fits the platform's username rules, else None.

    ``after_at``: the ad wrote "@" before it ("Signal: @VelvetRose"), which makes any name
    a username, where a plain "signal: strong" is a word.
    """
    handle = handle.lower().lstrip("@")
    syntax = (after_at and _HANDLE_SYNTAX_AFTER_AT.get(platform)) or _HANDLE_SYNTAX.get(platform)
    # A number word is the start of a spelled-out phone ("my line: seven zero two ..."),
    # not a username; a platform's name is the next item of a list ("Facebook · Twitter").
    if (
        syntax is None
        or handle in _STOP_WORDS
        or handle in NUMBER_WORDS
        or handle in PLATFORM_NAMES
        or handle in _CONTACT_WORDS
    ):
        return None
    if not syntax.match(handle):
        return None
    # "+81 90-3318-4462 (LINE OK)": digit groups with separators are a phone number, which
    # the phone finder reads; as a username they would link ads on a phone's spelling.
    if _PHONE_SHAPED_HANDLE.match(handle):
        return None
    # "bella.com" after "insta:" is a website, not a username.
    if (
        "." in handle
        and is_valid_domain(handle)
        and handle.rsplit(".", 1)[1] in ("com", "net", "org")
    ):
        return None
    return f"{platform}:{handle}"


def _platform_of(alias: str) -> str:
    return _ALIASES[alias]


def _trim_handle(raw: str) -> str:
    """A handle written before punctuation ("bella22." or "bella22,") ends before it."""
    return raw.rstrip(".,-")


def _looks_like_a_name(handle: str) -> bool:
    """A digit, "_" or inner "." makes a handle unlike a word ("bella22", not "lovely"), if
    it has a letter too: "line 0800 123 4567" is a phone line."""
    return ("_" in handle or "." in handle or any(c.isdigit() for c in handle)) and _has_a_letter(
        handle
    )


def _has_a_letter(handle: str) -> bool:
    return any(c.isalpha() for c in handle)


def _is_latin_name_after_other_script(alias: str, handle: str) -> bool:
    """True for a Latin ``handle`` (with a letter) after a platform name written in a
    non-Latin script."""
    return alias[0] >= "\u0370" and handle.isascii() and _has_a_letter(handle)


def _handle_after_name(lowered: str, name: str, end: int) -> Optional[str]:
    """_handle_after_alias, from the few characters its match can read (see
    _BEFORE_HANDLE_RUN): a short key that repeats across ads ("kik: bella22 ")."""
    if name == "flickr":
        return _handle_after_alias(lowered, name, end)  # a Flickr ID reads past its "@"
    # Both runs match the empty string too: they never fail.
    run = _BEFORE_HANDLE_RUN.match(lowered, end, end + _MAX_BEFORE_HANDLE + 1)
    before_handle = run.end() if run is not None else end
    run = _HANDLE_RUN.match(lowered, before_handle, before_handle + _MAX_HANDLE + 1)
    handle_end = run.end() if run is not None else before_handle
    window_end = handle_end + 1
    if lowered.startswith("/", handle_end):
        window_end += _MAX_NAME_AFTER_SLASH  # "bella22/Twitter": a list, not a link
    return _handle_after_window(name, lowered[end:window_end])


@lru_cache(maxsize=4096)
def _handle_after_window(name: str, window: str) -> Optional[str]:
    """_handle_after_alias on a window that holds all its match can read, from its start."""
    return _handle_after_alias(window, name, 0)


def _handle_after_alias(lowered: str, name: str, end: int) -> Optional[str]:
    match = _HANDLE_AFTER_ALIAS.match(lowered, end)
    if match is None:
        return None
    end = match.end()
    if name == "flickr":
        flickr_id = _FLICKR_ID.match(lowered, match.start("handle"))
        if flickr_id is not None:
            return valid_handle("flickr", flickr_id.group(0))
    follower = lowered[end : end + 1]
    if follower == "/" and _NAME_AFTER_SLASH.match(lowered, end + 1) is not None:
        follower = " "  # "LINE ID：sakura_88／Twitter @x" (NFKC makes "／" a "/")
    return _handle_named_after(
        name,
        match.group("separator"),
        match.group("id_word") is not None,
        match.group("handle"),
        follower,
        match.start("separator") == match.start(),  # no get-in-touch word between
    )


@lru_cache(maxsize=4096)
def _handle_named_after(
    name: str,
    separator: str,
    has_id_word: bool,
    handle: str,
    follower: str,
    right_after_name: bool,
) -> Optional[str]:
    """The rest of _handle_after_alias, from what its match read (``follower``: the character
    after it, or "" at the end; ``right_after_name``: no get-in-touch word came between): a
    function of these short strings alone, cached because ads repeat their "kik: bella22"."""
    if follower in ("@", "/"):
        return None  # an email address or a URL follows, not a handle
    if follower.isalpha() and follower < "\u0370":
        return None  # a Latin word with accents ("aliceìnheiro"), not a handle
    raw = _trim_handle(handle)
    if follower == ")" and len(raw) == 1:
        return None  # the platform's one-letter name in brackets: "Twitter (X)"
    # A bare hyphen joins words ("Insta-famous"); with spaces ("snap - x") it separates. A bar
    # or a bullet also lists what follows ("Share: Facebook · Todos los ...", "WhatsApp |
    # Telegram | Email a friend"): after one, only a name unlike a word.
    explicit = (
        separator.strip() and separator != "-" and separator.strip() not in _LIST_SEPARATORS
    ) or has_id_word
    # Without ":", "@", "ID"... only a name unlike a word: "kik bella22" but not "kik anytime",
    # "SC 29201", "IG models", "line up"; or any Latin name right after a platform named in
    # another script ("카톡 ktownspa", "ไลน์ bella"), where no sentence goes on in Latin
    # ("카톡 문의 hello", "KakaoTalk inquiries: hello", is a greeting).
    if not explicit and (
        (name in _SEPARATOR_ONLY_ALIASES and not (name in _CJK_SEPARATOR_ONLY and "_" in raw))
        or not (
            _looks_like_a_name(raw)
            or (right_after_name and _is_latin_name_after_other_script(name, raw))
        )
    ):
        return None
    return valid_handle(_platform_of(name), raw, after_at="@" in separator)


def _handle_before_alias(lowered: str, name: str, start: int) -> Optional[Tuple[int, str]]:
    # The search tries every position of its window: first test, far more cheaply, that
    # the text just before the name ends as it needs ("... on ", "... (").
    ending = lowered[max(0, start - 8) : start]  # the longest needed is "via" and 3 spaces
    if not ending.endswith("(") and not (
        ending[-1:] in (" ", "\t") and ending.rstrip(" \t").endswith(_WORDS_BEFORE_ALIAS)
    ):
        return None
    # The search starts 60 characters before the name; its look-behind reads one more.
    window_start = max(0, start - 61)
    window = lowered[window_start:start]
    search_from = max(0, start - 60) - window_start
    # A match is "@" and handle characters, then its ending: it starts inside the last run
    # of "@" and handle characters before the ending, and only its look-behind reads the
    # character before that run. Stripping the ending's characters may strip some of the
    # handle too: the run found then starts at the same place or before, never after. So
    # the window can start at that character (it cannot start a match), which makes it a
    # short key that repeats across ads ("\n@bella22 on ").
    before_ending = window.rstrip(_BEFORE_ALIAS_ENDING_CHARS)
    run_start = len(before_ending.rstrip(_HANDLE_OR_AT_CHARS))
    if run_start > 0:
        window = window[run_start - 1 :]
        window_start += run_start - 1
        search_from = 0
    found = _handle_before_window(name, window, search_from)
    return None if found is None else (window_start + found[0], found[1])


@lru_cache(maxsize=2048)
def _handle_before_window(name: str, window: str, search_from: int) -> Optional[Tuple[int, str]]:
    """(start in ``window``, value) of the handle named in the words that end ``window``
    right before the platform name, as in "@bella22 on kik"."""
    match = _HANDLE_BEFORE_ALIAS.search(window, search_from)
    if match is None:
        return None
    raw = _trim_handle(match.group("handle"))
    # Without "@", only a name that cannot be a word ("bella22 on kik", not "me on kik").
    if not match.group("at") and not _looks_like_a_name(raw):
        return None
    value = valid_handle(_platform_of(name), raw)
    return (match.start(), value) if value is not None else None


def _alias_positions(
    lowered: str, first_words: FrozenSet[bytes], in_other_scripts: bool
) -> List[Tuple[int, int, str]]:
    """(start, end, alias) of every platform name written as a word (or in a spaceless script).

    ``first_words``: the words of _FIRST_WORDS in the text; ``in_other_scripts``: False only
    when the text can hold no Cyrillic name nor one of _SCRIPT_ALIASES (see _name_hints).
    """
    found: List[Tuple[int, int, str]] = []
    for first_word_bytes in first_words:
        first_word = first_word_bytes.decode("ascii")
        for start in occurrences(lowered, first_word, _MAX_CANDIDATES):
            if start > 0 and _continues_a_word(lowered[start - 1]):
                continue  # inside a word: "discreet", "night"
            for alias in _ALIASES_BY_FIRST_WORD[first_word]:
                end = start + len(alias)
                if (
                    lowered.startswith(alias, start)
                    or (alias in _HYPHENATED and lowered.startswith(_HYPHENATED[alias], start))
                ) and not (end < len(lowered) and _continues_a_word(lowered[end])):
                    found.append((start, end, alias))
                    break
    if in_other_scripts:
        cyrillic_aliases = [
            alias for part, group in _CYRILLIC_ALIAS_GROUPS if part in lowered for alias in group
        ]
        for alias in cyrillic_aliases:
            for start in occurrences(lowered, alias, _MAX_CANDIDATES) if alias in lowered else ():
                end = start + len(alias)
                if (start == 0 or not lowered[start - 1].isalnum()) and (
                    end == len(lowered) or not lowered[end].isalnum()
                ):
                    found.append((start, end, alias))
        script_aliases = [
            alias for part, group in _SCRIPT_ALIAS_GROUPS if part in lowered for alias in group
        ]
        for alias in script_aliases:
            for start in occurrences(lowered, alias, _MAX_CANDIDATES) if alias in lowered else ():
                if not _is_part_of_a_longer_word(lowered, start, alias):
                    found.append((start, start + len(alias), alias))
    return found


def _continues_a_word(character: str) -> bool:
    """Whether a character next to a Latin name makes it part of a longer word ("discreet"):
    letters, digits and "_", but not those of the scripts written without spaces ("加LINE")."""
    if character.isascii():
        return character.isalnum() or character == "_"
    return character.isalnum() and _WORD_BREAKS.match(character) is None


def _is_part_of_a_longer_word(lowered: str, start: int, alias: str) -> bool:
    """Whether the name in another script at ``start`` is part of a longer word: "ライン" in
    "オンライン" (online), "라인" in "가이드라인", "ไลน์" in "ออนไลน์", "加v" in "加vip"."""
    end = start + len(alias)
    before = lowered[start - 1] if start > 0 else ""
    after = lowered[end] if end < len(lowered) else ""
    first = alias[0]
    if alias[-1].isascii() and after and _continues_a_word(after):
        return True
    if _is_katakana(first) and (_is_katakana(before) or _is_katakana(after)):
        return True  # katakana loanwords run on unspaced: "ガイドライン", "ラインナップ"
    if _is_hangul(first) and _is_hangul(before):
        return True  # Korean spaces its words; a syllable before is the same word
    if len(alias) == 1 and _is_han(first) and _is_han(before):
        return True  # one character of a longer word: "信賴" (trust), "小薇" (a name)
    return any(
        start >= offset and lowered.startswith(word, start - offset)
        for word, offset in _WORDS_HOLDING_A_NAME.get(alias, ())
    )


def _is_katakana(character: str) -> bool:
    return "\u30a1" <= character <= "\u30ff"


def _is_han(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


def _is_hangul(character: str) -> bool:
    return "\uac00" <= character <= "\ud7af"


def _named_handles(lowered: str, positions: List[Tuple[int, int, str]]) -> List[Tuple[int, str]]:
    """The handles written next to the platform names at ``positions`` (sorted)."""
    found: List[Tuple[int, str]] = []
    # Right to left, so "kik/snap/IG: bella22" hands one handle back along the chain.
    handle_after: Dict[int, str] = {}
    for start, end, alias in reversed(positions):
        after = _handle_after_name(lowered, alias, end)
        # A joiner only matters before a name that has its handle after it.
        joined = _ALIAS_JOINER.match(lowered, end) if after is None and handle_after else None
        if joined is not None and joined.end() in handle_after:
            after = valid_handle(_platform_of(alias), handle_after[joined.end()].partition(":")[2])
        if after is not None:
            handle_after[start] = after
            found.append((start, after))
            found += _listed_after(lowered, end, after)
    # Left to right, so "@bella22 on IG and snap" hands one handle on along the chain.
    handle_before: Dict[int, str] = {}
    for start, end, alias in positions:
        if start in handle_after:
            continue
        before = _handle_before_alias(lowered, alias, start)
        if before is not None:
            handle_before[end] = before[1]
            found.append(before)
            continue
        for previous_end, value in handle_before.items():
            joiner = _ALIAS_JOINER.match(lowered, previous_end)
            if joiner is not None and joiner.end() == start:
                chained = valid_handle(_platform_of(alias), value.partition(":")[2])
                if chained is not None:
                    handle_before[end] = chained
                    found.append((start, chained))
                break
    return found


def _listed_after(lowered: str, name_end: int, first: str) -> List[Tuple[int, str]]:
    """More handles of the same platform listed after the first one: "IG: katya_25 · nastya_25",
    "kik: bella22 / amber33". Each must look like a name (see _listed_name)."""
    platform, _, handle = first.partition(":")
    position = lowered.find(handle, name_end, name_end + _MAX_BEFORE_HANDLE + len(handle) + 1)
    if position < 0:
        return []
    position += len(handle)
    listed: List[Tuple[int, str]] = []
    while len(listed) < _MAX_LISTED_HANDLES:
        item = _LISTED_HANDLE.match(lowered, position)
        if item is None:
            break
        name = _trim_handle(item.group("handle"))
        if name in _ALIASES or not _listed_name(name):
            break  # another platform's name ("IG: x / snap: y"), a number, words ("new.in.town")
        value = valid_handle(platform, name)
        if value is None:
            break
        listed.append((item.start("handle"), value))
        position = item.end()
    return listed


def _listed_name(name: str) -> bool:
    """A name that can only be a username: letters, and a digit or "_" (a "." alone could
    join words: "new.in.town")."""
    return _looks_like_a_name(name.replace(".", ""))


def _profile_hosts(lowered: str) -> List[Tuple[int, str, int]]:
    """(start, platform host, index of the "/") of every link to a known platform host.

    Found from the few ".com/"-like spots in the text, walking back over the host, so text
    without links costs a handful of substring searches.
    """
    found: List[Tuple[int, str, int]] = []
    for hint in _URL_HINTS:
        if hint not in lowered:
            continue  # the usual case, without the cost of a call
        floor = 0
        for dot in occurrences(lowered, hint, _MAX_CANDIDATES):
            slash = dot + len(hint) - 1
            start = dot
            # Never walk back past the previous link: keeps "t.me/t.me/..." linear.
            while start > floor and dot - start < 64 and lowered[start - 1] in _HOST_CHARS:
                start -= 1
            floor = slash
            if start > 0 and lowered[start - 1] in "_@":
                continue  # an email domain or a longer word
            host = lowered[start:slash]
            for prefix in _SUBDOMAIN_PREFIXES:
                if host.startswith(prefix):
                    host = host[len(prefix) :]
                    break
            if host in _HOST_PLATFORMS or host in _CHAT_HOSTS:
                found.append((start, host, slash))
    found.sort()
    return found


def _chat_link_digits(host: str, segments: List[str], path: str, query: str) -> Optional[str]:
    """The phone digits of a WhatsApp or Signal chat link."""
    if host == "wa.me":
        digits = segments[0].lstrip("+") if segments else ""
        return digits if digits.isdigit() else None
    if host == "whatsapp.com":
        phones = parse_qs(query).get("phone")
        return (_NON_DIGITS.sub("", phones[0]) or None) if phones else None
    fragment = path.partition("#")[2]  # signal.me/#p/+16175550123
    return (_NON_DIGITS.sub("", fragment[2:]) or None) if fragment.startswith("p/") else None


def _profile_url(host: str, path: str) -> Tuple[Optional[str], Optional[str]]:
    """(handle value, phone digits) named by a profile or chat link."""
    path = path.rstrip(".,;:!?)]}'\"*")  # the sentence around the link, not the link
    path_only, _, query = path.partition("?")
    path_only = path_only.split("#", 1)[0]
    segments = [unquote(s) for s in path_only.split("/") if s]
    if host in ("wa.me", "whatsapp.com", "signal.me"):
        return None, _chat_link_digits(host, segments, path, query)
    platform = _HOST_PLATFORMS[host]
    if not segments:
        return None, None
    first = segments[0]
    second = segments[1] if len(segments) > 1 else ""
    if platform == "snapchat":
        name = second if first == "add" else (first[1:] if first.startswith("@") else "")
        return valid_handle(platform, name) if name else None, None
    if platform == "tiktok":
        return (valid_handle(platform, first[1:]) if first.startswith("@") else None), None
    if platform == "reddit":
        return (valid_handle(platform, second) if first in ("u", "user") and second else None), None
    if platform == "flickr":
        named = first in ("people", "photos") and second and second not in _FLICKR_PAGES
        return (valid_handle(platform, second) if named else None), None
    if platform == "line":
        # line.me/ti/p/~bella and line.me/R/ti/p/~bella; "@" marks an official account.
        if first == "r":
            segments = segments[1:]
        if segments[:2] == ["ti", "p"] and len(segments) > 2:
            return valid_handle(platform, segments[2].lstrip("~@")), None
        return None, None
    if platform == "telegram" and first.startswith("+"):
        return None, (first[1:] if first[1:].isdigit() else None)  # t.me/+<phone>
    if platform == "facebook" and first == "profile.php":
        ids = parse_qs(query).get("id")
        return (valid_handle(platform, ids[0]) if ids else None), None
    if first in _RESERVED_PATHS.get(platform, frozenset()):
        return None, None
    if platform == "vk" and _VK_OBJECT.match(first):
        return None, None
    return valid_handle(platform, first), None


# Ads repeat their profile links; paths longer than this are rare and not worth a cache key.
_MAX_CACHED_PATH = 100
_cached_profile_url = lru_cache(maxsize=1024)(_profile_url)


def _reddit_short_handles(lowered: str) -> List[Tuple[int, str]]:
    found: List[Tuple[int, str]] = []
    for match in _REDDIT_SHORT.finditer(lowered):
        start = match.start()
        if start > 0 and lowered[start - 1] == "/":
            start -= 1  # "/u/bella" is written that way too
        if start > 0 and not lowered[start - 1].isspace() and lowered[start - 1] not in "(:":
            continue  # part of a longer path or word
        value = valid_handle("reddit", match.group("handle"))
        if value is not None:
            found.append((start, value))
    return found


def _first_words_in(folded: bytes, words: List[bytes]) -> FrozenSet[bytes]:
    """The words of _FIRST_WORDS among ``words`` (those of ``folded``, UTF-8 text translated
    by _FOLDED_WORD_BREAKS or _NAME_GATE_BYTES), less those that are only the start of a
    name ("we", "only") where no name they start is written."""
    first_words = _FIRST_WORDS.intersection(words)
    for word in _PHRASE_START_WORDS.intersection(first_words):
        # Breaks became spaces in ``folded``, so this finds every written "we chat" and more.
        if not any(folded.find(phrase) >= 0 for phrase in _PHRASES_BY_START_WORD[word]):
            first_words = first_words.difference((word,))
    return first_words


def _may_hold_a_cyrillic_name(utf8: bytes) -> bool:
    """False only when the UTF-8 text holds no Cyrillic name in any case."""
    folded = utf8.translate(CYRILLIC_CASE_FOLD)
    return any(folded.find(part) >= 0 for part in _FOLDED_CYRILLIC_NAME_PARTS)


def _name_hints(text: str) -> Tuple[FrozenSet[bytes], bool]:
    """(words of _FIRST_WORDS, a superset of those written as words in the text; whether it
    may hold a Cyrillic name or one of _SCRIPT_ALIASES), from one translation of the UTF-8
    text: lowercasing it is the costly step for most non-Latin ads, and most ads name no
    platform at all.

    In ASCII text the superset is exact: _alias_positions checks the boundaries of each name
    it finds, and the words of an ASCII text are what it sees, so a word more only costs a
    search. In other text it is not: a name run into a non-ASCII character other than a
    symbol ("€kik", "kikí") is no word, though the name search would take "€kik" (the euro
    sign is no letter); _written_as_words keeps those that are words.
    """
    ascii_text = text.isascii()
    # The Kelvin sign is the one non-ASCII character that lowercases to an ASCII letter.
    gate_text = text.lower() if not ascii_text and _KELVIN_SIGN in text else text
    utf8 = gate_text.encode("utf-8", "surrogatepass")
    folded = utf8.translate(_NAME_GATE_BYTES)
    words = folded.split()
    if _FIRST_WORDS.isdisjoint(words):
        first_words = _NO_FIRST_WORDS
    else:
        # A name's phrase ("only fans", one ASCII space) is written in ``folded`` too.
        first_words = _first_words_in(folded, words)
    if ascii_text:
        return first_words, False
    # The other scripts have no case: their parts are looked for in the text as it is.
    in_other_scripts = (
        folded.find(_SCRIPT_NAME_MARK) >= 0 and any(part in text for part in _SCRIPT_NAME_PARTS)
    ) or (folded.find(_CYRILLIC_MARK) >= 0 and _may_hold_a_cyrillic_name(utf8))
    return first_words, in_other_scripts


def _is_word_break(character: str) -> bool:
    """Whether a character ends a word of the text: ASCII punctuation and spaces, symbols,
    characters of the scripts written without spaces ("加LINE好友")."""
    if character.isascii():
        return not (character.isalnum() or character == "_")
    return _WORD_BREAKS.match(character) is not None


def _written_as_words(text: str, lowered: str, candidates: FrozenSet[bytes]) -> FrozenSet[bytes]:
    """Those of ``candidates`` that are words of the text, as its exact split would find
    them: ASCII punctuation, spaces, symbols ("Insta👉bella") and characters of scripts
    written without spaces ("加LINE") break words, other non-ASCII characters do not
    ("kikí", "€kik").

    Looked for in the lowercased text: lowercasing keeps ASCII characters ASCII and others
    not (but for the Kelvin sign, which the gate lowercases first, as here), and word breaks
    word breaks; a character that becomes two ("İ") becomes two characters of a word.
    """
    written: List[bytes] = []
    for candidate in candidates:
        word = candidate.decode("ascii")
        starts = occurrences(lowered, word, _MAX_CANDIDATES)
        if len(starts) == _MAX_CANDIDATES:
            return _exact_first_words(text)  # hostile text: the split is linear
        for start in starts:
            end = start + len(word)
            if (start == 0 or _is_word_break(lowered[start - 1])) and (
                end == len(lowered) or _is_word_break(lowered[end])
            ):
                written.append(candidate)
                break
    return frozenset(written)


def _exact_first_words(text: str) -> FrozenSet[bytes]:
    """The words of _FIRST_WORDS in the text, split exactly: see _written_as_words."""
    if _KELVIN_SIGN in text:
        text = text.lower()
    folded = _WORD_BREAKS.sub(" ", text).encode("utf-8", "surrogatepass")
    folded = folded.translate(_FOLDED_WORD_BREAKS)
    return _first_words_in(folded, folded.split())


def find_handles(text: str) -> HandleMatches:
    """Handles as "platform:handle" and chat-link phone digits, in order, deduplicated.

    Example: "kik: Bella22, wa.me/16175550123" -> handles ("kik:bella22",) and
    phone_candidates ("16175550123",).
    """
    first_words, in_other_scripts = _name_hints(text)
    names_a_path = "/" in text and _SLASH_AFTER_A_HOST_OR_U.search(text) is not None
    if not first_words and not in_other_scripts and not names_a_path:
        return _NOTHING_FOUND
    lowered = text.lower()
    if first_words and not text.isascii():
        first_words = _written_as_words(text, lowered, first_words)
    return _handles_in(text, first_words, in_other_scripts, names_a_path, lowered)


def _handles_in(
    text: str,
    first_words: FrozenSet[bytes],
    in_other_scripts: bool,
    names_a_path: bool,
    lowered: Optional[str] = None,
) -> HandleMatches:
    """find_handles once its hints are known; with every hint set, it looks at everything.

    ``first_words``: the words of _FIRST_WORDS in the text (or more, for ASCII text);
    ``lowered``: ``text.lower()`` when already known.
    """
    if lowered is None:
        lowered = text.lower()
    candidates: List[Tuple[int, str]] = []
    phones: List[Tuple[int, str]] = []
    if names_a_path:
        for start, host, slash in _profile_hosts(lowered):
            path = _URL_PATH.match(lowered, slash)
            link_path = path.group(0) if path else "/"
            if len(link_path) <= _MAX_CACHED_PATH:
                handle, digits = _cached_profile_url(host, link_path)
            else:
                handle, digits = _profile_url(host, link_path)
            if handle is not None:
                candidates.append((start, handle))
            if digits is not None and 6 <= len(digits) <= 15:
                phones.append((start, digits))
    positions = sorted(_alias_positions(lowered, first_words, in_other_scripts))
    named = _named_handles(lowered, positions) if positions else []
    candidates.extend(named)
    if names_a_path and "u/" in lowered:
        candidates.extend(_reddit_short_handles(lowered))
    # In a list of contacts (handles, phone numbers) a name may have a bare handle.
    if positions:
        taken = {start for start, _ in candidates}
        if any(start not in taken for start, _, _ in positions):
            candidates.extend(_bare_names_in_a_list(lowered, positions, candidates))
    if not candidates and not phones:
        return _NOTHING_FOUND
    return HandleMatches(
        handles=_in_order(candidates) if candidates else (),
        phone_candidates=_in_order(phones) if phones else (),
    )


def _bare_names_in_a_list(
    lowered: str, positions: List[Tuple[int, int, str]], found: List[Tuple[int, str]]
) -> List[Tuple[int, str]]:
    """Handles written with no separator ("snap lillyseaxo"), taken only in a list of contacts:
    right after another handle or a phone number ("IG: x / snap lillyseaxo", "... or kik
    pasayktv", "0491 572 549 or kik x") or right before another platform's handle ("SNAP
    amberxvegas / IG @x"). Alone, "kik bellarose"
    is too like a sentence to call it a handle. ``positions``: the platform names, sorted."""
    taken = {start for start, _ in found}
    values = {value for _, value in found}
    names = tuple(value.partition(":")[2] for value in values)
    listed: List[Tuple[int, str]] = []
    for index, (start, end, alias) in enumerate(positions):
        if start in taken:
            continue  # the name gave its handle already
        bare = _BARE_NAME.match(lowered, end)
        if bare is None:
            continue
        name = _trim_handle(bare.group("name"))  # "... or kik bella22. Age 18"
        if len(name) < _MIN_BARE_NAME:
            continue
        value = valid_handle(_platform_of(alias), name)  # stop words and platform names too
        if value is None or value in values:
            continue
        # After a handle, the joiner must be more than spaces: "IG: bella_22 / snap x".
        after_a_handle = _LIST_JOINER_AT_END.search(
            lowered, max(0, start - _MAX_LIST_JOINER_CHARS), start
        )
        follows_a_handle = (
            after_a_handle is not None
            and after_a_handle.group(0).strip() != ""
            and (
                lowered[: after_a_handle.start()].rstrip("@. \t").endswith(names)
                or _ends_with_a_phone_number(lowered, after_a_handle.start())
            )
        )
        next_start = positions[index + 1][0] if index + 1 < len(positions) else -1
        # The joiner is short: the bound keeps the pattern's backtracking small on any text.
        precedes_a_handle = (
            next_start in taken
            and 0 <= next_start - bare.end() <= _MAX_LIST_JOINER_CHARS
            and _LIST_JOINER.fullmatch(lowered, bare.end(), next_start) is not None
        )
        if follows_a_handle or precedes_a_handle:
            listed.append((bare.start("name"), value))
    return listed


# The end of a phone number written in digits: "☎ 0491 572 549 ☎ or kik x" lists contacts.
_MIN_PHONE_DIGITS = 7
_MAX_PHONE_CHARS = 24


def _ends_with_a_phone_number(lowered: str, end: int) -> bool:
    """True when ``lowered[:end]`` ends with a phone-run's characters (numbers.PHONE_RUN_CHARS)
    holding a phone's number of digits."""
    window = lowered[max(0, end - _MAX_PHONE_CHARS) : end]
    run = window[len(window.rstrip(PHONE_RUN_CHARS)) :]
    return sum(c.isdigit() for c in run) >= _MIN_PHONE_DIGITS


def _in_order(candidates: List[Tuple[int, str]]) -> Tuple[str, ...]:
    found: List[str] = []
    for _, value in sorted(candidates, key=lambda candidate: candidate[0]):
        if value not in found:
            found.append(value)
    return tuple(found)
