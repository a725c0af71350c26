"""Phone numbers: candidates in de-obfuscated text, validated by phonenumbers, as E.164.

A candidate is a run of digit groups joined by phone-style separators, found after the
shared de-obfuscation layer has turned spelled-out numbers and look-alike letters into
digits. It is reported only when phonenumbers says it is a VALID number for the ad's region
(or for the country code it is written with), and only when its context does not say it is
something else: a post or reference ID, a price, a date, a time or a body measurement.
Without a region hint only numbers that carry their country (+CC, 00CC, or 1 plus a valid
North American number) are accepted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Iterable, Iterator, List, Mapping, Optional, Pattern, Tuple

import phonenumbers
from phonenumbers import phonenumberutil
from phonenumbers.phonemetadata import PhoneMetadata, PhoneNumberDesc

from htintel.extract import deobfuscate, numbers

MIN_DIGITS = 8  # fewer digits are never a full number with its area code
MAX_DIGITS = 15  # E.164 limit; an international prefix (00, 011) may come on top
MAX_WINDOW_GROUPS = 8  # a phone number is written in at most this many digit groups
VALIDATION_CACHE_SIZE = 16_384  # distinct (candidate, region) pairs; feeds repeat numbers
NUMBER_TYPE_CACHE_SIZE = 4096  # (numbering plan, length) pairs; a few hundred in practice
CONTEXT_CACHE_SIZE = 8192  # distinct last words before a number; ads repeat "Call or text"
WINDOW_CACHE_SIZE = 16_384  # distinct runs with the few characters around them
_MAX_CACHED_RUN_CHARS = 64  # longer runs (digit soup) are not cached: cache keys stay short
_CONTEXT_CHARS = 40  # how far before a number its context is read
_NEAR_CHARS = 8  # how far before a number a "+" or a currency is looked for
# How far after a number a currency or unit is looked for: _CURRENCY_AFTER reads at most
# two spaces and a seven-letter word ("dollars").
_AFTER_CHARS = 12

_RUN = numbers.PHONE_RUN  # a candidate: digit groups joined by separators
# ASCII text is searched for runs in its shape (see numbers.PHONE_RUN_IN_SHAPE), one byte
# per character: the regex engine skips to a literal first character faster than to a
# class. Other text (non-ASCII run characters exist) is searched with _RUN itself.
_RUN_SHAPE = numbers.PHONE_RUN_IN_SHAPE
_SHAPE_TABLE = bytes(
    ord("d" if char in "0123456789" else "s" if char in numbers.PHONE_RUN_CHARS else "x")
    for char in map(chr, range(256))
)
_GROUP_SPLIT = re.compile(r"([0-9]+)")
# A gap longer than this (or a tab/newline) between digit groups ends the number.
_MAX_GAP = 3
_DECIMAL_TAIL = re.compile(r"[,.][0-9]")
_CURRENCY_SIGNS = "$€£¥₽₹₩฿₫₱"
_CURRENCY_SYMBOLS = frozenset(_CURRENCY_SIGNS)
_CURRENCY_CODES = ("usd", "eur", "gbp", "rub", "r$", "us$")
# Currency words right after a number (a price): regex alternatives.
_CURRENCY_WORDS_AFTER = (
    "usd", "eur", "gbp", "dollars?", "euros?", "rubles?", "руб", "pesos", "reais", "yuan",
    "元", "块", r"k\b",
)  # fmt: skip
# A sign on the next line is not this number's: "Whats: 5512345678\n$2,500 la hora"; nor
# one written before an amount: "602 819 3374 $80/60min".
_CURRENCY_AFTER = re.compile(
    r"[^\S\n\r]{0,2}(?:["
    + _CURRENCY_SIGNS
    + r"](?![0-9])|(?:"
    + "|".join(_CURRENCY_WORDS_AFTER)
    + "))"
)
# Besides whitespace, the characters a _CURRENCY_AFTER match can start with: most runs
# are followed by neither, and skip the regex.
_CURRENCY_AFTER_FIRST = frozenset(_CURRENCY_SIGNS + "".join(w[0] for w in _CURRENCY_WORDS_AFTER))
# Words right before a number that say it is not a phone: an ad, post or reference ID, a
# zip or postal code, an account or card number ... The text is lower-cased (normalize has
# written "İ" as "I", so "İlan" reads "ilan").
_ID_WORDS = frozenset(
    # "ad" but not "ads": "same number as my ads (07912 ...)" gives the number again
    "post ad ref reference order invoice ticket case listing item report zip zipcode "
    "postid postingid adid userid memberid listingid profileid refid orderid "
    "postal postcode sku account acct iban card serial tracking transaction txn anuncio "
    "annonce anúncio referencia référence réf codigo código cp cep plz cap inserat anzeige "
    "sipariş siparis "
    "annuncio rif riferimento codice объявление объявления заказ id "
    # tax, identity and vehicle numbers: VAT (IT, ES, DE), CPF/CNPJ (BR), ИНН (RU), SSN ...
    "iva p.iva piva partita fiscale cf cpf cnpj inn инн огрн vin ssn nif dni nie siret siren "
    "ust ust-idnr steuernummer rfc curp "
    # national identity and social-security numbers: PH, IN, SG, AU, GB, NL, PL, CL, AR, RO
    "sss aadhaar aadhar nric abn acn nino bsn pesel regon rut cuit cuil cnp "
    # "ad", "listing", "reference", "order", "profile" and "account" in the other languages
    # ads come in, with the genitive forms head-first languages put last ("numer
    # ogłoszenia", "číslo inzerátu", "رقم الإعلان", "nomor iklan", "αριθμός αγγελίας").
    # Not "order": "Sipariş:", "Замовлення:", "sur commande" introduce the number to order by.
    "ogłoszenie ogłoszenia ogloszenie ogloszenia anons anonsu konta "
    "advertentie referentie kenmerk "
    "ilan ilanı referans "
    "anunț anunt anunţ anunțului anuntului anunţului referință referinta "
    "inzerát inzerat inzerátu inzeratu "
    "annons annonsen annonse referens "
    "referensi rekening "
    "hirdetés hirdetes hirdetésszám azonosító "
    "αγγελία αγγελίας αγγελια αγγελιας κωδικός κωδικος κωδ "
    "оголошення оголошенні анкета анкеты анкеті счет счёт рахунок карта карты карту "
    "المرجع مرجع كود الكود آگهی "
    "anunsyo patalastas stk folio protocolo referência inserzione clabe cbu "
    "광고 등록 회원 사업자 참조 코드 계좌 広告 会員 管理 登録 口座 "
    # classified box numbers, postings, registrations and licences (massage parlours)
    "chiffre kennziffer posting registration reg license licence lic permit registro "
    "matrícula matricula konto "
    # file and reference numbers of German and Austrian authorities (Aktenzeichen, Zahl)
    "az aktenzeichen zl gz geschäftszahl "
    # company and tax numbers: VAT (AT/CH UID, NL BTW, FR TVA, DE MwSt, EU VAT, AU/IN GST),
    # ID (NPWP), PL (NIP, KRS), RO (CUI), ES (CIF), CZ/SK (IČO, DIČ), GR (ΑΦΜ), NL (KvK),
    # CO (NIT), PE/EC (RUC). "tin" (PH, US) is _TIN.
    "uid vat btw tva mwst gst gstin npwp nip krs cui cif ičo ico dič dic αφμ afm kvk nit ruc "
    "fiscal mst "  # VN MST: mã số thuế; IVA, P.IVA and fiscale are listed above
    # "invoice" in the other languages ("P.IVA per fattura 01234567890")
    "fattura factura facture fatura rechnung faktura factuur".split()
)
# The lines a site prints for its own customers, in its footer or notices ("Customer care
# 0203 ...", "Atención al cliente 910 ...", "SAC 0800 ...", "Техподдержка: 8 800 ...",
# "客服热线:400-..."): never an advertiser's, and a false link between every ad of the site.
_SITE_SERVICE_WORDS = frozenset(
    "klantenservice kundenservice kundendienst техподдержка sac destek assistenza suport "
    "helpdesk servicedesk".split()
)
# IDs named by a phrase whose last word alone is an everyday one: the Vietnamese business
# registration number ("số đăng ký kinh doanh 0312345678"), where "liên hệ kinh doanh" (sales
# contact) introduces a phone.
_ID_PHRASES = frozenset(("ký kinh doanh", "ky kinh doanh"))
_SITE_SERVICE_PHRASES = frozenset(
    (
        "customer care", "customer service", "customer support", "site support",
        "help centre", "help center", "service client", "servizio clienti",
        "atención al cliente", "atencion al cliente", "atendimento ao cliente",
        "apoio ao cliente", "enforcement requests", "hotline hỗ trợ",
    )
)  # fmt: skip
_SITE_SERVICE_SUFFIXES = (
    "客服热线",
    "客服熱線",
    "客服电话",
    "客服電話",
    "客服专线",
    "客服專線",
    "客服",
    "고객센터",
)
# The words for an ad, and the determiners that make one "this ad" rather than an ID's label.
_AD_NOUNS = frozenset("ad post posting listing anuncio annonce anúncio anzeige inserat".split())
_DETERMINERS = frozenset(
    "this that my the our your este esta ese esa mi tu su ce cette mon ma ton votre notre "
    "dieser diese dieses meine mein deine unsere questo questa il".split()
)
# Words after an ID word that say whose ID it is: "P.IVA del sito", "VAT of the company".
_ID_OWNER_WORDS = frozenset(
    "of the del della dello di de du des la el do da der site sito società societa "
    "empresa société societe company website operator betreibers firma azienda".split()
)
_FRENCH_COMPANY_REGISTER = "rcs"
# The taxpayer identification number, but not in the Vietnamese "nhắn tin" ("send a text").
_TIN, _TIN_AFTER_IN_A_TEXT_ME = "tin", "nhắn"
# ... optionally followed by one of these ("Post ID:", "Anuncio No.", "Inserat-Nr",
# "Inzerát č.", "İlan numarası", "광고 번호").
_ID_QUALIFIERS = frozenset(
    "id # no n nr n° nº num number code № номер nro núm numero número numéro numer nummer "
    "client cliente kunde "  # "référence client", "ref. cliente"
    "numara numarası kodu nomor č čís číslo cislo szám száma kód kod cod αριθμός αρ "
    "kode 번호 番号 号 رقم".split()
)
# Words that name an ID only next to a qualifier ("Aviso Nº", "Oferta nr", "nomor iklan",
# "رقم الإعلان"): alone they are everyday words ("aviso" is also "notice", "Info iklan"
# introduces the number to call to place an ad).
_ID_WORDS_WITH_QUALIFIER = frozenset(
    "profile member "  # "Verified profile #441134960000", not "my profile 07412 ..."
    "aviso oferta oferty kunden anzeigen bestell artikel iklan الإعلان الاعلان إعلان اعلان "
    "заявки заявка заказа".split()
)
# Head-first "code" words: what follows them is the code's kind ("mã tin" = post code,
# "รหัสสมาชิก" = member code), so they name an ID a word or two before the number.
_CODE_HEADS = frozenset(("mã", "รหัส", "codice"))  # vi, th, it ("codice fiscale")
_THAI_CODE_HEAD = "รหัส"  # Thai glues it to its kind: "รหัสประกาศ"
_PHONE_CODE_KINDS = ("vùng", "quốc", "zalo", "điện", "đt", "พื้นที่", "โทร", "ประเทศ")
_GLUED_NUMBER_SIGNS = frozenset(("no", "nr"))
# Words right before a number that disown it: "(not 615-555-0000, that was a typo)", "We are
# NOT the spa at 415-555-0170", "et pas au 05 61 ...", "no al 612 ...", "nicht die 0170 ...",
# "не 8 916 ...", "niet 06 ...". A "not" that governs the number directly, or through "at",
# "the ... at", a preposition or an article; "text, not calls: 617..." keeps its number.
_DISOWNED_BEFORE = re.compile(
    r"(?<![a-zа-я])(?:not|pas|nicht|niet|non|не|nie)"
    r"(?:\s+(?:at|on|the\s+[a-z]+\s+at|au|à|le|la|al|el|die|der|unter|на|op|allo|ao|no|na))?"
    r"[\s:(]*\Z"
)
_DISOWNING_CHARS = 24
# Words right after a number that disown it: "is NOT my number", "n'est pas mon numéro",
# "no es mi número", "больше не мой" (no longer mine: someone else's now), "THAT IS NOT ME",
# "to NIE ja", "(não é contato das anunciantes)", "was cloned". The text is lower-cased.
_DISOWNED_AFTER = re.compile(
    r"[\s(),.:;!-]{0,3}(?:"
    r"(?:is not|isn't|isnt|is never|n'est pas|n'est plus|no es|ya no es|não é"
    r"|nao e|non è|ist nicht|(?:больше\s+|уже\s+)?не)\s+"
    r"(?:my|mine|mon|ma|mi|meu|il mio|mein|meine|мой|contato|contacto)\b"
    r"|(?:(?:that|this|it)\s+is|that's|thats|it's|is)\s+not\s+me\b"
    r"|(?:ce\s+)?n'est\s+pas\s+moi|c'est\s+pas\s+moi|no\s+soy\s+yo|não\s+sou\s+eu"
    r"|non\s+sono\s+io|(?:das\s+)?bin\s+(?:nicht\s+ich|ich\s+nicht)|(?:to\s+)?nie\s+ja\b"
    r"|это\s+не\s+я"
    r"|(?:was|has\s+been|foi|fue|ha\s+sido)\s+(?:cloned|hacked|stolen|clonado|hackeado|roubado|robado)"
    r")"
)
_AFTER_DISOWNING_CHARS = 30
# Words right after a number that say it is dead: "is disconnected", "no longer in use",
# "geht nicht mehr", "n'est plus valable", "tá desativado", "nieaktualny", "не работает",
# "は使用停止", "THATS MY OLD NUMBER". A dead number is often given to someone else, and
# half of the authors of the blind rounds label it no contact (see README). "New number
# 617-555-0123, old one is dead" keeps its number: the words must follow it directly.
_DEAD_AFTER = re.compile(
    r"[\s()\[\],.:;!-]{0,4}(?:"
    r"(?:is\s+|was\s+|has\s+been\s+|got\s+|now\s+)?(?:disconnected|deactivated|cut\s+off"
    r"|out\s+of\s+service|no\s+longer\b|not\s+in\s+(?:use|service)\b)"
    r"|(?:doesn'?t|does\s+not|don'?t)\s+work"
    r"|(?:(?:that'?s|thats|that\s+is|it'?s|is)\s+)?(?:my|our)\s+old\s+(?:number|#|phone|line|cell)"
    r"|(?:ya\s+)?no\s+(?:lo\s+)?(?:uso|funciona|existe|está\s+activo|esta\s+activo)\b"
    r"|(?:tá|ta|está|esta)\s+(?:desativado|desligado|dado\s+de\s+baja|desactivado)"
    r"|não\s+(?:uso|funciona)\s+mais|nao\s+(?:uso|funciona)\s+mais"
    r"|n'est\s+plus\s+(?:valable|actif|attribué|en\s+service|utilisé)"
    r"|ne\s+(?:marche|fonctionne)\s+plus|hors\s+service"
    r"|geht\s+nicht\s+mehr|(?:ist\s+)?nicht\s+mehr\s+(?:aktiv|aktuell|erreichbar|gültig)"
    r"|non\s+(?:è|e)\s+più\s+(?:attivo|valido|in\s+uso)|non\s+funziona\s+più"
    r"|werkt\s+niet\s+meer|nieaktualny|nieaktywny|nie\s+działa"
    r"|(?:больше\s+|уже\s+)?(?:не\s+работает|не\s+актуален|отключен)"
    r"|kapandı|kapandi|kullanılmıyor"
    r"|(?:は)?使用停止|(?:は)?つながりません|已停用|停用"
    r")"
)
# "my old # 617 555 0188 is OFF", "old one ... is dead": "off" and "dead" say it only of a
# number the words before call old.
_OFF_OR_DEAD_AFTER = re.compile(r"[\s()\[\],.:;!-]{0,4}(?:is\s+)?(?:off|dead)\b")
_OLD_BEFORE = re.compile(r"\b(?:old|former|previous)\b")
_DEAD_CHARS = 40
# A token of letters and digits this long, with this many letter runs none longer than this,
# is a hash, an address or a key (see _is_inside_a_code); how far out from a run it is read.
_MIN_CODE_TOKEN = 26
_MIN_CODE_LETTER_RUNS = 4
_MAX_CODE_LETTER_RUN = 6
_MAX_CODE_TOKEN = 100
_LETTER_RUN = re.compile("[a-z]+")
# The letters and digits glued to a run on either side (the digitised text is lower-case).
_ALNUM_BEFORE = re.compile("[0-9a-z]*\\Z")
_ALNUM_AFTER = re.compile("[0-9a-z]*")
# Anti-trafficking hotlines that sites print under every ad: never the advertiser's, and a
# false link between every ad that carries them.
PUBLIC_HOTLINES = frozenset(
    (
        "+18883737888",  # US National Human Trafficking Hotline
        "+18339001010",  # Canadian Human Trafficking Hotline
        "+448000121700",  # UK Modern Slavery & Exploitation Helpline
        "+39800290290",  # Italian anti-trafficking Numero Verde
    )
)
_ORDINAL_PREFIX = "第"  # zh, ja: "No." of a licence, a register, a floor
_CODE_SUFFIX = re.compile(r"-([a-z]+)")
# A year and a slash opening a run, or a slash and a year closing it; a year, a dash and a
# short group, all the run ("ProstSchG Nr. 2024-0815": a file number of that year; "Tel
# 2019-004417" is a US phone).
_YEAR_FIRST_REFERENCE = re.compile(r"(?:19|20)[0-9]{2}(?:/|-[0-9]{3,4}\Z)")
_YEAR_LAST_REFERENCE = re.compile(r"/(?:19|20)[0-9]{2}\Z")
_MAX_CODE_SUFFIX_LETTERS = 3
# "Line ID: 0812345678" names a messenger account, which may well be a phone number.
_MESSENGERS = frozenset(
    "line kik wechat skype telegram whatsapp viber signal zalo kakao 카톡 라인 ไลน์ 微信 ライン".split()
)
_ID_SUFFIXES_CJK = ("编号", "广告", "编码", "單號", "单号", "身份证", "身份证号", "订单",
                    "編號", "廣告", "編碼", "身份證", "訂單",
                    # Thai: ad, reference, account, "No." of a place, code
                    "ประกาศ", "อ้างอิง", "บัญชี", "เลขที่", "รหัส",
                    # Thai licence; Chinese remittance and bank accounts, tax numbers
                    "ใบอนุญาต", "汇款", "匯款", "银行", "銀行", "账户", "帳戶", "税号", "稅號",
                    "统一编号", "統一編號")  # fmt: skip
# Compound words that end in "number" (Kundennummer, Registreringsnummer, 사업자등록번호,
# 会員番号, 订单号) name an ID unless their head is a phone or messenger word
# (Telefonnummer, Handynr, 전화번호, 電話番号, 手机号). "id" glued to a non-Latin head
# (会員ID) counts too.
_NUMBER_ENDINGS = ("nummer", "number", "numero", "nr", "номер", "szám", "번호", "番号", "号码",
                   "號碼", "号", "號")  # fmt: skip
# A compound's head ends with one of these ("Mobiltelefon", "お電話"), or a Latin head starts
# with one ("Handykontakt"); a stem inside a head is no sign ("Bestell" holds "tel").
_PHONE_HEAD_STEMS = (
    "tel", "phone", "fon", "handy", "mobil", "mobiel", "cell", "natel", "ruf", "kontakt",
    "contact", "whatsapp", "whats", "sms", "fax", "gsm", "privat", "prive", "privé", "direkt",
    "direct", "hotline", "service", "netz", "zweit", "neu", "ersatz", "büro", "buero",
    "anruf", "call", "text", "viber", "telegram", "signal", "skype", "line", "wechat",
    "kakao", "zalo", "puhelin", "puh", "hívó", "tlf", "tfn", "kom", "телефон", "тел", "моб",
    "电话", "電話", "手机", "手機", "携帯", "ケータイ", "連絡", "联系", "聯繫", "聯絡", "微信",
    "ライン", "전화", "휴대", "핸드폰", "폰", "연락", "카톡", "카카오", "라인", "qq", "โทร",
    "เบอร์", "ไลน์",
    # area codes and extensions precede a phone: Netnummer, Riktnummer, Körzetszám, 지역번호,
    # 내선번호, 区号
    "net", "rikt", "körzet", "vorwahl", "durchwahl", "notfall", "suunta", "지역", "내선", "区",
    "區", "市外",
    # a business's main line: 대표번호, 代表番号, 总机
    "대표", "代表", "总机", "總機",
)  # fmt: skip
# "同号" / "同號": "the same number" (as the phone, on WeChat ...).
# 微信同号 (same as WeChat), 新号码 (new number), 旧番号 (old number: still the advertiser's)
_SAME_OR_NEW_NUMBER_HEADS = ("同", "新", "旧", "舊")
# Phone labels people glue to the number ("Tel0151 ...", "wa0812 ..."), never a code.
_GLUED_PHONE_LABELS = frozenset("t m p h hp ph tel tlf tfn wa sms mob cel fon gsm".split())
_QQ_MARK_CHARS = 8  # how near the end of the word before a number "qq" must be
# Price words: a run right after one is a price or a price range ("Preis 1500-3000").
_PRICE_WORDS = frozenset(
    "price prices rate rates prix tarif tarifs precio precios tarifa tarifas preço preco "
    "preços precos preis preise prezzo prezzi tariffa tariffe цена цены ціна ціни cena ceny "
    "fiyat fiyatı fiyati giá harga presyo prijs prijzen pris priser hinta τιμή τιμη سعر "
    "السعر الأسعار قیمت cost costs costo coste custo kosten koszt cennik cenník "
    "стоимость вартість ücret ücreti preț pret ár ára árak τιμές fee fees donation donations "
    "bayad".split()
)
# Scripts written without spaces glue the price word to what precedes it.
_PRICE_SUFFIXES = ("ราคา", "价格", "價格", "价钱", "價錢", "价位", "價位", "收费", "收費", "费用",
                   "費用", "가격", "요금", "비용", "料金", "値段", "価格")  # fmt: skip
# "QQ 2847103356": QQ, a Chinese messenger, numbers its accounts; only a Chinese mobile
# number after it is a phone ("QQ/微信 13812345678").
_QQ_MARKS = ("qq", "扣扣", "企鹅")  # "扣扣" and "企鹅" (penguin) are its nicknames
_CHINESE_MOBILE = re.compile(r"\+861[3-9][0-9]{9}\Z")
# An IBAN's first group glued to its country ("DE89 3704 0044 ..."): the run starts after
# the two letters with two digits, then groups of four.
_IBAN_RUN_START = re.compile(r"[0-9]{2} [0-9]{4} [0-9]{4}")
# A bank account number in IBAN grouping without its letters (Polish NRB "61 1090 1014 0000
# 0712 ..."): two digits and four or more groups of four, more digits than any phone.
_ACCOUNT_RUN_START = re.compile(r"[0-9]{2}(?: [0-9]{4}){4}")
# "(" too: a run never starts with one, so "Tel (617) 555 ..." reads "Tel".
_TRAILING_PUNCTUATION = " \t:#=.-№\n(["
# Whitespace-separated pieces of a run that are dates, times, body measurements or
# decimals such as coordinates (40.7128 -74.0060). Years may be Buddhist-era (Thai 25xx),
# a date may have no year when written with a slash ("au 07/06 🌊 07.68..."), and a 3-2-5
# dashed group is a Korean business registration number.
_NOT_PHONE_TOKEN = re.compile(
    r"(?:(?:0?[1-9]|[12][0-9]|3[01])([/.\-])(?:0?[1-9]|[12][0-9]|3[01])\1(?:19|20|25)?[0-9]{2}"
    r"|(?:0?[1-9]|[12][0-9]|3[01])/(?:0?[1-9]|1[0-2])"
    r"|(?:19|20|25)[0-9]{2}([/.\-])[01]?[0-9]\2[0-3]?[0-9]"
    r"|[0-2]?[0-9][.:][0-5][0-9](?:-[0-2]?[0-9][.:][0-5][0-9])?"
    r"|[2-5][0-9]-[1-4][0-9]-[2-5][0-9]"
    r"|[0-9]{3}-[0-9]{2}-[0-9]{5}"
    r"|-?[0-9]{1,3}\.[0-9]{4,6})\Z"
)
# A house number with a slash opening a run ("Soi Bangla 88/12 · 83150"); an area code
# opens with 0 ("030/123 45 67") and a US area code has three digits after it ("617/555 0123").
_HOUSE_NUMBER = re.compile(r"[1-9][0-9]{0,2}/[0-9]{1,2}\Z")


# A number's own country named next to it, where it differs from the ad's: "mój polski
# numer 512 345 678" in a Berlin ad, "numărul românesc 0712 ...", "Gọi số Việt Nam ...",
# "เบอร์ออสเตรเลีย 0491 ...", "8 912 345 67 89 (Rus hattı)". Foreign workers keep their home
# numbers. The country word counts only beside a word for "number" or "line", so "Thai
# massage 02 ..." stays a number of the ad's country. Words are lowercase.
_COUNTRY_WORDS: Mapping[str, str] = MappingProxyType(
    {
        word: region
        for region, words in (
            (
                "RO",
                "romanian romania românesc romanesc românească romaneasca rumano "
                "rumana rumania roumain roumaine rumänisch rumänische rumänischen rumeno "
                "romeno rumuński rumunski romanya румынский",
            ),
            (
                "PL",
                "polish poland polski polskiego polaco polaca polonais polonaise polnisch "
                "polnische polnischen polacco polonês polonya польский",
            ),
            (
                "UA",
                "ukrainian ukraine ukrainien ukrainienne ukrainisch ukrainische ucraniano "
                "ucraino ucraina ukraiński ukrainski ukrayna український українськiй "
                "украинский",
            ),
            (
                "RU",
                "russian russia rus ruso rusa russe russisch russische russischen russo "
                "rosyjski rusya русский российский россии",
            ),
            (
                "BG",
                "bulgarian bulgaria búlgaro bulgaro bulgare bulgarisch bułgarski bulgar "
                "болгарский български",
            ),
            ("HU", "hungarian hungary magyar húngaro hongrois ungarisch ungherese węgierski macar"),
            ("MD", "moldovan moldova moldovenesc moldavo moldave"),
            (
                "DE",
                "german germany deutsch deutsche deutschen deutscher alemán alemana "
                "allemand allemande tedesco alemão niemiecki niemieckiego niemiecka "
                "almanya alman немецкий",
            ),
            (
                "GB",
                "uk british britain britânico británico britannique britisch britannico "
                "brytyjski ingiliz английский",
            ),
            (
                "US",
                "usa american americano americana américain amerikanisch amerykański "
                "amerikan американский",
            ),
            (
                "ES",
                "spanish spain español española espagnol espagnole spanisch spagnolo "
                "espanhol hiszpański ispanyol испанский",
            ),
            (
                "IT",
                "italian italy italiano italiana italien italienne italienisch włoski "
                "italyan итальянский",
            ),
            (
                "FR",
                "french france français française francés francesa französisch francese "
                "francês francuski fransız французский",
            ),
            (
                "NL",
                "dutch netherlands nederlands nederlandse holandés néerlandais "
                "niederländisch olandese holenderski hollanda",
            ),
            (
                "VN",
                "vietnamese vietnam việt vietnamita vietnamien vietnamesisch wietnamski "
                "вьетнамский",
            ),
            ("TH", "thai thailand ไทย tailandés thaï thailändisch tailandese tajski tayland"),
            ("PH", "filipino philippine philippines pinoy"),
            (
                "CN",
                "chinese china 中国 國內 国内 大陆 大陸 chino chinois chinesisch cinese chinês "
                "chiński китайский",
            ),
            (
                "AU",
                "australian australia ออสเตรเลีย australiano australien australisch "
                "australijski avustralya",
            ),
            (
                "BR",
                "brazilian brazil brasil brasileiro brasileira brasileño brésilien "
                "brasilianisch brasiliano brazylijski brezilya",
            ),
            ("CO", "colombian colombia colombiano colombiana colombien kolumbianisch"),
            ("VE", "venezuelan venezuela venezolano venezolana"),
            ("JP", "japanese japan 日本 japonés japonais japanisch giapponese japonês"),
            ("KR", "korean korea 한국 coreano coréen koreanisch koreański"),
            ("NG", "nigerian nigeria"),
            ("KE", "kenyan kenya"),
            ("AE", "uae emirati dubai"),
        )
        for word in words.split()
    }
)
# Words for a phone number or line, beside which a country word names the number's country.
_NUMBER_NOUNS = frozenset(
    "number num numero número numéro numer numeru numerze nummer numărul număr numar "
    "номер номера số hattı hatti line sim mobile mobil cell cellulare celular handy "
    "phone tel telefon telefono teléfono telefone telefonu whatsapp".split()
)
# Scripts without spaces glue the two: "เบอร์ออสเตรเลีย" (Australian number), "中国号码".
_GLUED_NUMBER_NOUNS = ("เบอร์", "号码", "號碼", "手机", "手機", "번호")
_GLUED_COUNTRY_WORDS = tuple(word for word in _COUNTRY_WORDS if not word.isascii())
_WORDS_AROUND_A_NUMBER = re.compile(r"[^\W\d_]+")
_COUNTRY_WORD_CHARS = 24  # after a number, in brackets: "(Rus hattı)"


@lru_cache(maxsize=CONTEXT_CACHE_SIZE)
def _region_named_beside(before: str, after: str) -> Optional[str]:
    """The region of a country word beside a word for "number" in the last three words of
    ``before`` (the _CONTEXT_CHARS before a number) or in a bracket that starts ``after``
    (the characters after it; "" when none starts there), else None."""
    for words in (_WORDS_AROUND_A_NUMBER.findall(before)[-3:], _bracketed_words(after)):
        if not words:
            continue
        named = [_COUNTRY_WORDS[w] for w in words if w in _COUNTRY_WORDS]
        if named and not _NUMBER_NOUNS.isdisjoint(words):
            return named[-1]
    # Scripts without spaces glue the noun and the country: "เบอร์ออสเตรเลีย", "中国号码".
    tail = before.rstrip(" \t:：")
    for noun in _GLUED_NUMBER_NOUNS:
        at = tail.rfind(noun)
        if at < 0:
            continue
        after_noun = tail[at + len(noun) :]
        if after_noun in _COUNTRY_WORDS:
            return _COUNTRY_WORDS[after_noun]
        for word in _GLUED_COUNTRY_WORDS:
            if tail.endswith(word, 0, at):
                return _COUNTRY_WORDS[word]
    return None


def _bracketed_words(after: str) -> List[str]:
    stripped = after.lstrip(" \t")
    if not stripped.startswith("("):
        return []
    return _WORDS_AROUND_A_NUMBER.findall(stripped[1:].partition(")")[0])


@lru_cache(maxsize=CONTEXT_CACHE_SIZE)
def _context_says_not_a_phone(before: str) -> bool:
    """True when the words right before a number name it an ID, a reference, a code or a
    price.

    Cached on the _CONTEXT_CHARS before the number, all it reads: ads repeat their sentences.
    """
    tail = before.rstrip(_TRAILING_PUNCTUATION)
    # The strip takes a "#" or "№" with it, which is the qualifier some ID words need:
    # "Verified profile #441134960000", "Aviso № 612345678".
    if "#" in before[len(tail) :] or "№" in before[len(tail) :]:
        last_word = tail.rsplit(None, 1)[-1] if tail.strip() else ""
        last_word = last_word.strip(".,;:()[]")
        if last_word in _ID_WORDS_WITH_QUALIFIER or last_word in _ID_WORDS:  # "this ad #..."
            return True
    if (
        tail.endswith(_ID_SUFFIXES_CJK)
        or tail.endswith(_PRICE_SUFFIXES)
        or tail.endswith(_SITE_SERVICE_SUFFIXES)
    ):
        return True
    if tail.endswith(_ORDINAL_PREFIX):
        return True  # "許可番号 第123456789号": the ordinal of a licence or a register entry
    glued_to_the_digits = before[-1:].isalpha()
    code_end = before if glued_to_the_digits else tail if before[-1:] == "-" else ""
    if code_end[-1:].isalpha():
        # A short letter code glued to the number, or joined by a dash, hides the label
        # before it: "Ref:AB0612...", "Konto PL61 1090 ...", "license #BL-2019-004417".
        glued = _letters_at_end(code_end)
        if (
            len(glued) <= 3
            and glued.isascii()  # unspaced scripts glue every label, "电话" too
            and glued not in _GLUED_PHONE_LABELS
        ):
            rest = code_end[: -len(glued)]
            if glued in _GLUED_NUMBER_SIGNS and glued_to_the_digits:
                # "№" glued to the digits (NFKC writes it "No"): "Заявка №79261234560"
                # numbers a document, unless a phone word comes before it ("тел. №7926...").
                return not _last_words_name_a_phone(rest.rstrip(_TRAILING_PUNCTUATION))
            if _context_says_not_a_phone(rest):
                return True
    # Only the last three words count. They lie in the last three whitespace-separated
    # pieces unless one of those is all dashes (no word at all), so those pieces make a
    # short cache key that recurs across ads ("my number", "Post ID").
    pieces = tail.rsplit(None, 3)
    if len(pieces) == 4 and all(piece.strip("-") for piece in pieces[1:]):
        return _last_words_name_an_id(" ".join(pieces[1:]))
    return _last_words_name_an_id(tail)


@lru_cache(maxsize=CONTEXT_CACHE_SIZE)
def _last_words_name_an_id(tail: str) -> bool:
    pieces = tail.split()
    if pieces and _is_id_compound(pieces[-1].replace("-", "").strip(".,;:()[]")):
        return True
    words = tail.replace("-", " ").replace("#", " # ").replace("№", " № ").split()[-3:]
    words = [word.strip(".,;:()[]") for word in words]
    if not words:
        return False
    last = words[-1]
    previous = words[-2] if len(words) > 1 else ""
    if (
        last in _ID_QUALIFIERS
        and previous != "id"
        and (previous in _ID_WORDS or previous in _ID_WORDS_WITH_QUALIFIER)
    ):
        return True
    if last in _ID_WORDS_WITH_QUALIFIER and previous in _ID_QUALIFIERS:  # head-first
        return True
    if last == "id" or last == "№":
        return previous not in _MESSENGERS
    if "iban" in words:  # "IBAN DE89 3704 ...", "IBAN IT60 X054 2811 ..."
        return True
    if previous in _ID_WORDS and len(last) == 2 and last.isalpha():  # "TVA FR 12 345678901"
        return True
    if previous == _FRENCH_COMPANY_REGISTER:  # "RCS Paris 935 802 791", the register's city
        return True
    heads = [index for index, word in enumerate(words) if word in _CODE_HEADS]
    if heads or last.startswith(_THAI_CODE_HEAD):
        # ... unless the code is an area or country code: "mã vùng 028", "รหัสพื้นที่",
        # read after the head only ("(Zalo). Mã tin: 0912..." is a listing code).
        after_head = " ".join(words[heads[-1] :]) if heads else last
        return not any(kind in after_head for kind in _PHONE_CODE_KINDS)
    if last == _TIN:
        return not previous.endswith(_TIN_AFTER_IN_A_TEXT_ME)  # "Zalo/nhắn tin"
    if (
        last in _SITE_SERVICE_WORDS
        or " ".join(words[-2:]) in _SITE_SERVICE_PHRASES
        or " ".join(words) in _SITE_SERVICE_PHRASES
        or " ".join(words) in _ID_PHRASES
    ):
        return True
    if last in _AD_NOUNS and previous in _DETERMINERS:
        return False  # "Mention this ad 404-...": the ad itself, not the label of its ID
    if last in _ID_OWNER_WORDS:
        # "P.IVA del sito 0123...", "VAT of the company 123...": whose ID it is, after it.
        owner_start = len(words) - 1
        while owner_start > 0 and words[owner_start - 1] in _ID_OWNER_WORDS:
            owner_start -= 1
        return owner_start > 0 and words[owner_start - 1] in _ID_WORDS
    return last in _ID_WORDS or last in _PRICE_WORDS


def _is_id_compound(word: str) -> bool:
    """True for a word ending in "number" (or a glued "ID") whose head is no phone word."""
    if word.endswith(_NUMBER_ENDINGS):
        ending = next(ending for ending in _NUMBER_ENDINGS if word.endswith(ending))
        head = _letters_at_end(word[: -len(ending)].rstrip("."))
        # A Latin head needs a few letters ("Kunden"), a CJK or Hangul head one ("卡号").
        if not head or (head.isascii() and len(head) < 3):
            return False
    elif word.endswith("id") and len(word) > 2 and not word[-3].isascii():
        head = _letters_at_end(word[:-2])
        if not head:
            return False
    else:
        return False
    if head.isascii():
        return not (head.endswith(_PHONE_HEAD_STEMS) or head.startswith(_PHONE_HEAD_STEMS))
    # An unspaced head may hold its phone word anywhere ("微信同号" = "the same number as
    # WeChat", "手机号码"); the non-Latin stems are whole words, not fragments like "tel".
    return not (
        head.endswith(_SAME_OR_NEW_NUMBER_HEADS) or any(stem in head for stem in _PHONE_HEAD_STEMS)
    )


def _last_words_name_a_phone(tail: str) -> bool:
    """True when the last word of ``tail`` is a phone or messenger word ("тел.", "Viber")."""
    words = tail.split()
    last = words[-1].strip(".,;:()[]") if words else ""
    return last in _MESSENGERS or last.startswith(_PHONE_HEAD_STEMS)


def _has_code_suffix(text: str, end: int) -> bool:
    """True when a short letter code joined by a dash follows the run ending at ``end``:
    "2023-0815-BE". A longer word there is a name ("3331234567-Giulia"), and a phone or
    messenger word names the number ("0612345678-WA")."""
    suffix = _CODE_SUFFIX.match(text, end)
    if suffix is None:
        return False
    word = suffix.group(1)
    return len(word) <= _MAX_CODE_SUFFIX_LETTERS and not (
        word in _GLUED_PHONE_LABELS or word in _MESSENGERS or word.startswith(_PHONE_HEAD_STEMS)
    )


def _letters_at_end(text: str) -> str:
    """The letters that end ``text``: unspaced scripts glue a compound to what precedes it
    ("15000，会员号")."""
    start = len(text)
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:]


def _says_qq_account(before: str) -> bool:
    """True when QQ is named right before a number ("加QQ", "QQ号:", "QQ/微信")."""
    pieces = before.rstrip(_TRAILING_PUNCTUATION + "号號码碼").rsplit(None, 1)
    word_end = pieces[-1][-_QQ_MARK_CHARS:] if pieces else ""
    return any(mark in word_end for mark in _QQ_MARKS)


def _glued_iban(before: str, run: str) -> bool:
    """True for an IBAN whose run starts after its two-letter country ("de89 3704 0044")."""
    return (
        len(before) >= 2
        and before[-2:].isalpha()
        and before[-2:].isascii()
        and not before[-3:-2].isalpha()
        and _IBAN_RUN_START.match(run) is not None
    )


def _currency_before(near: str) -> bool:
    near = near.rstrip()
    return bool(near) and (near[-1] in _CURRENCY_SYMBOLS or near.endswith(_CURRENCY_CODES))


def region_is_supported(region: Optional[str]) -> bool:
    """True when phonenumbers knows ``region`` (an ISO 3166-1 alpha-2 code, upper case)."""
    return region is not None and region in phonenumbers.SUPPORTED_REGIONS


@lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def _valid_e164(number: str, region: Optional[str]) -> Optional[str]:
    """E.164 of ``number`` parsed for ``region`` when phonenumbers calls it valid, else None."""
    if _FAST_PATH:
        digits = number[1:] if number[:1] == "+" else number
        if (
            digits.isdigit()
            and digits.isascii()
            and phonenumberutil._MIN_LENGTH_FOR_NSN < len(digits) <= MAX_DIGITS + 3
            and (region is None if number[:1] == "+" else region_is_supported(region))
        ):
            return _digits_e164(number, region)
    return _library_e164(number, region)


def _library_e164(number: str, region: Optional[str]) -> Optional[str]:
    """_valid_e164 by phonenumbers' public functions: parse, is_valid_number, format_number."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


# The fast path below repeats phonenumbers.parse, is_valid_number and format_number(E164)
# step by step with phonenumbers' own helpers, for the only inputs phones validates: ASCII
# digits after a "+" (no region) or without one (a supported region). What it leaves out is
# provably a no-op on such input (test_phones checks each claim and compares the verdicts
# on random digit strings for every region): extracting the number from text, viability,
# region, RFC 3966 and extension checks, and digit normalisation return ASCII digits as they
# are. Should another phonenumbers lack a helper, the library path is used.
_PARSE_HELPERS = (
    "_extract_country_code",
    "_parse_prefix_as_idd",
    "_maybe_strip_national_prefix_carrier_code",
    "_match_national_number",
    "_test_number_length",
    "_MIN_LENGTH_FOR_NSN",
    "_MAX_LENGTH_FOR_NSN",
    "ValidationResult",
)
_FAST_PATH = all(hasattr(phonenumberutil, name) for name in _PARSE_HELPERS)
_NON_GEO_REGION = "001"
_NO_IDD = "NonMatch"  # phonenumbers' stand-in for a region without an international prefix


def _digits_e164(number: str, region: Optional[str]) -> Optional[str]:
    """_library_e164 for "+" and 3+ ASCII digits (region None) or 3+ ASCII digits (a
    supported region)."""
    util = phonenumberutil
    # parse(): the country code from "+", from the region's international prefix or from
    # the region's own country code, as _maybe_extract_country_code finds it.
    metadata = None
    if number[0] == "+":
        after_prefix: Optional[str] = number[1:]
    else:
        metadata = PhoneMetadata.metadata_for_region(region or "", None)
        if metadata is None or metadata.country_code is None:  # not for a supported region
            return _library_e164(number, region)
        idd = metadata.international_prefix
        stripped, rest = util._parse_prefix_as_idd(
            re.compile(_NO_IDD if idd is None else idd), number
        )
        after_prefix = rest if stripped else None
    if after_prefix is not None:
        # After "+" or an international prefix the number must start with a known country
        # code; else parse raises (its retry without "+" has no region to fall back on).
        if len(after_prefix) <= util._MIN_LENGTH_FOR_NSN:
            return None
        country_code, national = util._extract_country_code(after_prefix)
        if country_code == 0:
            return None
        extracted = True
    else:
        assert metadata is not None and metadata.country_code is not None
        country_code, national, extracted = metadata.country_code, number, False
        code_text = str(country_code)
        if number.startswith(code_text):
            general = metadata.general_desc
            _, without_code, _ = util._maybe_strip_national_prefix_carrier_code(
                number[len(code_text) :], metadata
            )
            if (
                not util._match_national_number(number, general, False)
                and util._match_national_number(without_code, general, False)
            ) or util._test_number_length(number, metadata) == util.ValidationResult.TOO_LONG:
                national, extracted = without_code, True
    if extracted:
        number_region = phonenumbers.region_code_for_country_code(country_code)
        if number_region != region:
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(
                country_code, number_region
            )
    if len(national) < util._MIN_LENGTH_FOR_NSN:
        return None
    assert metadata is not None  # the country code is known
    # The national prefix (and carrier code) comes off only if what is left has a possible length.
    _, without_prefix, _ = util._maybe_strip_national_prefix_carrier_code(national, metadata)
    if util._test_number_length(without_prefix, metadata) not in (
        util.ValidationResult.TOO_SHORT,
        util.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        util.ValidationResult.INVALID_LENGTH,
    ):
        national = without_prefix
    if not util._MIN_LENGTH_FOR_NSN <= len(national) <= util._MAX_LENGTH_FOR_NSN:
        return None
    # national is ASCII digits, so the parsed number's national significant number (its
    # integer with the leading zeros put back) is national itself, and its E.164 is
    # "+" + country code + national, as format_number writes it.
    if not _is_valid_number(country_code, national):
        return None
    return "+" + str(country_code) + national


def _is_valid_number(country_code: int, national: str) -> bool:
    """phonenumbers.is_valid_number for the number with this country code and NSN."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if regions is None:
        return False
    region = regions[0] if len(regions) == 1 else _region_of_number(national, regions)
    if region is None:
        return False
    # is_valid_number_for_region
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region.upper())
    if metadata is None or (
        region != _NON_GEO_REGION
        and country_code != phonenumbers.country_code_for_valid_region(region)
    ):
        return False
    return _has_number_type(national, metadata)


def _region_of_number(national: str, regions: Tuple[str, ...]) -> Optional[str]:
    """_region_code_for_number_from_list: the first region whose leading digits match, or,
    for one without leading digits, for which the number has a type."""
    for region in regions:
        metadata = PhoneMetadata.metadata_for_region(region.upper(), None)
        if metadata is None:
            continue
        if metadata.leading_digits is not None:
            if re.compile(metadata.leading_digits).match(national):
                return region
        elif _has_number_type(national, metadata):
            return region
    return None


def _has_number_type(national: str, metadata: PhoneMetadata) -> bool:
    """_number_type_helper(national, metadata) != UNKNOWN: the general description and one
    of the type descriptions match (mobile only when its pattern is not the fixed-line one).

    A description matches when its possible lengths (if any) hold the number's length and
    its pattern matches in full (_match's match-then-fullmatch is fullmatch). Which type
    matches does not matter, so the types are tried mobile first (what ads hold) and each
    pattern is compiled only when first needed.
    """
    plan, country_code = metadata.id, metadata.country_code
    kinds = _number_type_kinds(plan, country_code, len(national))
    if (
        not kinds
        or _description_pattern(plan, country_code, "general_desc").fullmatch(national) is None
    ):
        return False
    return any(
        _description_pattern(plan, country_code, kind).fullmatch(national) is not None
        for kind in kinds
    )


# Type descriptions in the order they are tried; any order gives the same answer.
_NUMBER_TYPE_KINDS = ("mobile", "fixed_line", "premium_rate", "toll_free", "shared_cost", "voip",
                      "personal_number", "pager", "uan", "voicemail")  # fmt: skip


@lru_cache(maxsize=NUMBER_TYPE_CACHE_SIZE)
def _number_type_kinds(metadata_id: str, country_code: int, length: int) -> Tuple[str, ...]:
    """The type descriptions a number of ``length`` digits may match in one numbering plan;
    none when its general description admits no such length."""
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, metadata_id)
    if metadata is None or _admitted_pattern(metadata.general_desc, length) is None:
        return ()
    return tuple(
        kind
        for kind in _NUMBER_TYPE_KINDS
        if not (kind == "mobile" and metadata.same_mobile_and_fixed_line_pattern)
        and _admitted_pattern(getattr(metadata, kind), length) is not None
    )


@lru_cache(maxsize=NUMBER_TYPE_CACHE_SIZE)
def _description_pattern(metadata_id: str, country_code: int, kind: str) -> Pattern[str]:
    """The compiled pattern of one description (one _number_type_kinds gave, or general)."""
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, metadata_id)
    return re.compile(getattr(metadata, kind).national_number_pattern)


def _admitted_pattern(description: Optional[PhoneNumberDesc], length: int) -> Optional[str]:
    """The pattern of ``description`` when _is_number_matching_desc may hold for ``length``
    digits (it has a pattern, and its possible lengths, if any, hold the length), else None."""
    if description is None or not description.national_number_pattern:
        return None
    if description.possible_length and length not in description.possible_length:
        return None
    return description.national_number_pattern


def validate_digits(digits: str, plus: bool, region: Optional[str]) -> Optional[str]:
    """E.164 for a digit string written with or without a leading "+", or None.

    Without "+", the number must be valid for ``region``; without a region it must carry its
    country another way: an international prefix (00, 011) or 1 + a North American number.
    """
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS + 3:
        return None
    if plus:
        return _valid_e164("+" + digits, None) if len(digits) <= MAX_DIGITS else None
    if region is not None:
        found = _valid_e164(digits, region)
        if found is not None or not digits.startswith("00"):
            return found
    if digits.startswith("00"):
        return _valid_e164("+" + digits[2:], None)
    if digits.startswith("011"):
        return _valid_e164("+" + digits[3:], None)
    if region is None and len(digits) == 11 and digits[0] == "1":
        return _valid_e164("+" + digits, None)
    return None


def phone_from_link(candidate: str) -> Optional[str]:
    """E.164 for the number of a wa.me / WhatsApp link (always international), or None."""
    digits = "".join(c for c in candidate if c.isdigit() and c.isascii())
    return validate_digits(digits, True, None)


def _groups_of(run: str) -> List[List[str]]:
    """The run's digit groups, split into segments wherever the gap is too long to be one number."""
    parts = _GROUP_SPLIT.split(run)  # gap, digits, gap, digits, ..., gap
    groups = parts[1::2]
    inner_gaps = parts[2:-1:2]
    if not groups:
        return []
    # Most runs are one number: no gap too long, no tab, hence one segment.
    if not inner_gaps or (max(map(len, inner_gaps)) <= _MAX_GAP and "\t" not in run):
        return [groups]
    segments: List[List[str]] = [[groups[0]]]
    for gap, digits in zip(inner_gaps, groups[1:]):
        if len(gap) > _MAX_GAP or "\t" in gap:
            segments.append([])
        segments[-1].append(digits)
    return segments


def _clean_tokens(run: str) -> List[str]:
    """Whitespace-separated pieces of ``run`` minus the dates, times and measurements, and
    minus a house number with a slash opening it ("Soi Bangla 88/12 · 83150": a Thai address
    and its postcode; "030/123 45 67" keeps its area code, which opens with 0)."""
    tokens = [
        token for token in run.split() if token.isdigit() or not _NOT_PHONE_TOKEN.match(token)
    ]
    if len(tokens) > 1 and _HOUSE_NUMBER.match(tokens[0]):
        return tokens[1:]
    return tokens


def _numbers_in_groups(groups: List[str], plus: bool, region: Optional[str]) -> List[str]:
    """Valid numbers in a sequence of digit groups: the whole, else the longest valid windows."""
    whole = validate_digits("".join(groups), plus, region)
    if whole is not None:
        return _mobile_after_a_trunk_zero(groups, region, whole) or [whole]
    found: List[str] = []
    start = 0
    while start < len(groups):
        taken = False
        for end in range(min(len(groups), start + MAX_WINDOW_GROUPS), start, -1):
            digits = "".join(groups[start:end])
            if len(digits) < MIN_DIGITS:
                break
            if (end - start == len(groups)) or len(digits) > MAX_DIGITS + 3:
                continue
            number = validate_digits(digits, plus and start == 0, region)
            if number is not None:
                split = _split_at_a_trunk_zero(groups, start, end, region)
                if split is not None:
                    number, end = split
                found.append(number)
                start = end
                taken = True
                break
        if not taken:
            start += 1
    return found


def _mobile_after_a_trunk_zero(groups: List[str], region: Optional[str], whole: str) -> List[str]:
    """[the number before, if valid, and a mobile] when a later group opens a mobile number
    with the national trunk prefix 0, and the groups as a whole read only as a landline:
    "Zimmer 212. 0160 98765432" is a room and a German mobile, not the (valid) Solingen
    landline 0212 016098765432. Else []."""
    if region is None or len(groups) < 2 or _national_prefix(region) != "0":
        return []
    for index in range(1, len(groups)):
        if not groups[index].startswith("0"):
            continue
        mobile = validate_digits("".join(groups[index:]), False, region)
        if mobile is None or not _is_mobile(mobile) or _is_mobile(whole):
            continue
        before = validate_digits("".join(groups[:index]), False, region)
        return [before, mobile] if before is not None else [mobile]
    return []


def _split_at_a_trunk_zero(
    groups: List[str], start: int, end: int, region: Optional[str]
) -> Optional[Tuple[str, int]]:
    """(the number before, where the next starts) when a later group of the valid window
    ``groups[start:end]`` opens a number with the national trunk prefix 0, the groups before
    it are a valid number, and the groups from it on are one too, at least to ``end``: a
    landline and a mobile side by side, "030 12345678 0171 1234567", are two numbers, not the
    valid but longer Berlin number 030 123456780171 and a stray tail. Else None."""
    if region is None or _national_prefix(region) != "0":
        return None
    for index in range(start + 1, end):
        if not groups[index].startswith("0"):
            continue
        before = validate_digits("".join(groups[start:index]), False, region)
        if before is None:
            continue
        for after_end in range(min(len(groups), index + MAX_WINDOW_GROUPS), end - 1, -1):
            if validate_digits("".join(groups[index:after_end]), False, region) is not None:
                return before, index
    return None


@lru_cache(maxsize=64)
def _national_prefix(region: str) -> Optional[str]:
    metadata = PhoneMetadata.metadata_for_region(region)
    return metadata.national_prefix if metadata is not None else None


_MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def _is_mobile(e164: str) -> bool:
    return phonenumbers.number_type(phonenumbers.parse(e164)) in _MOBILE_TYPES


@lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def _numbers_in_run_text(
    run: str,
    plus: bool,
    currency_before: bool,
    currency_after: bool,
    unit_after: bool,
    region: Optional[str],
) -> Tuple[str, ...]:
    """Valid numbers in one candidate run; cached, since ads repeat numbers and their formats."""
    tokens = _clean_tokens(run)
    if tokens and currency_before:
        tokens = tokens[1:]
    if tokens and currency_after:
        tokens = tokens[:-1]
    elif len(tokens) > 1 and unit_after:
        # A size, unit or decimal glued to the last group: "... 75B", "... 2hrs", "... 1,68m".
        # Opened by a bracket, it is a remark after the number: "080-9876-5432(24時間受付)".
        bracket = tokens[-1].rfind("(")
        tokens = tokens[:-1] if bracket <= 0 else [*tokens[:-1], tokens[-1][:bracket]]
    joined = " ".join(tokens)
    found = _numbers_in_text_groups(joined, plus, region)
    if not found and ". " in joined:
        # A sentence may end with a spaced-out number and the next start with a digit:
        # "0 7 9 1 2 - 6 4 4 - 2 0 8. 1 hr". Too many single-digit groups for a window, so
        # the sentences are read apart, only when the run as a whole holds no number.
        for sentence in joined.split(". "):
            found.extend(_numbers_in_text_groups(sentence, plus, region))
            plus = False
    return tuple(found)


def _numbers_in_text_groups(text: str, plus: bool, region: Optional[str]) -> List[str]:
    """Valid numbers in the digit groups of ``text``, segment by segment (see _groups_of)."""
    found: List[str] = []
    for segment in _groups_of(text):
        found.extend(_numbers_in_groups(segment, plus, region))
        plus = False
    return found


@lru_cache(maxsize=WINDOW_CACHE_SIZE)
def _numbers_in_window(
    window: str, run_start: int, run_end: int, region: Optional[str]
) -> Tuple[str, ...]:
    """Valid numbers of the run ``window[run_start:run_end]``, before its context test.

    ``window`` is the run with the _NEAR_CHARS before it and the _AFTER_CHARS after it (fewer
    at either end of the text): all that the run's currency, unit and "+" flags read, so the
    window, the run's place in it and the region decide the verdict, and one cache lookup per
    run replaces the slicing and flag tests. Ads repeat their sentences, so windows recur.
    """
    near = window[:run_start]
    next_char = window[run_end : run_end + 1]
    # The window ends _AFTER_CHARS after the run (or where the text does), as the endpos
    # of a match on the whole text would; the regexes look behind no further than the run.
    currency_after = (next_char in _CURRENCY_AFTER_FIRST or next_char.isspace()) and (
        _CURRENCY_AFTER.match(window, run_end) is not None
    )
    # The run's own cache key is its text and these few flags, not its whole window:
    # feeds repeat the same number in different sentences.
    cached = run_end - run_start <= _MAX_CACHED_RUN_CHARS
    return (_numbers_in_run_text if cached else _numbers_in_run_text.__wrapped__)(
        window[run_start:run_end],
        near.rstrip(" (").endswith("+"),
        _currency_before(near),
        currency_after,
        not currency_after
        and (next_char.isalpha() or _DECIMAL_TAIL.match(window, run_end) is not None),
        region,
    )


def find_phones(text: str, region: Optional[str] = None) -> Tuple[str, ...]:
    """E.164 numbers in normalised ad ``text``, in order of first appearance, no duplicates.

    ``region`` is the ISO2 region hint (None: only internationally written numbers count).
    Spelled-out and look-alike digits are read when the text has any (see deobfuscate).
    Example: ``find_phones("six one 7 - 5five5 - O1 23", "US") == ("+16175550123",)``.
    """
    if not region_is_supported(region):
        region = None
    text, may_hold_run = deobfuscate.digitize_for_phones(text)
    if not may_hold_run:
        return ()
    runs: Iterator[re.Match[Any]]
    if text.isascii():
        runs = _RUN_SHAPE.finditer(text.encode("ascii").translate(_SHAPE_TABLE))
    else:
        runs = _RUN.finditer(text)
    found: List[str] = []
    for match in runs:
        start, end = match.span()
        window_start = start - _NEAR_CHARS if start > _NEAR_CHARS else 0
        window = text[window_start : end + _AFTER_CHARS]
        # The context before a run recurs across ads ("... call or text "): a cache key.
        before = text[start - _CONTEXT_CHARS if start > _CONTEXT_CHARS else 0 : start]
        after = text[end : end + _COUNTRY_WORD_CHARS]
        named = _region_named_beside(before, after if after.lstrip(" \t")[:1] == "(" else "")
        run_region = region
        if named is not None and named != region and region_is_supported(named):
            run_region = named
        numbers_in = (
            _numbers_in_window
            if end - start <= _MAX_CACHED_RUN_CHARS
            else _numbers_in_window.__wrapped__
        )
        run_numbers = numbers_in(window, start - window_start, end - window_start, run_region)
        if not run_numbers and run_region != region:
            run_numbers = numbers_in(window, start - window_start, end - window_start, region)
        if not run_numbers:
            continue
        # The context test is the dearest, so it runs only for runs that hold a valid number.
        if _context_says_not_a_phone(before):
            continue
        if run_is_not_a_contact(text, start, end, before):
            continue
        if any(mark in before for mark in _QQ_MARKS) and _says_qq_account(before):
            run_numbers = tuple(n for n in run_numbers if _CHINESE_MOBILE.match(n))
        for number in run_numbers:
            if number not in found and number not in PUBLIC_HOTLINES:
                found.append(number)
    if len(found) > 1:
        found = _without_argentine_landline_forms_of_mobiles(found)
    return tuple(found)


_ARGENTINA, _ARGENTINE_MOBILE = "+54", "+549"


def _without_argentine_landline_forms_of_mobiles(found: List[str]) -> List[str]:
    """``found`` without "+54 11 2345 6789" when "+54 9 11 2345 6789" is there too: one
    Argentine line, whose "9" marks a mobile called from abroad ("Cel: 11 2345-6789 | Tel:
    +54 9 11 2345 6789")."""
    mobiles = {n[len(_ARGENTINE_MOBILE) :] for n in found if n.startswith(_ARGENTINE_MOBILE)}
    if not mobiles:
        return found
    return [
        n
        for n in found
        if not (
            n.startswith(_ARGENTINA)
            and not n.startswith(_ARGENTINE_MOBILE)
            and n[len(_ARGENTINA) :] in mobiles
        )
    ]


def run_is_not_a_contact(text: str, start: int, end: int, before: str) -> bool:
    """True when the run ``text[start:end]`` is by its own shape an account or a code, whatever
    the words before it (``before``, the _CONTEXT_CHARS before it) say, or when the words
    after it disown it ("404-555-0100 is NOT my number", "(n'est pas mon numéro)") or call it
    dead ("... is disconnected")."""
    said_after = _said_after(text[end : end + _DEAD_CHARS])
    if said_after == _NO_CONTACT or (
        said_after == _NO_CONTACT_IF_OLD and _OLD_BEFORE.search(before) is not None
    ):
        return True
    if _DISOWNED_BEFORE.search(before, max(0, len(before) - _DISOWNING_CHARS)) is not None:
        return True
    if before[-1:].isalnum() or text[end : end + 1].isalnum():
        if _is_inside_a_code(text, start, end):
            return True
    run = text[start:end]
    if _ACCOUNT_RUN_START.match(run) or (before[-1:].isalpha() and _glued_iban(before, run)):
        return True
    if _YEAR_FIRST_REFERENCE.match(run) is not None:
        return True  # a file number after its year: "Nr. 2024/0815", "Nr. 2024-0815"
    if " " in run:
        return False  # the rest read one unspaced token: "... 564985. /05/2024" is a phone
    # letters after a dash ("2023-0815-BE"), a year after a slash ("MA 62-123456/2024")
    return _has_code_suffix(text, end) or _YEAR_LAST_REFERENCE.search(run) is not None


# What the words right after a number say of it (_said_after).
_NOTHING_SAID, _NO_CONTACT, _NO_CONTACT_IF_OLD = 0, 1, 2


@lru_cache(maxsize=CONTEXT_CACHE_SIZE)
def _said_after(tail: str) -> int:
    """_NO_CONTACT when ``tail`` (the _DEAD_CHARS after a number) disowns the number or calls
    it dead, _NO_CONTACT_IF_OLD when it calls it "off" or "dead", else _NOTHING_SAID. Cached:
    the words after a number recur across ads ("... 💋 incall only")."""
    if (
        _DISOWNED_AFTER.match(tail, 0, _AFTER_DISOWNING_CHARS) is not None
        or _DEAD_AFTER.match(tail) is not None
    ):
        return _NO_CONTACT
    if _OFF_OR_DEAD_AFTER.match(tail) is not None:
        return _NO_CONTACT_IF_OLD
    return _NOTHING_SAID


def _is_inside_a_code(text: str, start: int, end: int) -> bool:
    """True when the run is part of a long token of letters and digits mixed the way hashes,
    wallet addresses and keys mix them ("0x5aaeb...a09f33669435e7ef..."): many short letter
    runs. Words run together around a number ("txt7022345678ifyouwantme") have long ones."""
    if " " in text[start:end]:
        return False
    head = _ALNUM_BEFORE.search(text, max(0, start - _MAX_CODE_TOKEN), start)
    tail = _ALNUM_AFTER.match(text, end, end + _MAX_CODE_TOKEN)
    # Both patterns match the empty string: they never fail.
    token = (head.group(0) if head else "") + text[start:end] + (tail.group(0) if tail else "")
    if len(token) < _MIN_CODE_TOKEN:
        return False
    letter_runs = _LETTER_RUN.findall(token)
    return (
        len(letter_runs) >= _MIN_CODE_LETTER_RUNS
        and max(map(len, letter_runs)) <= _MAX_CODE_LETTER_RUN
    )


def validate_candidates(candidates: Iterable[str]) -> Tuple[str, ...]:
    """E.164 numbers for messenger-link digit strings (wa.me/...), invalid ones dropped."""
    found: List[str] = []
    for candidate in candidates:
        number = phone_from_link(candidate)
        if number is not None and number not in found:
            found.append(number)
    return tuple(found)
