"""Phone numbers: candidates in de-obfuscated text, validated by phonenumbers, as E.164."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import phonenumberutil
from phonenumbers.phonemetadata import PhoneMetadata

from htintel.extract import deobfuscate, numbers, phones
from htintel.extract.deobfuscate import normalize
from htintel.extract.phones import _groups_of, find_phones, phone_from_link, validate_digits


def phones_in(text, region):
    return find_phones(normalize(text), region)


@pytest.mark.parametrize(
    ("language", "text", "region", "expected"),
    [
        ("en", "Call 617-555-0123 now", "US", "+16175550123"),
        ("en", "call or text six one 7 - 5five5 - O1 23, no law enforcement", "US", "+16175550123"),
        ("en", "Eight one eight, five five five, zero one nine two", "US", "+18185550192"),
        ("en", "(seven one three) five five five - zero one two nine", "US", "+17135550129"),
        ("en", "702 five five five 01 seven 4", "US", "+17025550174"),
        ("en", "(two one two) 555 - 0147", "US", "+12125550147"),  # spelled in brackets
        ("en", "txt7022345678ifyouwantagoodtime", "US", "+17022345678"),  # words run together
        ("en", "3️⃣1️⃣2️⃣5️⃣5️⃣5️⃣0️⃣1️⃣3️⃣7️⃣", "US", "+13125550137"),
        ("en", "３０５－５５５－０１６２", "US", "+13055550162"),
        ("en", "3O5-555-OI71", "US", "+13055550171"),
        ("en", "2 1 4 5 5 5 0 1 9 6", "US", "+12145550196"),
        ("en", "617–555–0123", "US", "+16175550123"),  # en dashes
        ("en", "617•555•0123", "US", "+16175550123"),
        ("en", "7️⃣0️⃣2️⃣💋5️⃣5️⃣5️⃣💋0️⃣1️⃣2️⃣3️⃣", "US", "+17025550123"),
        ("en", "Text 6one7 5five5 oh1two3", "US", "+16175550123"),
        ("en", "Incall 1hr $180. Text 9 one 7 - 8 4 2 - 1 1 3 0", "US", "+19178421130"),
        ("tr", "ARA: SIFIR BEŞ YÜZ OTUZ İKİ, YÜZ ON BİR, YİRMİ İKİ OTUZ ÜÇ", "TR", "+905321112233"),
        # Romanian "o sută" (one hundred); the Japanese middle dot between digit groups.
        (
            "ro",
            "Sună: zero șapte patru cinci, o sută douăzeci și trei, patru sute cincizeci și șase.",
            "RO",
            "+40745123456",
        ),
        ("ja", "ご予約 〇八〇・二三四五・六七八九 まで", "JP", "+818023456789"),
        ("ja", "TEL 080・2345・6789", "JP", "+818023456789"),
        ("en", "call 602 819 3374 $80/60min", "US", "+16028193374"),  # "$" opens the next price
        ("zh", "新号码：１３８ １２３４ ５６７８ 旧号停用", "CN", "+8613812345678"),  # "new number"
        ("zh", "订单号 20240601123456 ✨ 138-0013-8000", "CN", "+8613800138000"),
        # a symbol starting a line joins nothing to the measurement above it
        ("zh", "三圍 32C-24-34\n☎ ０９１２－３４５－６７８", "TW", "+886912345678"),
        ("en", "eightthreetwo - eightsevensix - fivefourthreetwo", "US", "+18328765432"),
        ("en", "Text 07861 564985. 05/2024 at 10:30", "GB", "+447861564985"),
        ("de", "dauergeil, 20x4 😈 0 1 5 7 - 3 4 5 6 7 8 9 0 💋", "DE", "+4915734567890"),
        ("en", "duo special ☎ 3I2-5S5-OI42 ☎", "US", "+13125550142"),  # S between digits
        # After a comma a hundred opens a group: "iki, yüz yirmi üç" is 2, 123 (not 223).
        ("tr", "sıfır beş üç iki, yüz yirmi üç, kırk beş, altmış yedi", "TR", "+905321234567"),
        (
            "ar",
            "واتساب: صفر خمسة صفر، واحد اثنان ثلاثة، أربعة خمسة ستة سبعة",
            "AE",
            "+971501234567",
        ),
        (
            "ar",
            "📞 صفر واحد صفر واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية",
            "EG",
            "+201012345678",
        ),
        # a number written over lines, a group on each
        (
            "en",
            "sexy latina 💋 - 22\n6 1 7\n5 5 5\n0 1 2 3\nback bay 💋 80 hhr",
            "US",
            "+16175550123",
        ),
        ("en", "ask for Mia 💗\n4 0 7 - 5 5 5 -\n0 1 3 3\nIn-call only", "US", "+14075550133"),
        (
            "en",
            "OHIO SWEETIE 🍯 - 25\ntwo one six\n555\nzero 1 five 4\n$80 qv",
            "US",
            "+12165550154",
        ),
        ("en", "call me\n(617)\n555-0123", "US", "+16175550123"),
        # a line that ends with digits and a dash goes on with the next
        (
            "en",
            "Only $100 specials. Call Amber at 602 five55 -\n0 one eight nine\nOutcall",
            "US",
            "+16025550189",
        ),
        ("en", "call 602-555-\n0189 (text first)", "US", "+16025550189"),
        # an S ending a group inside a run of groups, among other look-alikes
        ("en", "Call us 720 55S 0I38 incall only", "US", "+17205550138"),
        ("es", "Escríbeme al WhatsApp +34 6I2 34S 678", "ES", "+34612345678"),
        # "not" that does not govern the number keeps it
        ("en", "text only, not calls: 617-555-0123", "US", "+16175550123"),
        ("en", "not available after 9, 617-555-0123", "US", "+16175550123"),
        ("en", "my profile 07412 345678", "GB", "+447412345678"),
        ("vi", "liên hệ kinh doanh 0912 345 678", "VN", "+84912345678"),  # sales contact
        # "double" before a digit repeats it
        ("en", "New Thai lady. 07700 1 double 2 three four five. Full body", "GB", "+447700122345"),
        ("en", "Call 07 four double 5 - 3 double 2 - 1 double 9 or snap", "GB", "+447455322199"),
        (
            "sw",
            "tupigie sifuri saba moja mbili, tatu nne tano, sita saba nane",
            "KE",
            "+254712345678",
        ),
        ("ja", "電話 ゼロキューゼロ イチニーサンヨン ゴーロクナナハチ", "JP", "+819012345678"),
        ("ja", "💋 ゼロ ハチ ゼロ、イチ ニ サン ヨン、ゴ ロク ナナ ハチ 💋", "JP", "+818012345678"),
        # numerals with the long-vowel mark as their dash
        ("ja", "花園 新人入店 ☎ 〇三ー一二三四ー五六七八 お気軽に", "JP", "+81312345678"),
        ("ja", "応募は 〇九〇 ー 四四七二 ー 一九八三 まで", "JP", "+819044721983"),
        # katakana groups apart by "、"
        (
            "ja",
            "本日出勤✨ ゼロキューゼロ、イチニーサンヨン、ゴーロクナナハチ ✨",
            "JP",
            "+819012345678",
        ),
        ("ko", "예약 문의: 공일공, 구팔칠육, 오사삼이", "KR", "+821098765432"),  # ", " likewise
        ("ru", "Запись: 8-925-ООО-12-34 (WhatsApp)", "RU", "+79250001234"),  # three Cyrillic O
        ("en", "512⁕555⁕0163 🌟 petite ※ 90-60-90", "US", "+15125550163"),
        ("ko", "주소 서울 강남구 테헤란로 123 대표번호 02-1234-5678", "KR", "+82212345678"),
        (
            "ro",
            "zero sapte doi unu, doua sute treizeci si patru, cinci sute sasezeci si sapte",
            "RO",
            "+40721234567",
        ),
        ("ja", "お問い合わせ：080-9876-5432（24時間受付）", "JP", "+818098765432"),
        # Cyrillic З and Б glued to digits as 3 and 6.
        ("ru", "тел. 8 912 З45 67 89 (если не беру)", "RU", "+79123456789"),
        ("ru", "8-9I6-234-5б-78", "RU", "+79162345678"),
        ("pl", "Dzwoń: 5O1 2З4 567", "PL", "+48501234567"),
        # A currency sign on the next line belongs to a price there, not to this number.
        (
            "es",
            "Whats: cinco cinco, uno dos tres cuatro, cinco seis siete ocho\n$2,500 la hora",
            "MX",
            "+525512345678",
        ),
        # A spaced-out number ending a sentence whose next one starts with a digit.
        ("en", "call 0 7 9 1 2 - 6 4 4 - 2 0 8. 1 hr 150", "GB", "+447912644208"),
        ("es", "Llámame 6 1 2 3 4 5 6 7 8. 2 horas 150€", "ES", "+34612345678"),
        ("en", "07861 five64985", "GB", "+447861564985"),
        ("en", "+4four 7eight6one 5649eightfive", None, "+447861564985"),
        ("en", "+one 5fiveseven-eightfournine-9zero4four", None, "+15578499044"),
        ("pt", "Liga pra mim: +55 ll 92764-6262 1,68m, 58kg", "BR", "+5511927646262"),
        ("pt", "Ligue (umum) nove034cinco-oito9dois5", "BR", "+5511903458925"),
        ("ru", "Тел. 8 (998) ноль0три-нольтри-четыре2", "RU", "+79980030342"),
        ("de", "Ruf an: +41 78 neun9acht achteins 4zwei", None, "+41789988142"),
        ("de", "Handy 06648147899 75B, 1,68 m", "AT", "+436648147899"),
        ("es", "Llámame al 322.0903699", "CO", "+573220903699"),
        ("en", "Mobile 07911 123456", "GB", "+447911123456"),
        ("en", "call O4I2 345 678", "AU", "+61412345678"),
        ("en", "tel:+1-503-555-0126", None, "+15035550126"),
        ("es", "seis uno dos, tres cuatro cinco, seis siete ocho", "ES", "+34612345678"),
        (
            "es",
            "cincuenta y cinco, doce, treinta y cuatro, cincuenta y seis, setenta y ocho",
            "MX",
            "+525512345678",
        ),
        (
            "es",
            "seis cero cero, noventa y nueve, ochenta y ocho, setenta y siete",
            "ES",
            "+34600998877",
        ),
        (
            "fr",
            "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit",
            "FR",
            "+33612345678",
        ),
        ("fr", "zero 7 quatre-vingt-dix-neuf 88 soixante-seize 55", "FR", "+33799887655"),
        ("fr", "06 ❶❷ ❸❹ ❺❻ ❼❽", "FR", "+33612345678"),
        ("fr", "Tél : 06.98.76.54.32", "FR", "+33698765432"),
        ("pt", "um um, nove, oito sete meia cinco, quatro três dois um", "BR", "+5511987654321"),
        ("pt", "nove um dois, três quatro cinco, seis sete oito", "PT", "+351912345678"),
        ("pt", "Whats: (11) 9 8765-4321", "BR", "+5511987654321"),
        (
            "ru",
            "восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь",
            "RU",
            "+79161234567",
        ),
        ("ru", "8 (916) 765-43-21", "RU", "+79167654321"),
        ("ru", "8-903-123-4О-5О", "RU", "+79031234050"),
        ("zh", "电话：一三八一二三四五六七八", "CN", "+8613812345678"),
        ("zh", "幺三七 幺二三四 五六七八", "CN", "+8613712345678"),
        ("zh", "壹叁玖 捌柒陆伍 肆叁贰壹", "CN", "+8613987654321"),
        ("zh", "电话１５９ １２３４ ５６７８", "CN", "+8615912345678"),
        (
            "de",
            "null eins fünf eins, zwei drei vier fünf, sechs sieben acht neun",
            "DE",
            "+4915123456789",
        ),
        ("de", "Tel. 0176 98765432", "DE", "+4917698765432"),
        ("it", "tre tre tre, uno due tre, quattro cinque sei sette", "IT", "+393331234567"),
        ("it", "cell. 3２０ 1２3 4５67", "IT", "+393201234567"),
        ("th", "โทร ศูนย์แปดหนึ่ง สองสามสี่ ห้าหกเจ็ดแปด", "TH", "+66812345678"),
        ("ko", "연락처 공일공 구팔칠육 오사삼이", "KR", "+821098765432"),
        ("vi", "gọi em: không chín một hai, ba bốn năm, sáu bảy tám", "VN", "+84912345678"),
        ("vi", "liên hệ số không ba bảy mốt hai ba bốn năm sáu bảy", "VN", "+84371234567"),
        # a comma ends a number read out in groups: 600 11 22 33, not 611 22 33
        ("es", "Llámame al seiscientos, once, veintidós, treinta y tres", "ES", "+34600112233"),
        (
            "es",
            "seiscientos doce, treinta y cuatro, cincuenta y seis, setenta y ocho",
            "ES",
            "+34612345678",
        ),
        ("nl", "Telefoon: nul tien, vier twee zes, zeven acht negen één", "NL", "+31104267891"),
        ("tl", "sero siyam isa pito, isa dalawa tatlo, apat lima anim pito", "PH", "+639171234567"),
    ],
)
def test_obfuscated_numbers_in_every_language_are_found(language, text, region, expected):
    assert phones_in(text, region) == (expected,)


@pytest.mark.parametrize(
    ("trap", "text", "region"),
    [
        ("measurements", "34-24-36, 5'7\", 120lbs", "US"),
        ("price", "$150/hr, $250 2 hrs, 1,500,000 views", "US"),
        ("date", "Posted 12/05/2024 and 2024-05-12", "US"),
        ("date", "disponible du 12.06.2024 au 20.06.2024", "FR"),
        ("time", "open 10:30-22:30, 10.30-11.30", "DE"),
        ("age", "age 23, 19 yrs", "US"),
        ("height", "5'7\" 170cm", "US"),
        ("zip", "Boston MA 02118", "US"),
        ("post id", "Post ID: 4155550199", "US"),
        ("post id", "ID: 4155550199", "US"),
        ("reference", "Ref #6175550123", "US"),
        ("ad number", "Anuncio No. 3001234567", "CO"),
        ("ad number", "Annonce n° 0698765431", "FR"),
        ("ad number", "Inserat-Nr 0664123456", "AT"),
        ("ad number", "Объявление № 89161234567", "RU"),
        ("ad number", "广告编号 13812345678", "CN"),
        ("seven digits", "Call 555-0134 after 6pm", "US"),
        ("no region", "call 617-555-0123", None),
        ("currency", "Price $ 6175550123", "US"),
        ("coordinates", "Coordinates 40.7128 -74.0060, see map", "US"),
        ("vat number", "P.IVA 01234567890", "IT"),
        ("invoice number", "Codice fiscale e P.IVA per fattura 01234567890", "IT"),
        ("glued id", "Walk ins welcome.\npostingID 7012345678", "US"),
        ("glued id", "UserID=4155550199", "US"),
        ("profile number", "Verified profile #441134960000", "GB"),
        ("business registration", "Spa ✨ số đăng ký kinh doanh 0312345678 ✨", "VN"),
        # a number the ad disowns before it
        ("disowned typo", "Twitter: @belle615 (not 615-555-0000, that was a typo)", "US"),
        ("disowned business", "We are NOT the spa at 415-555-0170, they stole our pics!!", "US"),
        ("disowned office", "(et pas au 05 61 00 00 00, c'est l'ancien cabinet)", "FR"),
        ("hotline", "Per segnalazioni Numero Verde Antitratta 800 290 290.", "IT"),
        ("tax number", "ИНН 7707083893", "RU"),
        ("social security number", "Rate P3000, 5'2, 48kg, SSS 34-5678901-2", "PH"),
        ("card number", "Visa 4111 1111 1111 1111 exp 12/26", "US"),
        ("tracking number", "Order #123456789012 shipped", "US"),
        # the site's own lines, in its footer
        ("site service line", "London SW3 4RP. Customer care 0203 946 0000", "GB"),
        ("site service line", "28009 Madrid · Atención al cliente 910 000 000", "ES"),
        ("site service line", "Av. Paulista 1000 — SAC 0800 777 0000", "BR"),
        ("site service line", "Damrak 1 — klantenservice 020 000 0000", "NL"),
        ("site service line", "ОГРН 1027700132195. Техподдержка: 8 800 100-00-00", "RU"),
        ("site service line", "版权所有 客服热线:400-800-1234", "CN"),
        ("site service line", "Privacy | Law enforcement requests: 1-800-555-0199", "US"),
        ("company register", "SAS au capital de 10 000 € — RCS Paris 935 802 791", "FR"),
        ("tax number, whose", "Annuncio verificato, P.IVA del sito 01234567890 in fondo", "IT"),
        ("tax number, whose", "VAT of the company 123456789", "GB"),
        ("house number and postcode", "Open 11:00-01:00 · Soi Bangla 88/12 · 83150", "TH"),
        ("ad number after 'this ad #'", "this ad # 4155550199", "US"),
        # a hash or an address of letters and digits mixed, not a number glued to words
        ("wallet address", "ETH: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "DE"),
        # figures on lines of their own: too few digits to be a phone written over lines
        ("prices on lines", "rates\n80\n120\n180\nno rush", "US"),
        ("measurements on lines", "34\n24\n36\n5 7", "US"),
        ("date and year on lines", "12/05/2024\n2025\n10:30", "US"),
    ],
)
def test_what_context_says_is_not_a_phone_is_rejected(trap, text, region):
    assert phones_in(text, region) == ()


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # a mobile opened by the trunk prefix after a figure is not the tail of a landline
        ("Zimmer 212. 0️⃣1️⃣6️⃣0️⃣ 9️⃣8️⃣7️⃣6️⃣5️⃣4️⃣3️⃣2️⃣ Nur heute", "DE", ("+4916098765432",)),
        ("Zimmer 212 0160 98765432", "DE", ("+4916098765432",)),
        ("call 0171 0123456", "DE", ("+491710123456",)),  # the whole is a mobile
        ("06 12 34 05 67", "FR", ("+33612340567",)),  # "05 67" is no number of its own
        # a landline and a mobile side by side: two numbers, not a longer valid landline
        ("Tel 030 12345678 0171 1234567", "DE", ("+493012345678", "+491711234567")),
        ("Tel 089 123456 0151 12345678", "DE", ("+4989123456", "+4915112345678")),
        ("02 9876 5432 0412 345 678", "AU", ("+61298765432", "+61412345678")),
        ("06 12 34 56 78 07 81 34 56 78", "FR", ("+33612345678", "+33781345678")),
        ("Berlin 030 1234 0567", "DE", ("+493012340567",)),  # "0567" is no number of its own
    ],
)
def test_a_mobile_after_a_figure_is_not_read_into_a_long_landline(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # the number's own country, named beside a word for "number", over the ad's
        (
            "Polka w Berlinie. Dzwoń na mój polski numer 512 345 678 albo niemiecki 0176 12345678",
            "DE",
            ("+48512345678", "+4917612345678"),
        ),
        ("Sună pe WhatsApp la numărul românesc 0712 345 678", "GB", ("+40712345678",)),
        ("Gọi số Việt Nam không chín một, hai ba bốn, năm sáu bảy tám", "KR", ("+84912345678",)),
        ("Whatsapp 8 912 345 67 89 (Rus hattı)", "TR", ("+79123456789",)),
        ("ติดต่อเบอร์ออสเตรเลีย 0491 570 006 หรือ ไลน์", "TH", ("+61491570006",)),
        (
            "my UK number 07412 345678, US cell 617-555-0123",
            "US",
            ("+447412345678", "+16175550123"),
        ),
        # a country word without a word for "number" names no number's country
        ("Thai massage 02 9876 5432 Sydney", "AU", ("+61298765432",)),
        # the named country's reading must be valid, else the ad's region reads it
        ("UK number 617-555-0123", "US", ("+16175550123",)),
    ],
)
def test_a_country_named_beside_a_number_is_its_region(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("+44 20 7946 0958", None, ("+442079460958",)),
        ("0044 20 7946 0958", None, ("+442079460958",)),
        ("011 44 20 7946 0958", None, ("+442079460958",)),
        ("1-617-555-0123", None, ("+16175550123",)),
        ("+33 6 12 34 56 78", "US", ("+33612345678",)),
    ],
)
def test_numbers_that_carry_their_country_need_no_region(text, region, expected):
    assert phones_in(text, region) == expected


def test_two_numbers_in_one_run_are_split():
    assert phones_in("0917-555-1234 / 0927-555-9876", "PH") == ("+639175551234", "+639275559876")


def test_a_number_next_to_other_figures_is_still_found():
    assert phones_in("34-24-36 617 555 0123 24/7", "US") == ("+16175550123",)


def test_duplicates_are_reported_once_in_order_of_appearance():
    text = "713-555-0188 or 617 555 0123, again 713.555.0188"
    assert phones_in(text, "US") == ("+17135550188", "+16175550123")


def test_unknown_region_is_treated_as_no_region():
    assert phones_in("617-555-0123", "ZZ") == ()


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("16175550123", "+16175550123"),
        ("+447911123456", "+447911123456"),
        ("123", None),
        ("99999999999", None),
    ],
)
def test_messenger_link_digits_are_international(digits, expected):
    assert phone_from_link(digits) == expected


def test_validate_digits_rejects_overlong_numbers():
    assert validate_digits("6" * 25, False, "US") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "US", "FR", "CN", "DE", "BR"]))
def test_every_found_phone_is_valid_e164_and_never_raises(text, region):
    for number in find_phones(normalize(text), region):
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, None))
        assert number.startswith("+") and number[1:].isdigit()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.from_regex(r"\+?[0-9 ()\-.]{7,20}", fullmatch=True), max_size=5),
    st.sampled_from(["US", "GB", "IN"]),
)
def test_digit_soup_yields_only_valid_numbers(pieces, region):
    for number in find_phones(" x ".join(pieces), region):
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, None))


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # The context test reads the last two words; a dash-only piece between them and
        # the number is no word, so the word before it still counts.
        ("Line ID\u2028--\u20280812345678", "TH", ("+66812345678",)),
        ("Post ID\u2028--\u20280812345678", "TH", ()),
        ("Post ID\u2028-- 4155550199", "US", ()),
        ("Ref -- x 6175550123", "US", ("+16175550123",)),
        ("my number: 617-555-0123", "US", ("+16175550123",)),
        # Currency before or after the run.
        ("Call 617 555 0123 dollars", "US", ()),
        ("€ 617 555 0123", "US", ()),
    ],
)
def test_context_around_a_run_is_read_the_same_way_everywhere(text, region, expected):
    assert phones_in(text, region) == expected


def test_phone_run_chars_are_exactly_the_run_pattern_class():
    run_chars = set(numbers.PHONE_RUN_CHARS)
    for code in range(0x3000):
        char = chr(code)
        in_class = numbers.PHONE_RUN.fullmatch("0" + char * 6 + "0") is not None
        assert in_class == (char in run_chars), repr(char)


# Digits, run separators, phrase cuts (newline, ". ") and letters around them.
_RUN_PIECES = ["617", "555", "0123", "5", " ", ". ", ".", "\n", "-", "(", ")", "/", "x", "o"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES), max_size=20).map("".join))
def test_text_said_to_hold_no_run_holds_none(text):
    digitized, may_hold_run = deobfuscate.digitize_for_phones(text)
    assert digitized == deobfuscate.digitize(text)
    assert may_hold_run or numbers.PHONE_RUN.search(digitized) is None


@pytest.mark.parametrize(
    ("run", "segments"),
    [
        ("617 555 0123", [["617", "555", "0123"]]),
        ("(617) 555-0123", [["617", "555", "0123"]]),
        ("0917-555-1234 / 0927", [["0917", "555", "1234", "0927"]]),
        ("0917-555-1234  /  0927", [["0917", "555", "1234"], ["0927"]]),
        ("617\t555 0123", [["617"], ["555", "0123"]]),
        ("x", []),
    ],
)
def test_groups_split_where_the_gap_is_too_long(run, segments):
    assert _groups_of(run) == segments


# --- Fast paths: each compared with the full path it replaces. ---------------------------

_ALL_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)


def _prefixes_of(region):
    """Digit prefixes that exercise every branch of parse for ``region``: its country code,
    international and national prefixes, and common carrier and trunk prefixes."""
    metadata = PhoneMetadata.metadata_for_region(region)
    code = str(metadata.country_code)
    national = metadata.national_prefix or ""
    return ["", "0", "00", "011", "8", "1", "15", "9", "810", national, code, national + code,
            "00" + code, "011" + code, "0" + code]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.data())
def test_fast_validation_agrees_with_phonenumbers_for_every_region(data):
    region = data.draw(st.sampled_from(_ALL_REGIONS))
    prefix = data.draw(st.sampled_from(_prefixes_of(region)))
    digits = (prefix + data.draw(st.text("0123456789", min_size=1, max_size=15)))[:18]
    assert phones._valid_e164.__wrapped__(digits, region) == phones._library_e164(digits, region)
    international = "+" + digits
    assert phones._valid_e164.__wrapped__(international, None) == phones._library_e164(
        international, None
    )


@pytest.mark.parametrize("region", _ALL_REGIONS)
def test_fast_validation_agrees_on_example_numbers_and_their_neighbours(region):
    metadata = PhoneMetadata.metadata_for_region(region)
    code = str(metadata.country_code)
    national = metadata.national_prefix or ""
    for kind in ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip",
                 "personal_number", "pager", "uan", "voicemail"):  # fmt: skip
        description = getattr(metadata, kind)
        example = description.example_number if description is not None else None
        if not example:
            continue
        for digits in (example, national + example, code + example, "00" + code + example,
                       example[:-1], example + "7", "0" + example):  # fmt: skip
            assert phones._valid_e164.__wrapped__(digits, region) == phones._library_e164(
                digits, region
            )
            international = "+" + code + digits
            expected = phones._library_e164(international, None)
            assert phones._valid_e164.__wrapped__(international, None) == expected


@pytest.mark.parametrize(
    ("number", "region"),
    [
        ("٦١٧٥٥٥٠١٢٣", "US"),  # non-ASCII digits
        ("6175550123", "ZZ"),  # unsupported region
        ("6175550123", None),  # no "+" and no region
        ("+16175550123", "US"),  # "+" with a region
        ("+1617555O123", None),
        ("617-555-0123", "US"),
    ],
)
def test_inputs_outside_the_fast_path_get_the_library_verdict(number, region):
    assert phones._valid_e164.__wrapped__(number, region) == phones._library_e164(number, region)


@settings(max_examples=300, deadline=None)
@given(st.text("0123456789", min_size=3, max_size=20))
def test_parse_steps_the_fast_path_skips_leave_ascii_digits_unchanged(digits):
    for number in (digits, "+" + digits):
        assert phonenumberutil._build_national_number_for_parsing(number) == number
        assert phonenumberutil._is_viable_phone_number(number)
        assert phonenumberutil._maybe_strip_extension(number) == ("", number)
    assert phonenumberutil._normalize(digits) == digits
    parsed = phonenumbers.PhoneNumber(country_code=1)
    phonenumberutil._set_italian_leading_zeros_for_phone_number(digits, parsed)
    parsed.national_number = int(digits)
    assert phonenumbers.national_significant_number(parsed) == digits


def _find_phones_without_window_caches(text, region):
    """find_phones as it read each run's flags and context from the whole text."""
    if not phones.region_is_supported(region):
        region = None
    text, may_hold_run = deobfuscate.digitize_for_phones(text)
    found = []
    for match in numbers.PHONE_RUN.finditer(text) if may_hold_run else ():
        start, end = match.span()
        near = text[max(0, start - 8) : start]
        next_char = text[end : end + 1]
        currency_after = phones._CURRENCY_AFTER.match(text, end, end + 12) is not None
        run_numbers = phones._numbers_in_run_text.__wrapped__(
            match.group(),
            near.rstrip(" (").endswith("+"),
            phones._currency_before(near),
            currency_after,
            not currency_after
            and (next_char.isalpha() or phones._DECIMAL_TAIL.match(text, end) is not None),
            region,
        )
        before = text[max(0, start - 40) : start]
        if (
            run_numbers
            and not phones._context_says_not_a_phone.__wrapped__(before)
            and not phones.run_is_not_a_contact(text, start, end, before)
        ):
            found.extend(
                number
                for number in run_numbers
                if number not in found and number not in phones.PUBLIC_HOTLINES
            )
    return tuple(found)


# Runs and what the flags and the context test read around them.
_CONTEXT_PIECES = ["617 555 0123", "+1 617 555 0123", "0044 20 7946 0958", "07911 123456",
                   "6" * 70, " ", "  ", "\t", "(", ")", "+", "$", "€", "usd", "us$", "k", "kg",
                   "dollars", "руб", "元", ",5", ".", "5'7\"", "Post ID:", "Line ID ", "Ref #",
                   "№", "广告编号", "--", "\u2028", "call me", "é", "x" * 30, "12/05/2024",
                   "10:30", "34-24-36"]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(_CONTEXT_PIECES), max_size=12).map("".join),
    st.sampled_from([None, "US", "GB", "FR", "RU", "CN"]),
)
def test_window_and_context_caches_give_the_whole_text_verdict(text, region):
    expected = _find_phones_without_window_caches(text, region)
    assert find_phones(text, region) == expected
    assert find_phones(text, region) == expected  # again, from the caches


def _run_spans_in_shape(text):
    shape = text.encode("ascii").translate(phones._SHAPE_TABLE)
    return [match.span() for match in phones._RUN_SHAPE.finditer(shape)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=120))
def test_runs_found_in_the_shape_of_ascii_text_are_the_runs_of_the_text(text):
    if phones._RUN_SHAPE is not None:
        assert _run_spans_in_shape(text) == [m.span() for m in numbers.PHONE_RUN.finditer(text)]


_SOUP_PIECES = ["1", "23", "4567", " ", "  ", "\t", "-", ".", "(", ")", "/", "*", "~", "_", "x",
                "d", "s", ",", "\n", "+"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SOUP_PIECES), max_size=30).map("".join))
def test_runs_found_in_the_shape_of_digit_soup_are_the_runs_of_the_text(text):
    if phones._RUN_SHAPE is not None:
        assert _run_spans_in_shape(text) == [m.span() for m in numbers.PHONE_RUN.finditer(text)]


def test_the_bundled_phonenumbers_has_what_the_fast_validation_path_uses():
    assert phones._FAST_PATH


# --- Context in more languages: IDs, compounds, IBANs, Buddhist-era dates, prices, QQ. ---


@pytest.mark.parametrize(
    ("language", "text", "region"),
    [
        ("pl", "Ogłoszenie nr 612345678", "PL"),
        ("pl", "Anons nr 512345678", "PL"),
        ("pl", "Numer ogłoszenia: 612345678", "PL"),
        ("nl", "Advertentienummer 0612345678", "NL"),
        ("nl", "Kenmerk 0612345678", "NL"),
        ("ar", "رقم الإعلان 501234567", "SA"),
        ("vi", "Mã tin 0912345678", "VN"),
        ("vi", "Mã tin đăng: 0912345678", "VN"),
        ("tr", "İlan no 5321234567", "TR"),
        ("tr", "İlan numarası: 5321234567", "TR"),
        ("ro", "Anunț nr. 0722123456", "RO"),
        ("ro", "Anunţ nr. 0722123456", "RO"),
        ("cs", "Inzerát č. 602123456", "CZ"),
        ("cs", "Číslo inzerátu 602123456", "CZ"),
        ("sv", "Annons nr 0701234567", "SE"),
        ("id", "Iklan no. 081234567890", "ID"),
        ("id", "Nomor iklan: 081234567890", "ID"),
        ("ko", "사업자등록번호 123-45-67890", "KR"),
        ("ko", "광고 번호 010-1234-5678", "KR"),
        ("ja", "広告番号 09012345678", "JP"),
        ("ja", "会員番号：09012345678", "JP"),
        ("ja", "会員ID 09012345678", "JP"),
        ("hu", "Hirdetés azonosító: 06201234567", "HU"),
        ("el", "Αριθμός αγγελίας 6912345678", "GR"),
        ("el", "Κωδικός αγγελίας: 6912345678", "GR"),
        ("uk", "Оголошення № 0671234567", "UA"),
        ("ru", "Анкета № 89161234567", "RU"),
        ("th", "รหัสประกาศ 0812345678", "TH"),
        ("th", "เลขที่บัญชี 081-234-5678", "TH"),
        ("tl", "Numero ng anunsyo 09171234567", "PH"),
        ("es", "Aviso Nº 3001234567", "CO"),
    ],
)
def test_ad_and_reference_numbers_in_more_languages_are_not_phones(language, text, region):
    assert phones_in(text, region) == ()


@pytest.mark.parametrize(
    ("language", "text", "region"),
    [
        ("de", "Anzeigennummer 015123456789", "DE"),
        ("de", "Kundennummer: 015123456789", "DE"),
        ("de", "Bestellnummer 015123456789", "DE"),
        ("de", "Kunden-Nr. 015123456789", "DE"),
        ("nl", "Referentienummer 0612345678", "NL"),
        ("sv", "Registreringsnummer 0701234567", "SE"),
        ("hu", "Hirdetésszám: 06201234567", "HU"),
        ("zh", "会员号 13812345678", "CN"),
        ("zh", "银行卡号：13812345678", "CN"),
    ],
)
def test_compound_words_for_an_id_number_are_not_phones(language, text, region):
    assert phones_in(text, region) == ()


@pytest.mark.parametrize(
    ("language", "text", "region", "expected"),
    [
        ("de", "Telefonnummer 0151 23456789", "DE", "+4915123456789"),
        ("de", "Handynummer: 0151 23456789", "DE", "+4915123456789"),
        ("de", "Handy-Nr.: 0151 23456789", "DE", "+4915123456789"),
        ("de", "Tel.-Nr. 0151 23456789", "DE", "+4915123456789"),
        ("de", "Privatnummer 0151 23456789", "DE", "+4915123456789"),
        ("de", "WhatsApp-Nummer 0151 23456789", "DE", "+4915123456789"),
        ("nl", "telefoonnummer 0612345678", "NL", "+31612345678"),
        ("nl", "mijn 06-nummer 0612345678", "NL", "+31612345678"),
        ("nl", "mobielnummer 0612345678", "NL", "+31612345678"),
        ("sv", "Mobilnummer 0701234567", "SE", "+46701234567"),
        ("no", "Tlf.nr. 41234567", "NO", "+4741234567"),
        ("hu", "telefonszám 06201234567", "HU", "+36201234567"),
        ("pl", "mój numer 612345678", "PL", "+48612345678"),
        ("pl", "numer tel. 612345678", "PL", "+48612345678"),
        ("tr", "telefon numarası 5321234567", "TR", "+905321234567"),
        ("ko", "전화번호 010-1234-5678", "KR", "+821012345678"),
        ("ko", "휴대폰번호 010-1234-5678", "KR", "+821012345678"),
        ("ja", "電話番号 09012345678", "JP", "+819012345678"),
        ("ja", "携帯番号 09012345678", "JP", "+819012345678"),
        ("ja", "LINE ID 09012345678", "JP", "+819012345678"),
        ("zh", "手机号13812345678", "CN", "+8613812345678"),
        ("zh", "电话号码：13812345678", "CN", "+8613812345678"),
        ("zh", "微信号 13812345678", "CN", "+8613812345678"),
        ("zh", "微信同号 13812345678", "CN", "+8613812345678"),
        ("zh", "同号 13812345678", "CN", "+8613812345678"),
        ("zh", "联系手机号码 13812345678", "CN", "+8613812345678"),
        ("vi", "nhắn tin 0912345678", "VN", "+84912345678"),
        ("vi", "điện thoại 0912345678", "VN", "+84912345678"),
        ("th", "เบอร์โทร 0812345678", "TH", "+66812345678"),
        ("th", "โทร 081-234-5678", "TH", "+66812345678"),
        ("el", "τηλέφωνο 6912345678", "GR", "+306912345678"),
        ("uk", "тел 0671234567", "UA", "+380671234567"),
        ("id", "hubungi 081234567890", "ID", "+6281234567890"),
        ("id", "Info iklan 081234567890", "ID", "+6281234567890"),
        ("ar", "اتصل 0501234567", "SA", "+966501234567"),
        ("fa", "زنگ بزنید 09121234567", "IR", "+989121234567"),
        ("ro", "Tel 0722123456", "RO", "+40722123456"),
        ("es", "Aviso: llamar al 3001234567", "CO", "+573001234567"),
        # "ads" is no ID word, where "ad" is: the number of the poster's other ads
        ("en", "same number as Manc ads (oh 7 nine 1 2, 3 4 5 6 7 8)", "GB", "+447912345678"),
        ("en", "see my other ads 07912 345678", "GB", "+447912345678"),
        # "this ad" is the ad itself, not the label of its ID
        (
            "en",
            "Mention this ad\nfour zero four, five five five, zero one nine eight",
            "US",
            "+14045550198",
        ),
        ("es", "este anuncio 612 345 678", "ES", "+34612345678"),
        # a slash after an area code or a three-digit group
        ("de", "Tel 030/123 45 67", "DE", "+49301234567"),
        ("en", "call 617/555 0123", "US", "+16175550123"),
    ],
)
def test_numbers_after_phone_words_stay_phones(language, text, region, expected):
    assert phones_in(text, region) == (expected,)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("IBAN DE89 3704 0044 0532 0130 00", "DE"),
        ("IBAN: DE 89 3704 0044 0532 0130 00", "DE"),
        ("Überweisung an DE89 3704 0044 0532 0130 00", "DE"),
    ],
)
def test_an_iban_whose_country_letters_start_the_number_is_not_a_phone(text, region):
    assert phones_in(text, region) == ()


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # Two letters glued to the run but not the IBAN shape: still read as a phone.
        ("Tel DE 0151 23456789", "DE", ("+4915123456789",)),
        ("wa 0151 23456789", "DE", ("+4915123456789",)),
    ],
)
def test_two_letters_before_a_number_without_the_iban_shape_leave_it_a_phone(
    text, region, expected
):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("01/08/2567 - 20/08/2567", "TH", ()),
        ("2567-08-15", "TH", ()),
        ("วันที่ 15/08/2567 โทร 0812345678", "TH", ("+66812345678",)),
        ("15/08/2567 0812345678", "TH", ("+66812345678",)),
    ],
)
def test_buddhist_era_dates_are_dates(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("language", "text", "region"),
    [
        ("zh", "价格 10000-15000", "CN"),
        ("zh", "价格20000-30000", "CN"),
        ("de", "Preis 2500-3000", "DE"),
        ("pl", "cena 5000-10000", "PL"),
        ("es", "precio 8000-10000", "ES"),
        ("vi", "giá 3000-10000", "VN"),
        ("th", "ราคา 1000-1500", "TH"),
        ("ko", "가격 2500-3000", "KR"),
        ("ja", "料金 20000-30000", "JP"),
        ("tr", "fiyat 50000-80000", "TR"),
        ("it", "prezzo 8000-10000", "IT"),
        ("pt", "preço 3000-4000", "BR"),
        ("id", "harga 8000-10000", "ID"),
    ],
)
def test_a_run_after_a_price_word_is_a_price(language, text, region):
    assert phones_in(text, region) == ()


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Preis 150 Euro, Handy 0151 23456789", "DE", ("+4915123456789",)),
        ("价格面议，电话 13812345678", "CN", ("+8613812345678",)),
        ("giá rẻ, gọi 0912345678", "VN", ("+84912345678",)),
    ],
)
def test_a_price_word_earlier_in_the_sentence_leaves_the_phone(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("加QQ 2847103356", "CN", ()),
        ("QQ号: 2847103356", "CN", ()),
        ("qq2847103356", "CN", ()),
        ("QQ/微信 13812345678", "CN", ("+8613812345678",)),
        ("加QQ 13812345678", "CN", ("+8613812345678",)),
        ("QQ 2847103356 电话 13812345678", "CN", ("+8613812345678",)),
        ("电话 028-8765-4321", "CN", ("+862887654321",)),
    ],
)
def test_qq_accounts_are_not_phones_unless_a_chinese_mobile(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Przelew na konto 61 1090 1014 0000 0712 1981 2874", "PL", ()),
        ("61 1090 1014 0000 0712 1981 2874, tel. 612 345 678", "PL", ("+48612345678",)),
        # Two groups of four after two digits are a phone's grouping, not an account's.
        ("bel 06 1234 5678", "NL", ("+31612345678",)),
    ],
)
def test_an_account_number_in_iban_grouping_is_not_a_phone(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("扣扣 2847103356", "CN", ()),
        ("企鹅号：2847103356", "CN", ()),
        ("扣扣/电话 13812345678", "CN", ("+8613812345678",)),
    ],
)
def test_qq_nicknames_mark_qq_accounts_too(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("language", "text", "region"),
    [
        ("de", "Chiffre 015123456789", "DE"),
        ("en", "License # 4155550199", "US"),
        ("zh", "編號 0912345678", "TW"),
        ("fr", "prix 5000-10000", "FR"),
        ("zh", "收费 10000-15000", "CN"),
        ("hu", "ár 1000-1500", "HU"),
    ],
)
def test_more_id_and_price_words_are_not_phones(language, text, region):
    assert phones_in(text, region) == ()


# Company, tax, licence and bank numbers. Each number reads as a valid phone of its region
# after a phone word (checked by the second test), so the word alone makes the difference.
TAX_LICENCE_AND_BANK_NUMBERS = [
    ("de", "UID ATU", "12345678", "AT"),
    ("id", "NPWP ", "01.234.567.8-123.000", "ID"),
    ("nl", "BTW ", "0612345678", "NL"),
    ("fr", "TVA ", "0612345678", "FR"),
    ("co", "NIT ", "3001234567", "CO"),
    ("th", "เลขที่ใบอนุญาต ", "1103-2566-0042", "TH"),
    ("zh", "匯款帳號 ", "(822) 1234-5678-9012", "TW"),
    ("zh", "银行 ", "13812345678", "CN"),
    ("en", "Business license #BL-", "2019-004417", "US"),  # a letter code joined by a dash
    ("tl", "TIN ", "123-456-789-000", "PH"),
    ("fr", "TVA FR ", "12 345678901", "FR"),  # a country code between the tax word and it
    ("it", "IBAN IT60 X", "054 2811 1010 0000 0123 456", "IT"),
    ("it", "Codice fiscale studio: ", "01234567890", "IT"),
    ("it", "P.IVA ", "01234567890", "IT"),
    ("it", "Annuncio n. ", "3401234568", "IT"),
    ("vi", "Spa Hoa Sen, Q5. MST ", "0312345678", "VN"),  # mã số thuế
    ("pl", "kod oferty ", "512-345-678", "PL"),
    ("ru", "Заявка №", "79261234560", "RU"),  # "№" glued to the digits
    ("ja", "風俗営業許可番号 第", "123456789", "JP"),  # 第...号: a licence's ordinal
    ("pt", "R$ 200 1h • CEP ", "40000-000", "BR"),  # a postal code
    ("fr", "Ma référence client : ", "0612 34 56 78 9", "FR"),
    ("ru", "Номер заявки ", "89123456780", "RU"),
    ("tr", "Sipariş no ", "5321234567", "TR"),
    ("de", "Betriebserlaubnis Az. ", "32.1-0341-2024", "DE"),
]


@pytest.mark.parametrize(("language", "label", "digits", "region"), TAX_LICENCE_AND_BANK_NUMBERS)
def test_tax_licence_and_bank_numbers_are_not_phones(language, label, digits, region):
    assert phones_in(label + digits, region) == ()


@pytest.mark.parametrize(("language", "label", "digits", "region"), TAX_LICENCE_AND_BANK_NUMBERS)
def test_the_same_digits_after_a_phone_word_are_phones(language, label, digits, region):
    assert phones_in("Tel " + digits, region) != ()


@pytest.mark.parametrize(
    ("language", "text", "region", "expected"),
    [
        # "tin" is a tax word but after "nhắn": Vietnamese "nhắn tin" is "send a text"
        ("vi", "nhắn tin 0912345678", "VN", ("+84912345678",)),
        ("vi", "Tin nhắn 0912345678", "VN", ("+84912345678",)),
        ("vi", "Zalo/nhắn tin: 0912345678", "VN", ("+84912345678",)),
    ],
)
def test_texting_words_that_look_like_tax_words_stay_phones(language, text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Kontakt 2500-3000", "DE", ("+4925003000",)),
        ("联系 10000-15000", "CN", ("+861000015000",)),
    ],
)
def test_the_same_run_without_a_price_word_is_still_read(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("language", "text", "region", "expected"),
    [
        ("vi", "mã vùng 028 3823 4567", "VN", "+842838234567"),
        ("nl", "netnummer 020 123 4567", "NL", "+31201234567"),
        ("sv", "riktnummer 08-123 456 78", "SE", "+46812345678"),
        ("ko", "지역번호 02-312-3456", "KR", "+8223123456"),
        ("zh", "区号 028-8765-4321", "CN", "+862887654321"),
    ],
)
def test_area_code_words_do_not_name_an_id(language, text, region, expected):
    assert phones_in(text, region) == (expected,)


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Ref:AB0612345678", "NL", ()),
        ("Anzeige-Nr. DE015123456789", "DE", ()),
        ("Konto PL61 1090 1014 0000 0712 1981 2874", "PL", ()),
        # Glued letters after a phone word, or with no label before them, leave the phone.
        ("Tel:nl0612345678", "NL", ("+31612345678",)),
        ("bel me op:tel0612345678", "NL", ("+31612345678",)),
        ("hello ab0612345678", "NL", ("+31612345678",)),
        ("Ref 12, tel0612345678", "NL", ("+31612345678",)),
        ("Post ID 12 tel0612345678", "NL", ("+31612345678",)),
        ("广告编号 电话13812345678", "CN", ("+8613812345678",)),
    ],
)
def test_letters_glued_to_a_number_do_not_hide_the_label_before_them(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # a date without its year right before the number (an emoji between them is dropped)
        ("du 03/06 au 07/06 🌊 07.68.23.41.09 ou snap", "FR", ("+33768234109",)),
        ("dispo 12/06 06 12 34 56 78", "FR", ("+33612345678",)),
        # a slash inside a number's own groups is no date
        ("Handy 0151/12345678", "DE", ("+4915112345678",)),
        ("gsm 0475/12.34.56", "BE", ("+32475123456",)),
        ("bel 0475/12 34 56", "BE", ("+32475123456",)),
    ],
)
def test_a_date_without_a_year_before_a_number_is_not_part_of_it(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Nr. 2023-0815-BE", "DE", ()),  # a code: letters joined by a dash after the digits
        ("Tel 0612345678-WA", "FR", ("+33612345678",)),  # a phone or messenger word names it
        ("chiama 3331234567-Giulia", "IT", ("+393331234567",)),  # a name, not a code
        ("дом 15б, тел 8 912 345 67 89", "RU", ("+79123456789",)),
    ],
)
def test_letters_after_the_digits_make_a_code_only_when_short(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # File numbers with their year, whatever the words before them.
        ("Registriert beim Magistrat, Zl. MA 62-123456/2024.", "AT", ()),
        ("Anmeldebescheinigung vorhanden, Nr. 2024/0815. 30 Min 100 €", "DE", ()),
        ("Ausweisnummer nach ProstSchG Nr. 2024-0815 liegt vor.", "DE", ()),
        ("Tel. 2024-0815", "DE", ()),  # a year and a short group, whatever the words before
        ("Tel. 202 408150", "DE", ("+49202408150",)),  # Wuppertal, not led by a year
        # words after a phone word saying whose it is keep it a phone
        ("Tel de la empresa 912 345 678", "ES", ("+34912345678",)),
        ("Tel. 0664/2024123", "AT", ("+436642024123",)),  # a slash, but no year at an end
        # A listing code after a contact line that names Zalo: the code head rules.
        ("Liên hệ: 0912 345 678 (Zalo). Mã tin: 0912345677.", "VN", ("+84912345678",)),
        ("mã vùng 028 3823 4567", "VN", ("+842838234567",)),  # an area code stays a phone
        ("тел. №79261234560", "RU", ("+79261234560",)),  # "№" after a phone word
    ],
)
def test_file_numbers_and_listing_codes_are_not_phones(text, region, expected):
    assert phones_in(text, region) == expected


@pytest.mark.parametrize(
    "text",
    [
        "90s music, 1990s, 2s and 3s",  # an S at a group's edge is a plural
        "イチゴ サンゴ ハチミツ ナナコ",  # katakana words of one or two digit readings
    ],
)
def test_look_alikes_and_readings_stay_words_outside_numbers(text):
    assert deobfuscate.digitize(normalize(text)) == normalize(text).lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # with other look-alikes in the text, so that the look-alike pass runs
        ("90s music, 1990s, 2s and 3s, 0I2", "90s music, 1990s, 2s and 3s, 012"),
        ("bra 75S 0l2", "bra 75s 012"),  # a size: no digit group before it
        ("720 55S 0I38", "720 555 0138"),  # inside a run of groups
    ],
)
def test_an_s_at_a_groups_edge_is_a_five_only_inside_a_run(text, expected):
    assert deobfuscate.digitize(normalize(text)) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("report to the National Human Trafficking Hotline 1-888-373-7888", "US", ()),
        ("Modern Slavery Helpline 08000 121 700", "GB", ()),
        ("Real talk: 404-555-0100 is NOT my number!! text 404-555-0199", "US", ("+14045550199",)),
        ("0612 34 56 78 (n'est pas mon numéro)", "FR", ()),
        ("call 404-555-0100 is my number", "US", ("+14045550100",)),
        ("call 404-555-0100, not my sister", "US", ("+14045550100",)),
        # someone else's number, disowned in the ad's language
        ("pics stolen, number 702-555-0177. THAT IS NOT ME, a scam", "US", ()),
        ("uwaga: numer 512 000 111 to NIE ja, oszustwo!!", "PL", ()),
        ("site: 0800 123 4567 (não é contato das anunciantes)", "BR", ()),
        ("o número (11) 94321-8765 foi clonado", "BR", ()),
        ("06 12 34 56 78 c'est pas moi", "FR", ()),
        ("+7 912 345-67-89 это не я", "RU", ()),
        ("call 702-555-0177 not me but my friend", "US", ("+17025550177",)),
        # no longer the advertiser's: someone else's number now
        ("ОАЭ: +971 50 123 4567, старый +7 916 123-45-67 больше не мой", "AE", ("+971501234567",)),
        ("old line 404-555-0100 is no longer mine!!", "US", ()),
        ("06 11 11 11 11 n'est plus mon numéro", "FR", ()),
        ("404-555-0100 is not mystery girl's", "US", ("+14045550100",)),
        # the words right after a number say it is dead: no contact (and often someone
        # else's number by now)
        (
            "新番号 ０９０－１２３４－５６７９ 旧番号 090-1234-5678 は使用停止",
            "JP",
            ("+819012345679",),
        ),
        (
            "old number 813-555-0192 is disconnected, dont use. NEW # 813-555-0193",
            "US",
            ("+18135550193",),
        ),
        (
            "Glasgow. old number 07123 000111 no longer in use! Text 07912 345678",
            "GB",
            ("+447912345678",),
        ),
        ("DONT CALL 404-555-0100 THATS MY OLD NUMBER. text 404-555-0188", "US", ("+14045550188",)),
        ("9165558821 is my old number DONT use. New # 916 743 2109", "US", ("+19167432109",)),
        (
            "Mon ancien numéro 06 11 11 11 11 n'est plus valable. 07 81 23 45 67",
            "FR",
            ("+33781234567",),
        ),
        ("Die alte 0176 12345678 geht nicht mehr. Neu: 0172 9876543", "DE", ("+491729876543",)),
        (
            "o antigo (41) 9 9876-0000 tá desativado, novo (41) 9 9123-4567",
            "BR",
            ("+5541991234567",),
        ),
        ("nowy numer 501 234 561 (stary 501 000 000 nieaktualny)", "PL", ("+48501234561",)),
        ("старый 8 916 123-45-67 не работает, пишите 8 903 111-22-33", "RU", ("+79031112233",)),
        (
            "El otro que tenia (622 000 111) ya no lo uso. Mi número 612 345 678",
            "ES",
            ("+34612345678",),
        ),
        # "off" and "dead" only of a number the words before call old
        ("my old # 617 555 0188 is OFF dont text it. new 617-555-0123", "US", ("+16175550123",)),
        ("call 617-555-0123 is off tonight? text then", "US", ("+16175550123",)),
        # the words of a dead number do not reach past the next one
        ("新号码：１３８ １２３４ ５６７８ 旧号停用 微信同号", "CN", ("+8613812345678",)),
        ("new # 832 555 0199 old # is off", "US", ("+18325550199",)),
        ("new number 617-555-0123, old one is dead", "US", ("+16175550123",)),
        # an old number that still works is a contact
        (
            "new # 615-555-0129, my old one 615-555-0121 still works too",
            "US",
            ("+16155550129", "+16155550121"),
        ),
    ],
)
def test_hotlines_and_disowned_or_dead_numbers_are_not_the_advertisers(text, region, expected):
    assert phones_in(text, region) == expected


def test_an_argentine_mobile_written_both_ways_is_one_number():
    text = "Cel: 11 2345-6789 | Tel: +54 9 11 2345 6789 | fijo 11 4321-0987"
    assert phones_in(text, "AR") == ("+5491123456789", "+541143210987")
