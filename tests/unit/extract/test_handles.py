"""Social and messenger handles: named forms, profile URLs, scripts, syntax and negatives.

Twitter username cases come from twitter/twitter-text conformance/validate.yml and
extract.yml (Apache-2.0), stored in ../shared/vectors/handles/twitter-text/.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Tuple

import pytest
import yaml
from fragments import mixed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from htintel.extract import handles
from htintel.extract.handles import HandleMatches, find_handles, valid_handle
from htintel.extract.substrings import CYRILLIC_CASE_FOLD

TWITTER_TEXT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    *("..", "..", "..", "..", "shared", "vectors", "handles", "twitter-text"),
)


def _conformance(name: str, section: str) -> List[Dict[str, Any]]:
    with open(os.path.join(TWITTER_TEXT, name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["tests"][section]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kik: Bella22", "kik:bella22"),
        ("📱飞机(TG): @kh_zhaopin 💰", "telegram:kh_zhaopin"),  # a bracketed name, then ":"
        ("賴 taichung_baby", "line:taichung_baby"),  # a name with "_" needs no separator
        ("follow mo ako @cebu_gfe sa twitter", "twitter:cebu_gfe"),  # Tagalog "sa" (on)
        ("Инста: katya.vl_25", "instagram:katya.vl_25"),
        ("пиши в инсте @katya_vl", "instagram:katya_vl"),
        ("Twitter（X）: x.com/minami_kyujin", "twitter:minami_kyujin"),  # "(X)" is no handle
        ("kik me sweetamber22", "kik:sweetamber22"),
        ("my kik is bella2020", "kik:bella2020"),
        ("KIK - amber.rose", "kik:amber.rose"),
        ("kik~bella22", "kik:bella22"),
        ("snap - amber_x", "snapchat:amber_x"),
        ("Snapchat: BellaRose", "snapchat:bellarose"),
        ("sc: amberx", "snapchat:amberx"),
        ("👻 amber_x", "snapchat:amber_x"),
        ("IG @bella.rose", "instagram:bella.rose"),
        ("insta: bella.rose", "instagram:bella.rose"),
        ("follow my instagram @bella_22", "instagram:bella_22"),
        ("@bella_22 on telegram", "telegram:bella_22"),
        ("tg @bellax", "telegram:bellax"),
        ("telegram: @bellamia", "telegram:bellamia"),
        ("Bella22 on KIK", "kik:bella22"),
        ("@amber.x (IG)", "instagram:amber.x"),
        ("twitter: @bella_x", "twitter:bella_x"),
        ("fb: bella.rose.123", "facebook:bella.rose.123"),
        ("skype: live:bella_22", "skype:live:bella_22"),
        ("skype: bella.rose22", "skype:bella.rose22"),
        ("signal: bella.07", "signal:bella.07"),
        ("onlyfans: bellarose", "onlyfans:bellarose"),
        ("tiktok @bella.rose", "tiktok:bella.rose"),
        ("reddit u/kitty22", "reddit:kitty22"),
        ("vk: id12345", "vk:id12345"),
        ("búscame en IG como bella22", "instagram:bella22"),
        ("IG 👉 bella22", "instagram:bella22"),
        ("snap ➡️ amber_x", "snapchat:amber_x"),
        ("ig • bella22", "instagram:bella22"),
        ("OF: bella22", "onlyfans:bella22"),
        ("find me on snap as amber_x", "snapchat:amber_x"),
        ("Insta👉bella_boo_22", "instagram:bella_boo_22"),  # an emoji glued to the name
        ("kik💋bella22", "kik:bella22"),
        ("snap🔥 bella22", "snapchat:bella22"),
        ("add me on snap (bellaboo22)", "snapchat:bellaboo22"),
        ("Line (bellab22)", "line:bellab22"),
    ],
)
def test_named_forms_in_latin_script(text: str, expected: str) -> None:
    assert find_handles(text).handles == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("微信 abc123456", "wechat:abc123456"),  # zh
        ("加我微信号：lovely_88", "wechat:lovely_88"),
        ("威信:kitty_2023", "wechat:kitty_2023"),
        ("薇信 sweet_mimi", "wechat:sweet_mimi"),
        ("wx: kitty_2023", "wechat:kitty_2023"),
        ("카톡 bella22", "kakao:bella22"),  # ko
        ("카카오톡 아이디: amber99", "kakao:amber99"),
        ("라인 amber88", "line:amber88"),
        ("ไลน์ bella99", "line:bella99"),  # th
        ("ไลน์ไอดี: mint_bkk", "line:mint_bkk"),
        ("ライン: sakura_88", "line:sakura_88"),  # ja
        ("LINE ID: sakura_88", "line:sakura_88"),
        ("в телегу @rabota_za_granicey", "telegram:rabota_za_granicey"),  # ru
        ("телеграм: @moscow_girls", "telegram:moscow_girls"),
        ("вк: id12345", "vk:id12345"),
        # A Latin name right after a name in another script needs no digit or "_".
        ("카톡 ktownspa 예약 필수", "kakao:ktownspa"),
        ("모집 라인 abroadalba", "line:abroadalba"),
        ("ไลน์ bella", "line:bella"),
        ("инста bellarose", "instagram:bellarose"),
        ("名古屋 栄 💕 カカオ: nagoya_mimi 💕", "kakao:nagoya_mimi"),  # ja
        ("전화 010 1111 2222 위챗 itw_global_kr", "wechat:itw_global_kr"),  # ko
        ("🌙 سكايب lina.auh 🌙", "skype:lina.auh"),  # ar
        # a link's path, then Dutch "en" (and): not "lisa_gron on Flickr"
        ("onlyfans.com/lisa_gron en Flickr", "onlyfans:lisa_gron"),
        ("kik | bella22", "kik:bella22"),  # after a bar, a name unlike a word still counts
        ("SOP Manila 🥵 snap ko: malate.babe21 | GCash", "snapchat:malate.babe21"),  # tl "my"
        ("문의 카톡 koreanmodel_job 으로 연락주세요", "kakao:koreanmodel_job"),  # not "ko" + name
    ],
)
def test_platforms_named_in_their_own_scripts(text: str, expected: str) -> None:
    assert find_handles(text).handles == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加LINE：tp_sweet", "line:tp_sweet"),  # zh: the script change is the word break
        ("请加LINE好友 @kh_tea", "line:kh_tea"),
        ("联系Telegram @hk_bella22", "telegram:hk_bella22"),
        ("加Line ID：mimi_tw88", "line:mimi_tw88"),
        ("新人妹妹，ig：mimi.tw", "instagram:mimi.tw"),
        ("ご応募はLINE: job_jp", "line:job_jp"),  # ja
        ("池袋の新人です。Twitter @ikebukuro_h", "twitter:ikebukuro_h"),
        ("お問い合わせはLINE ID：sakura_88", "line:sakura_88"),
        ("ทักLINEได้เลย @praew.bkk", "line:praew.bkk"),  # th
        ("연락은KakaoTalk: amber99", "kakao:amber99"),  # ko
    ],
)
def test_latin_platform_names_glued_to_scripts_without_spaces(text: str, expected: str) -> None:
    assert find_handles(text).handles == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电报 @bella_22", "telegram:bella_22"),  # zh
        ("電報：@taipei_mimi", "telegram:taipei_mimi"),
        ("飞机：@hk_girl88", "telegram:hk_girl88"),  # slang ("plane")
        ("纸飞机 @hk_girl88", "telegram:hk_girl88"),
        ("加V: lovely_88", "wechat:lovely_88"),
        ("加v lovely_88", "wechat:lovely_88"),
        ("薇：lovely_88", "wechat:lovely_88"),
        ("賴：bella22", "line:bella22"),  # zh-TW slang
        ("加賴 mimi_tw88", "line:mimi_tw88"),
        ("賴ID：mimi_tw88", "line:mimi_tw88"),
        ("推特 @tokyo_mimi", "twitter:tokyo_mimi"),
        ("텔레그램 @seoul_job", "telegram:seoul_job"),  # ko
        ("텔레 아이디: seoul_job", "telegram:seoul_job"),
        ("스냅 bella22", "snapchat:bella22"),
        ("인스타: bella.seoul", "instagram:bella.seoul"),
        ("인스타그램 @bella.seoul", "instagram:bella.seoul"),
        ("카카오 amber99", "kakao:amber99"),
        ("트위터 @seoul_mimi", "twitter:seoul_mimi"),
        ("テレグラム：@tokyo_job", "telegram:tokyo_job"),  # ja
        ("インスタ @sakura.tokyo", "instagram:sakura.tokyo"),
        ("インスタグラム: sakura.tokyo", "instagram:sakura.tokyo"),
        ("ツイッター @sakura_88", "twitter:sakura_88"),
        ("سناب: noura.22", "snapchat:noura.22"),  # ar
        ("سناب شات noura_22", "snapchat:noura_22"),
        ("انستا: noura.dubai", "instagram:noura.dubai"),
        ("انستقرام @noura.dubai", "instagram:noura.dubai"),
        ("تيليجرام: @noura_dubai", "telegram:noura_dubai"),
    ],
)
def test_platform_names_in_other_scripts_and_their_slang(text: str, expected: str) -> None:
    assert find_handles(text).handles == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("카톡 문의 abroadjob99", "kakao:abroadjob99"),  # ko: "inquiry"
        ("telegram 연락 @seoul_job", "telegram:seoul_job"),  # "contact"
        ("카톡으로 연락 @abroadjob99", "kakao:abroadjob99"),  # particle, then "contact"
        ("LINE ID ikebukuro_h", "line:ikebukuro_h"),
        ("LINEで @sakura_88", "line:sakura_88"),  # ja: "by"
        ("LINEのID: sakura_88", "line:sakura_88"),
        ("ทักไลน์ได้เลย @praew.bkk", "line:praew.bkk"),  # th: "right away"
        ("แอดไลน์ ติดต่อ @praew.bkk", "line:praew.bkk"),
        ("微信搜索 lovely_88", "wechat:lovely_88"),  # zh: "search"
        ("LINE帳號：mimi_tw88", "line:mimi_tw88"),  # "account"
        ("IG » bella22", "instagram:bella22"),
        ("snap : trav.mars13", "snapchat:trav.mars13"),  # a space before the colon
        ("NO PHONE CALLS, message me on telegram only @sunny_vip", "telegram:sunny_vip"),
        ("Hit my snap only: peachy.atl", "snapchat:peachy.atl"),
        ("IG só @bela_rj", "instagram:bela_rj"),  # pt: "only"
        ("تواصل عبر التلجرام فقط @abudhabi_relax", "telegram:abudhabi_relax"),  # ar: "only"
        ("Also on telegram now 👉 @natasha_w1_vip", "telegram:natasha_w1_vip"),
        ("Cek IG kami ya: ig nya @pijat_sby_24jam", "instagram:pijat_sby_24jam"),  # id: "its"
        ("微信亦可：kspr_job", "wechat:kspr_job"),  # zh: "also works"
        ("杭州 可约 微：lili_hz520 🍑", "wechat:lili_hz520"),  # zh: 微 for 微信, before ":"
        ("กลับมาแล้วค่า ไลน์เดิม mind_sideline ค่ะ", "line:mind_sideline"),  # th: "the same"
        ("Instagram hesabımız: izmir_spa_alsancak", "instagram:izmir_spa_alsancak"),  # tr
        ("Instagram account: bella_22", "instagram:bella_22"),
        ("IG (username): bella22", "instagram:bella22"),  # an ID word in brackets
        ("телеграм (ник) — mila_msk_love", "telegram:mila_msk_love"),  # ru: "nick"
        ("insta id hai dubai.jobs.delhi ya mail karo", "instagram:dubai.jobs.delhi"),  # hi: "is"
        ("objednávky na telegramu @masaze_brno", "telegram:masaze_brno"),  # cs
        ("po wpłacie napisz na snapie lodz.cam.girl", "snapchat:lodz.cam.girl"),  # pl
        ("Umów się przez snapa: masaz_gdansk", "snapchat:masaz_gdansk"),
        ("Tg ko po @cebuana_sweet, wag po manloloko", "telegram:cebuana_sweet"),  # tl: "po"
        # "sig" names Signal before ":" or "@"; after "@" any name is a Signal username
        ("I reply on signal only: sig @ phillyvixen.01", "signal:phillyvixen.01"),
        ("then message me on Signal: @VelvetRoseNYC", "signal:velvetrosenyc"),
        ("napisz na instagramie @kasia.wwa", "instagram:kasia.wwa"),
        ("Snap-chat: lovelyvale23", "snapchat:lovelyvale23"),  # a name's two words hyphenated
        ("tik-tok @bella.22", "tiktok:bella.22"),
    ],
)
def test_words_between_a_platform_name_and_its_handle(text: str, expected: str) -> None:
    assert find_handles(text).handles == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LINE ID:ikebu_new/Twitter @ikebu_girl", ("line:ikebu_new", "twitter:ikebu_girl")),
        ("LINE ID：ikebu_new／Twitter @ikebu_girl", ("line:ikebu_new", "twitter:ikebu_girl")),
        ("kik: bella22/ snap: bella22", ("kik:bella22", "snapchat:bella22")),
        ("kik: bella22/snapshot", ()),  # a link's path, not a platform name
        ("kik: bella22/photos", ()),
        ("kik: bella22/of", ()),  # "of" names OnlyFans only before ":" or "@"
    ],
)
def test_a_platform_name_after_a_slash_lists_another_handle(
    text: str, expected: Tuple[str, ...]
) -> None:
    assert find_handles(text).handles == expected


@pytest.mark.parametrize(
    "text",
    [
        "オンライン予約: bella22",  # ja: "online" holds ライン
        "ガイドライン: abc123",  # "guideline"
        "ラインナップ: abc_22",  # "lineup"
        "インスタ映え bella22",  # no separator, no handle right after the name
        "온라인 문의 abc123",  # ko: "online inquiry"
        "가이드라인: abc123",
        "라인업 abc123",
        "텔레비전: abc123",  # "television" starts with 텔레
        "스냅사진 abc123",  # "snapshot photo"
        "ออนไลน์ได้เลย @abc_22",  # th: "online right away"
        "ออนไลน์: abc_22",
        "เดดไลน์: abc_22",  # "deadline"
        "坐飞机 abc123",  # zh: "take a plane", no separator
        "小薇：abc123",  # a girl's name ending in 薇
        "小薇 abc123",
        "賴 taichung",  # a surname before a word: only a name with "_" needs no separator
        "no kik, no snap, no IG - dont ask",
        "坐飞机 abc_123",  # ... but not after a longer word holding the name
        "依賴: abc123",  # "rely on"
        "信賴 abc123",  # "trust"
        "加vip8888",  # "add VIP", not 加v and a handle
        "加vip：abc123",
        "高端ig模特",
        "价格sc：300",
        "LINEスタンプ @artist_x",  # a word other than a get-in-touch word after the name
        "我在line上 abc123",
        "微信支付 abc123",  # "WeChat Pay"
        "카톡 문의 hello",  # after a get-in-touch word, a word is not enough
        "카톡 free",  # a stop word
        "call our 24h line 0800 123 4567",  # digits only: a phone line, not a LINE ID
        # share buttons and footers: platform names listed, words after a bar or a bullet
        "Share this ad: Facebook · Twitter · WhatsApp · Copy link",
        "Compartir: WhatsApp · Telegram · Facebook | Todos los anunciantes",
        "Share: WhatsApp | Telegram | Email a friend",
        "น้อง 37 ปี ไซด์ไลน์ 2000",  # "sideline" holds ไลน์
        "snap • bellarose",
        "カカオ豆 チョコ 1kg",  # "cacao": a name only before a separator
        "微笑 abc_123",  # "smile": 微 names WeChat only before a separator
        "微博：abc_123",  # Weibo
        "微信 wechat",  # a platform name
        "ไลน์ได้เลย welcome",
        "snap only please",
        "kik only",
        "Online: bella22",
        "deadline: bella22",
        "@chi.town.kitty on telegram",  # Telegram usernames have no dots
        "telegram: chi.town.kitty",
    ],
)
def test_words_of_other_scripts_that_hold_a_platform_name_are_not_mentions(text: str) -> None:
    assert find_handles(text).handles == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("snap: trav.mars13", "snapchat:trav.mars13"),
        ("snapchat: bella-rose.22", "snapchat:bella-rose.22"),
        ("IG: chi.town.kitty", "instagram:chi.town.kitty"),
        ("kik: chi.town.kitty", "kik:chi.town.kitty"),
        ("LINE: praew.bkk", "line:praew.bkk"),
        ("signal: menina.01", "signal:menina.01"),
        ("@chi.town.kitty on IG", "instagram:chi.town.kitty"),
    ],
)
def test_dots_are_kept_where_the_platform_allows_them(text: str, expected: str) -> None:
    assert find_handles(text).handles == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("instagram.com/bella.rose/", "instagram:bella.rose"),
        ("https://www.instagram.com/bella.rose?igsh=abc", "instagram:bella.rose"),
        ("t.me/bellamia22", "telegram:bellamia22"),
        ("(t.me/bella_22).", "telegram:bella_22"),
        ("https://telegram.me/bellamia22", "telegram:bellamia22"),
        ("twitter.com/bella_22", "twitter:bella_22"),
        ("https://x.com/amber", "twitter:amber"),
        ("facebook.com/bella.rose.123", "facebook:bella.rose.123"),
        ("m.facebook.com/profile.php?id=100012345678", "facebook:100012345678"),
        ("fb.com/bellarose", "facebook:bellarose"),
        ("snapchat.com/add/amber22", "snapchat:amber22"),
        ("tiktok.com/@bella.rose", "tiktok:bella.rose"),
        ("onlyfans.com/bellarose", "onlyfans:bellarose"),
        ("vk.com/id12345", "vk:id12345"),
        ("reddit.com/u/bella_22", "reddit:bella_22"),
        ("https://www.reddit.com/user/amber-x/", "reddit:amber-x"),
        ("flickr.com/people/12345678@N04", "flickr:12345678@n04"),
        ("flickr.com/photos/bellapics", "flickr:bellapics"),
        ("kik.me/bella22", "kik:bella22"),
        ("line.me/ti/p/~bella22", "line:bella22"),
        ("https://line.me/R/ti/p/@amber88", "line:amber88"),
    ],
)
def test_profile_urls_name_the_handle(text: str, expected: str) -> None:
    assert find_handles(f"see {text} for pics").handles == (expected,)


@pytest.mark.parametrize(
    "url",
    [
        "instagram.com/p/abc123",
        "instagram.com/explore/tags/x",
        "instagram.com/reel/xyz",
        "t.me/joinchat/AAAAAE",
        "t.me/share/url?url=x",
        "twitter.com/home",
        "twitter.com/intent/tweet?text=x",
        "x.com/share",
        "x.com/i/status/123",
        "facebook.com/sharer.php?u=x",
        "facebook.com/groups/12345",
        "vk.com/wall-123_45",
        "reddit.com/r/escorts",
        "tiktok.com/tag/fun",
        "snapchat.com/discover",
        "notinstagram.com/bella22",
        "chat.me/bella22",
    ],
)
def test_reserved_paths_and_lookalike_hosts_are_not_profiles(url: str) -> None:
    assert find_handles(f"see {url} now").handles == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wa.me/16175550123", ("16175550123",)),
        ("WhatsApp (wa.me/16175550123), thanks", ("16175550123",)),
        ("https://wa.me/+5511987654321?text=hi", ("5511987654321",)),
        ("api.whatsapp.com/send?phone=5511987654321&text=oi", ("5511987654321",)),
        ("https://signal.me/#p/+16175550123", ("16175550123",)),
        ("t.me/+16175550123", ("16175550123",)),
        ("wa.me/16175550123 and wa.me/16175550123", ("16175550123",)),
        ("wa.me/123", ()),  # too short to be a number
        ("whatsapp +1 617 555 0123", ()),  # the phone finder reads these
    ],
)
def test_chat_links_yield_phone_candidates_not_handles(
    text: str, expected: Tuple[str, ...]
) -> None:
    assert find_handles(text) == HandleMatches(handles=(), phone_candidates=expected)


@pytest.mark.parametrize(
    "text",
    [
        "kik me",
        "snap only",
        "add me on kik",
        "me on kik",
        "IG models only",
        "Columbia, SC 29201",
        "discreet night fun, big tips",
        "line up now",
        "fb group",
        "signal strength is low",
        "email me bella@gmail.com",
        "kik: bella22@gmail.com",  # the local part of an address is not a handle
        "insta: bella.com",  # a website
        "kikbella22",
        "kik me anytime",
        "pics of bella22",  # "of" names OnlyFans only before ":" or "@"
        "IG: aliceìnheiro",  # twitter-text: not a username when accented letters follow
        "kik bellarose",  # no separator and word-like: not enough to call it a handle
        "Insta-famous girl",
        "Instagram model 22 yo",
        "Kik, Snap, IG available",
        "snap: ab",  # too short for Snapchat
        "telegram: @abc",  # too short for Telegram
        "twitter: @example-name",  # "-" is not allowed (twitter-text validate.yml)
        "my line: seven zero two five five five zero one four one",  # a spelled phone
        "line: uno dos tres",
        "kik😘 anytime",
        "snap (private)",
        "kik (no texts)",
        # a phone number in its digit groups, before or after a platform name
        "☎ +81 90-3318-4462 (라인 가능)",
        "line: 090-3318-4462",
        "kik: 617.555.0123",
        "Telegram & Snap (both): see profile",  # "both" is no name
        "kik or text me",
        "sig figs 3 and signal: strong",  # "sig" without ":" or "@"; "strong" without "@"
        "snap-chatting all night",  # a hyphenated name's word inside a longer word
        "",
    ],
)
def test_words_addresses_and_malformed_names_are_not_handles(text: str) -> None:
    assert find_handles(text).handles == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IG/snap: bella22", ("instagram:bella22", "snapchat:bella22")),
        ("kik & snap: bella_x", ("kik:bella_x", "snapchat:bella_x")),
        ("kik/snap/IG - amber22", ("kik:amber22", "snapchat:amber22", "instagram:amber22")),
        ("snap y kik: valen_22", ("snapchat:valen_22", "kik:valen_22")),
        ("@bella22 on IG and snap", ("instagram:bella22", "snapchat:bella22")),
        ("bella22 on kik/snap", ("kik:bella22", "snapchat:bella22")),
        ("пиши @sochirelax в телеге", ("telegram:sochirelax",)),  # ru "в" (in)
        ("IG or snap: bella22", ("instagram:bella22", "snapchat:bella22")),  # the same name
        ("Telegram oder Snap: lisa_muc89", ("telegram:lisa_muc89", "snapchat:lisa_muc89")),
        ("Telegram oder Snap beides: lisa_muc89", ("telegram:lisa_muc89", "snapchat:lisa_muc89")),
        ("@bella22 on IG or snap", ("instagram:bella22", "snapchat:bella22")),
    ],
)
def test_one_handle_named_for_several_platforms_counts_for_each(
    text: str, expected: Tuple[str, ...]
) -> None:
    assert find_handles(text).handles == expected


def test_handles_come_back_in_order_without_duplicates() -> None:
    text = "kik: bella22, IG @bella.rose, kik bella22 and t.me/bella_x22"
    assert find_handles(text).handles == (
        "kik:bella22",
        "instagram:bella.rose",
        "telegram:bella_x22",
    )


@pytest.mark.parametrize(
    "case", _conformance("validate.yml", "usernames"), ids=lambda case: case["text"]
)
def test_twitter_text_username_validity(case: Dict[str, Any]) -> None:
    assert (valid_handle("twitter", case["text"]) is not None) is case["expected"]


_MENTIONS = sorted(
    {m for case in _conformance("extract.yml", "mentions") for m in case["expected"]}
)


@pytest.mark.parametrize("mention", _MENTIONS)
def test_twitter_text_extracted_mentions_are_valid_twitter_profiles(mention: str) -> None:
    assert find_handles(f"twitter.com/{mention}").handles == (f"twitter:{mention.lower()}",)


@pytest.mark.parametrize(
    ("platform", "handle", "valid"),
    [
        ("telegram", "bella", True),
        ("telegram", "bel", False),
        ("telegram", "1bella", False),
        ("instagram", "bella..rose", False),
        ("instagram", ".bella", False),
        ("snapchat", "bella-rose", True),
        # Longer than Snapchat allows (15), as ads write them: still what links the ads.
        ("snapchat", "a" * 16, True),
        ("snapchat", "bondi_babe_", True),
        ("snapchat", "a" * 31, False),
        ("snapchat", "bella.", False),
        ("twitter", "ikebukuro_newgirl", True),
        ("twitter", "a" * 21, False),
        ("kik", "bell", False),
        ("wechat", "abc12", False),
        ("wechat", "abc123", True),
        ("signal", "bella", False),
        ("signal", "zara.travels", True),  # without Signal's digits, as ads write it
        ("signal", "strong", False),  # "signal: strong" is a word
        ("signal", "bella.", False),
        ("whatsapp", "bella", False),  # a number, never a handle
    ],
)
def test_per_platform_username_syntax(platform: str, handle: str, valid: bool) -> None:
    assert (valid_handle(platform, handle) is not None) is valid


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert isinstance(find_handles(text), HandleMatches)


_FRAGMENTS = st.sampled_from(
    [
        "kik",
        "snap",
        "IG",
        "@",
        ": ",
        " - ",
        " on ",
        "telegram",
        "微信",
        "카톡",
        "t.me/",
        "wa.me/",
        "instagram.com/",
        "bella22",
        "amber_x",
        "rose.99",
        " ",
        "me",
        "16175550123",
    ]
)


@settings(max_examples=300, deadline=None)
@given(mixed_text(_FRAGMENTS, 6, 12))
def test_outputs_revalidate_and_extraction_is_idempotent(text: str) -> None:
    found = find_handles(text)
    for value in found.handles:
        platform, _, handle = value.partition(":")
        assert valid_handle(platform, handle) == value
    # "platform: handle" is itself a named form, so the output reads back unchanged.
    rendered = " ".join(value.replace(":", ": ", 1) for value in found.handles)
    assert find_handles(rendered).handles == found.handles


# The cheap hints find_handles works out before lowercasing (the platform names among the
# words, other scripts, a "/" after a known host) may only skip text that holds nothing:
# with every hint set, _handles_in looks at everything, as find_handles did before them.
def _handles_without_shortcuts(text: str) -> HandleMatches:
    # Words as the name search defines them: emoji and arrows break words too ("Insta👉bella"),
    # and so do the characters of scripts written without spaces ("加LINE好友").
    lowered_utf8 = handles._WORD_BREAKS.sub(" ", text).lower().encode("utf-8", "surrogatepass")
    first_words = handles._FIRST_WORDS.intersection(
        lowered_utf8.translate(handles._FOLDED_WORD_BREAKS).split()
    )
    return handles._handles_in(text, first_words, True, True)


_TRICKY_FOR_SHORTCUTS = [
    "KIK: Bella22",
    "KIK: Bella22U/bella_22 on reddit🀀",  # a symbol right after a name breaks the word
    "Insta👉bella_22 kik💋bella",
    "\u212aik: bella22",  # Kelvin sign: lowercases to "k"
    "\u212aIK me bella_22 and kik: rose22",
    "\u0130kik: bella22",  # "İ" lowercases to "i" and a combining dot
    "€kik: bella22",  # an ASCII name run into a non-ASCII character is no word
    "€kik: bella22 and kik: rose22",
    "kiké: bella22",
    "Snap Chat: amber_x",
    "ТЕЛЕГРАМ: @bella_22",
    "ТГ bella_22",
    "Вк: bella_22",
    "微信号：lovely_88",
    "V信 lovely_88",
    "카톡 bella22",
    "ライン amber88",
    "ไลน์: amber88",
    "€ 150 and ’quotes’ kik: x22",
    "see INSTAGRAM.COM/Bella.Rose",
    "T.ME/bella_22",
    "U/bella_22 on reddit",
    "/u/bella_22",
    "WA.ME/16175550123",
    "24/7 no kik",
    "\u0130nstagram.com/bella",
    "x.\u0130/u/bella_22",
    "только вконтакте: bella_22",
    "We Chat: lovely_88",
    "we-chat lovely_88 and we chat: rose_99",
    "we are open, only fans: bella22",
    "ONLY FANS @bella22",
    "Only\tfans: bella22",
    "tik tok: bella.22",
    "TIK-TOK bella22",
    "12/05/2024 24/7 $150/hr",
    "/bella",
    "go to Tiktok.COM/@bella22",
    "reddit U/Bella_22",
    "加LINE：tp_sweet",
    "ご応募はLINE: job_jp and 。Twitter @ikebukuro_h",
    "ทักไลน์ได้เลย @praew.bkk",
    "加V: lovely_88, 加vip8888",
    "سناب: noura.22",
    "オンライン: bella22",
    "LINE好友 @kh_tea",
]


@pytest.mark.parametrize("text", _TRICKY_FOR_SHORTCUTS)
def test_shortcuts_find_what_the_full_search_finds(text: str) -> None:
    assert find_handles(text) == _handles_without_shortcuts(text)


_SHORTCUT_FRAGMENTS = st.sampled_from(
    [
        *_TRICKY_FOR_SHORTCUTS,
        "\u212a",
        "\u0130",
        "€",
        "é",
        "/",
        "U/",
        ".COM/",
        ".me/",
        "Of",
        "OF:",
        " ",
        "信",
        "카",
        "Т",
        "г",
    ]
)


@settings(max_examples=400, deadline=None)
@given(mixed_text(_SHORTCUT_FRAGMENTS, 5, 10))
def test_shortcuts_never_change_what_is_found(text: str) -> None:
    assert find_handles(text) == _handles_without_shortcuts(text)


@pytest.mark.parametrize(
    "before",
    [
        "bella22 on ",
        "bella22 on\t",
        "bella22 via   ",
        "@bella22 (",
        "@bella22 ( ",
        "bella22 @ ",
        "bella22 auf ",
        "bella22 sur  ",
        "bella22 on",
        "bella22 con ",
        "bella22 ",
        "",
    ],
)
def test_the_quick_test_before_a_name_agrees_with_the_search(before: str) -> None:
    lowered = before + "kik"
    searched = handles._HANDLE_BEFORE_ALIAS.search(lowered, 0, len(before))
    found = handles._handle_before_alias(lowered, "kik", len(before))
    expected = None
    if searched is not None:
        raw = searched.group("handle").rstrip(".,-")
        if searched.group("at") or handles._looks_like_a_name(raw):
            value = valid_handle("kik", raw)
            expected = (searched.start(), value) if value is not None else None
    assert found == expected


# The gate works on a translation of the UTF-8 text (digits, "_" and non-ASCII bytes are
# breaks; marks for Cyrillic and other scripts), the exact word test on the lowercased
# text, the link test on a search for "/" after a host ending; each must find what the
# full search finds.
_TRICKY_FOR_THE_GATE = [
    "kik€: bella22",
    "\u2018kik\u2019: bella22",
    "kik\u00a0bella_22",
    "«kik» bella_22",
    "kik…bella_22 and kik—rose_22",
    "Kik2: bella22",
    "kik_2: bella22",
    "ig2 ig: bella22",
    "€ig2 ig: bella22",
    "we_chat: lovely_88",
    "only👉fans bella22",
    "€ only👉fans: bella22 and we chat: rose_99",
    "€ onlyfans👉bella22",
    "ТеЛеГрАм: @bella_22",
    "тГ: bella_22",
    "ВК bella_22",
    "ВКонтакте: bella_22",
    "ЁВК: bella_22",
    "телеграмм bella_22",
    "в телегу: bella_22",
    "вкусно, тепло",
    "微信: abc123456 kik: bella22",
    "信 kik: bella22",
    "카카오톡: amber99",
    "ไลน์ bella99 €",
    "\u212aik ТГ bella_22",
    "\ud800kik: bella22",
    "kik\ud800: bella22",
    "x.COM/bella",
    "X.Com/@bella22",
    "wa.Me/16175550123",
    "Reddit U/bella_22",
    "you/me kik: bella22",
    "/" * 250 + " instagram.com/bella22",
    "ig " * 250 + "ig: bella22",
    "€" + "kik" * 250 + " kik: bella_22",
    "€kik" * 250 + " kik: bella_22",
    "İG: bella22 and İ kik: rose22",
    "€ @bella22 on kik",
    "€ x@bella22 (ig)",
]


@pytest.mark.parametrize("text", _TRICKY_FOR_THE_GATE)
def test_the_gate_and_exact_word_test_find_what_the_full_search_finds(text: str) -> None:
    assert find_handles(text) == _handles_without_shortcuts(text)


_GATE_FRAGMENTS = st.sampled_from(
    [
        *_TRICKY_FOR_THE_GATE[:30],
        "kik",
        "ig",
        "only",
        "fans",
        "we",
        "chat",
        "ТГ",
        "Вк",
        "телег",
        "€",
        "\u00a0",
        "👉",
        "_",
        "2",
        ".com/",
        "u/",
        ": ",
        "@",
        " on ",
        "(",
        "bella22",
    ]
)


@settings(max_examples=400, deadline=None)
@given(mixed_text(_GATE_FRAGMENTS, 4, 12))
def test_the_gate_never_changes_what_is_found(text: str) -> None:
    assert find_handles(text) == _handles_without_shortcuts(text)


def _handle_before_alias_by_search(lowered: str, name: str, start: int) -> Any:
    """_handle_before_alias as one search of the 60 characters before the name."""
    match = handles._HANDLE_BEFORE_ALIAS.search(lowered, max(0, start - 60), start)
    if match is None:
        return None
    raw = match.group("handle").rstrip(".,-")
    if not match.group("at") and not handles._looks_like_a_name(raw):
        return None
    value = valid_handle(handles._platform_of(name), raw)
    return (match.start(), value) if value is not None else None


_BEFORE_FRAGMENTS = st.sampled_from(
    ["@", "bella22", "rose", "_x", ".", "-", " ", "\t", "on", "via", "(", "é", "\n", "a" * 30]
)


@settings(max_examples=400, deadline=None)
@given(mixed_text(_BEFORE_FRAGMENTS, 3, 14), st.sampled_from(["on ", "via  ", "@ ", " ("]))
def test_the_short_window_before_a_name_finds_what_the_search_finds(head: str, ending: str) -> None:
    for before in (head + " " + ending, head + ending, "x" * 40 + head + " " + ending):
        lowered = (before + "kik").lower()
        start = len(before)
        found = handles._handle_before_alias(lowered, "kik", start)
        # The quick test of the last characters, as the finder makes it.
        last = lowered[max(0, start - 8) : start]
        ending_ok = last.endswith("(") or (
            last[-1:] in (" ", "\t") and last.rstrip(" \t").endswith(handles._WORDS_BEFORE_ALIAS)
        )
        expected = _handle_before_alias_by_search(lowered, "kik", start) if ending_ok else None
        assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kik: bella22", "kik:bella22"),
        ("kik: bella22@gmail.com", None),
        ("kik: bella22/x", None),
        ("kik: bella22", "kik:bella22"),  # the cached verdict again
        ("kik bellarose", None),
        ("OF: bella22", "onlyfans:bella22"),
        ("of bella22", None),
        ("kik: aliceìnheiro", None),
        ("kik: bella22", "kik:bella22"),
    ],
)
def test_the_verdict_after_a_name_depends_only_on_what_its_match_read(
    text: str, expected: Any
) -> None:
    lowered = text.lower()
    name = lowered.split(":")[0].split(" ")[0]
    assert handles._handle_after_alias(lowered, name, len(name)) == expected


def _every_character() -> List[str]:
    return [chr(code) for code in range(0x110000)]


def test_lowercasing_facts_the_gate_relies_on() -> None:
    cyrillic_name_letters = set("".join(handles._CYRILLIC_ALIASES))
    symbol = handles._WORD_BREAKS
    for character in _every_character():
        lowered = character.lower()
        # One character becomes one, but "İ"; an ASCII one only from ASCII or the Kelvin sign.
        assert len(lowered) == 1 or character == "\u0130"
        if not character.isascii() and any(c.isascii() for c in lowered):
            assert character in ("\u0130", handles._KELVIN_SIGN)
        # Word breaks (symbols, characters of spaceless scripts) stay breaks, nothing else
        # becomes one.
        assert (symbol.match(character) is not None) == (symbol.search(lowered) is not None)
        # A Cyrillic name's letter comes only from itself or its capital.
        if lowered in cyrillic_name_letters:
            assert character in (lowered, lowered.upper())
            folded = character.encode("utf-8").translate(CYRILLIC_CASE_FOLD)
            assert folded == lowered.encode("utf-8").translate(CYRILLIC_CASE_FOLD)


def test_the_window_after_a_name_bounds_what_the_match_can_read() -> None:
    import re._parser as parser  # type: ignore[import-not-found]

    before_handle, handle = handles._HANDLE_AFTER_ALIAS.pattern.split("(?P<handle>")
    assert parser.parse(before_handle).getwidth()[1] == handles._MAX_BEFORE_HANDLE
    assert parser.parse("(?P<handle>" + handle).getwidth()[1] == handles._MAX_HANDLE


_AFTER_FRAGMENTS = st.sampled_from(
    [
        " ",
        "\t",
        ":",
        "：",
        " - ",
        "-",
        "->",
        "👉",
        "\ufe0f",
        "@",
        "id",
        "username",
        "号",
        "ид",
        " comme ",
        " is ",
        "live:",
        "bella22",
        "rose.x",
        "_",
        "a" * 48,
        "12345678@n04",
        "/",
        "/snap",
        "/ of",
        "/kik messenger",
        "é",
        "\n",
        ".com",
    ]
)


@settings(max_examples=500, deadline=None)
@given(
    mixed_text(_AFTER_FRAGMENTS, 3, 12),
    st.sampled_from(["kik", "snap", "of", "ig", "flickr", "line", "微信", "телеграм"]),
)
def test_the_short_window_after_a_name_finds_what_the_match_finds(after: str, name: str) -> None:
    for text in (name + after, "x " + name + after + " tail 22"):
        lowered = text.lower()
        end = lowered.index(name) + len(name)
        assert handles._handle_after_name(lowered, name, end) == handles._handle_after_alias(
            lowered, name, end
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Инста: katya.vl_25 · nastya.vl_25", ("instagram:katya.vl_25", "instagram:nastya.vl_25")),
        ("kik: bella22 / amber33 y rose44", ("kik:bella22", "kik:amber33", "kik:rose44")),
        ("IG: bella_22 / snap: amber_33", ("instagram:bella_22", "snapchat:amber_33")),
        # Not a name after the joiner: an age, a count, words joined by dots, an email.
        ("kik: bella22, 25 y/o", ("kik:bella22",)),
        ("kik: bella22 and 2 girls", ("kik:bella22",)),
        ("snap: bella22, new.in.town", ("snapchat:bella22",)),
        ("IG: bella_22, bella@gmail.com", ("instagram:bella_22",)),
    ],
)
def test_names_listed_after_the_first_handle_share_its_platform(text, expected):
    assert find_handles(text).handles == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare name after a platform name counts in a list of contacts ...
        (
            "IG lilly.sea.xo / snap lillyseaxo / twitter @lillysea_xo",
            ("instagram:lilly.sea.xo", "snapchat:lillyseaxo", "twitter:lillysea_xo"),
        ),
        (
            "instagram.com/elite_hostess_stgt oder Kik elitehostess",
            ("instagram:elite_hostess_stgt", "kik:elitehostess"),
        ),
        ("line: nyc_kspa 🌸 kakao nyckspa", ("line:nyc_kspa", "kakao:nyckspa")),
        ("카톡 seoulvip 라인 @seoul.vip", ("kakao:seoulvip", "line:seoul.vip")),
        # the sentence's full stop is not part of the name
        (
            "DM on Insta: @tampa.cam or kik tampacammgr. Age 18",
            ("instagram:tampa.cam", "kik:tampacammgr"),
        ),
        # after a phone number, or before a handle across an ellipsis
        ("☎ 0491 572 549 ☎ or kik perthfifogirl", ("kik:perthfifogirl",)),
        (
            "(404)555-0137 ... kik peachyjolene ... sc: jolene.peach22",
            ("kik:peachyjolene", "snapchat:jolene.peach22"),
        ),
        # ... not alone, not after a bare space, and not an everyday word.
        ("kik bellarose", ()),
        ("0491 572 549 kik perthfifogirl", ()),
        ("$200 or kik bellarose", ()),  # a price is no phone number
        ("text 0491 572 549 / snap anytime", ()),
        ("IG: bella_22 kik bellarose", ("instagram:bella_22",)),
        ("IG: bella_22 / snap friendly girl", ("instagram:bella_22",)),
        ("IG: bella_22 / snap models wanted", ("instagram:bella_22",)),
        ("IG: bella_22, snap only", ("instagram:bella_22",)),
    ],
)
def test_a_name_without_a_separator_counts_only_in_a_list_of_contacts(text, expected):
    assert find_handles(text).handles == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("☎ tele: @hn_vip_girls ☎", "telegram:hn_vip_girls"),  # vi, pt slang
        ("ins: vy.pmh.q7 | tiktok @vypmh_", "instagram:vy.pmh.q7"),
        ("سناب chat: casa_nights_ma", "snapchat:casa_nights_ma"),
        ("Twitterで連絡してね @yuna_papakatsu", "twitter:yuna_papakatsu"),
        ("инст — lerochka.krd", "instagram:lerochka.krd"),
        ("หรือเทเลแกรม @fern_pkt", "telegram:fern_pkt"),
        ("@lananh_sgn trên telegram nha", "telegram:lananh_sgn"),  # vi "trên" (on)
        ("скайп: lera.msk99", "skype:lera.msk99"),
        ("Snap en insta: lotte.antw", "snapchat:lotte.antw"),  # nl "en" (and) joins names
    ],
)
def test_slang_names_and_contact_words(text, expected):
    assert expected in find_handles(text).handles


def test_ins_is_instagram_only_before_a_separator():
    assert find_handles("the ins and outs22 of it").handles == ()
