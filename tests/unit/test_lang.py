"""htintel.lang.identify: script detection plus stopword scoring."""

from __future__ import annotations

import pytest

from htintel.lang import identify, normalise_code

CASES = [
    ("en", "Hi guys, I am new in town and available for you all night. Call me now!"),
    ("en", "Warehouse associates wanted, full time, apply online with your resume."),
    ("es", "Hola chicos, soy nueva en la ciudad y estoy disponible para ti toda la noche."),
    ("es", "Se busca camarero con experiencia para restaurante en Madrid."),
    ("fr", "Bonjour, je suis nouvelle en ville et disponible pour vous. Appelez-moi."),
    ("fr", "Recherche serveur pour brasserie, CDI temps plein, expérience souhaitée."),
    ("pt", "Olá, sou nova na cidade e estou disponível para você. Me liga agora."),
    ("pt", "Vaga para auxiliar administrativo, carteira assinada, não precisa experiência."),
    ("ru", "Привет, я новенькая в городе, звони мне."),
    ("ru", "Требуется продавец в магазин, официальное трудоустройство."),
    ("zh", "新来的学生妹，北京朝阳区，可上门服务"),
    ("zh", "招聘前台文员，五险一金，双休。"),
    ("ja", "東京で新しい女の子です。お電話ください"),
    ("ko", "안녕하세요 새로 온 여자입니다 연락주세요"),
    ("th", "สาวใหม่ มาใหม่ กรุงเทพ โทรเลย"),
    ("ar", "مرحبا فتاة جديدة في المدينة"),
    ("de", "Hallo, ich bin neu in der Stadt und für dich da. Ruf mich an."),
    ("it", "Ciao ragazzi, sono nuova in città e sono disponibile per te. Chiamami."),
    ("tr", "Merhaba, şehirde yeniyim ve senin için buradayım. Beni ara."),
]


@pytest.mark.parametrize(("language", "text"), CASES)
def test_language_is_identified(language, text):
    assert identify(text) == language


def test_a_russian_city_name_does_not_make_an_english_ad_russian():
    assert identify("Hi guys, I am visiting Москва this week and you can call me any time.") == "en"


def test_emoji_and_digits_alone_are_unknown():
    assert identify("🍒🍒🍒 555-1234") == ""


@pytest.mark.parametrize(
    ("declared", "code"),
    [("EN", "en"), ("es-MX", "es"), ("zh_Hant", "zh"), ("pt-BR", "pt"), ("", ""), (None, "")],
)
def test_crawler_language_field_wins_and_is_normalised(declared, code):
    assert normalise_code(declared) == code
    if code:
        assert identify("Hello my friend, how are you", declared=declared) == code


@pytest.mark.parametrize("text", ["", None, b"\xff\xfe", 42, "\x00\ud800", "x" * 100_000])
def test_hostile_input_never_raises(text):
    assert isinstance(identify(text), str)
