"""htintel.risk: indicator lexicon, matching, structural indicators and the score."""

from __future__ import annotations

import os

import pytest

from htintel.risk import (
    INDICATORS_CSV,
    Assessment,
    assess,
    compile_indicators,
    default_lexicon,
    fold,
    load_indicators,
)

LEXICON = default_lexicon()

# (language, ad text, an indicator code that must fire). Written for these tests in the
# style of the ads the indicator sources describe.
INDICATOR_CASES = [
    ("en", "Hi gentlemen, barely legal and ready to play", "youth"),
    ("en", "Sweet petite, just turned 18, call now", "youth"),
    ("en", "Brand new girl, new to the game", "new_face"),
    ("en", "New in town for a few days only", "movement"),
    ("en", "She is available tonight, ask for her at the front", "third_person"),
    ("en", "My girls are waiting for you", "third_person"),
    ("en", "Incall only, no outcalls", "restricted_movement"),
    ("en", "She can't speak English but she is very friendly", "language_barrier"),
    ("en", "Available 24/7 for you", "always_available"),
    ("en", "Factory work abroad, no documents needed, start tomorrow", "no_documents"),
    ("en", "Cleaning jobs, housing provided, travel costs advanced", "housing_provided"),
    ("en", "Work off the debt in three months", "debt"),
    ("en", "Hostess job, daily quota of drinks, minimum clients", "quota"),
    ("en", "Two girls available, come see us", "multiple_women"),
    ("en", "🍒🍭 sweet and innocent, new girl", "emoji_youth"),
    ("es", "Jovencita recién cumplidos 18, muy cariñosa", "youth"),
    ("es", "Chicas nuevas cada semana", "new_face"),
    ("es", "Nueva en la ciudad, solo por unos días", "movement"),
    ("es", "Mis chicas te esperan, pregunta por ella", "third_person"),
    ("es", "Trabajo en el extranjero sin papeles", "no_documents"),
    ("es", "Camareras, alojamiento incluido y buen sueldo", "housing_provided"),
    ("es", "Te adelantamos el viaje y luego lo devuelves, se descuenta del sueldo", "debt"),
    ("es", "Dos chicas disponibles para ti", "multiple_women"),
    ("es", "Disponible 24 horas, no hago salidas", "always_available"),
    ("es", "Cuota diaria de copas para las chicas", "quota"),
    ("fr", "Nouvelle en ville, de passage quelques jours", "movement"),
    ("fr", "Toute jeune et fraîchement majeure", "youth"),
    ("fr", "Elle est disponible ce soir, réservez-la", "third_person"),
    ("fr", "Travail sans papiers, logement fourni", "no_documents"),
    ("fr", "Hôtesses, logement fourni, voyage à rembourser", "housing_provided"),
    ("fr", "Deux filles disponibles", "multiple_women"),
    ("fr", "Elle ne parle pas français", "language_barrier"),
    ("fr", "Disponible 24h/24 et 7j/7", "always_available"),
    ("pt", "Novinha safada, 18 aninhos", "youth"),
    ("pt", "Nova na cidade, recém chegada", "movement"),
    ("pt", "Ela está disponível, minhas meninas te esperam", "third_person"),
    ("pt", "Trabalho na Espanha sem documentos, moradia inclusa", "no_documents"),
    ("pt", "Garçonetes, alojamento incluído", "housing_provided"),
    ("pt", "Duas meninas disponíveis", "multiple_women"),
    ("pt", "Pagar a dívida com o trabalho", "debt"),
    ("ru", "Новенькая молоденькая девочка ждёт", "youth"),
    ("ru", "Только приехала, в городе на несколько дней", "movement"),
    ("ru", "Мои девочки ждут тебя", "third_person"),
    ("ru", "Работа без документов, жилье предоставляется", "no_documents"),
    ("ru", "Проживание бесплатно, отработать долг за дорогу", "debt"),
    ("ru", "Без выездов, только у себя", "restricted_movement"),
    ("ru", "Несколько девушек на выбор", "multiple_women"),
    ("zh", "学生妹 清纯可爱", "youth"),
    ("zh", "新到本地 短期", "movement"),
    ("zh", "无需证件 高薪", "no_documents"),
    ("zh", "招女服务员 包吃住", "housing_provided"),
    ("zh", "多名美女 任你选", "multiple_women"),
    ("zh", "路费预支 从工资扣", "debt"),
    ("zh", "新来的妹子 萝莉", "youth"),
]

# Ordinary jobs, massage therapy and dating ads: no indicator may fire.
BENIGN_ADS = [
    (
        "en",
        "Young professional wanted for our marketing team. Fresh graduates welcome. Competitive salary and benefits.",
    ),
    ("en", "Fresh strawberries and young carrots at the farmers market every Saturday."),
    (
        "en",
        "Licensed massage therapist, Swedish and deep tissue. New clients welcome, book online 🌹",
    ),
    (
        "en",
        "New to the area and looking for a kind man for a long-term relationship. I love hiking 🔥",
    ),
    ("en", "Nanny needed for a 3 year old, weekdays 8-5, references required 👶"),
    ("en", "Warehouse associates wanted, full time, no experience necessary, apply online."),
    (
        "es",
        "Se busca camarero con experiencia para restaurante. Contrato indefinido y alta en la Seguridad Social.",
    ),
    ("es", "Masajista titulada, masaje terapéutico y deportivo, cita previa."),
    ("es", "Hombre de 40 años busca mujer para amistad y algo más. Me gusta viajar."),
    ("fr", "Recherche serveur pour brasserie, CDI temps plein, expérience souhaitée."),
    ("fr", "Kinésithérapeute diplômée, massages thérapeutiques sur rendez-vous."),
    ("fr", "Femme de 35 ans cherche homme sérieux pour relation durable."),
    ("pt", "Vaga para auxiliar administrativo, carteira assinada, vale transporte."),
    ("pt", "Massoterapeuta, massagem relaxante e terapêutica com hora marcada."),
    ("pt", "Procuro uma mulher para namoro sério, gosto de cinema e praia."),
    (
        "ru",
        "Требуется продавец-консультант в магазин, официальное трудоустройство, белая зарплата.",
    ),
    ("ru", "Лечебный массаж, сертифицированный специалист, запись по телефону."),
    ("ru", "Познакомлюсь с девушкой для серьёзных отношений."),
    ("zh", "招聘前台文员，五险一金，双休，有意者请联系。"),
    ("zh", "专业中医推拿按摩，持证上岗，欢迎预约。"),
    ("zh", "真诚征婚，寻找志同道合的另一半。"),
]


@pytest.mark.parametrize(("language", "text", "code"), INDICATOR_CASES)
def test_indicator_fires_with_its_evidence(language, text, code):
    result = assess(text, indicators=LEXICON)
    assert code in result.indicators, (language, text, result)
    assert result.evidence and result.score > 0
    folded = fold(text)
    assert all(fold(span) in folded for span in result.evidence if not span.startswith("price "))


@pytest.mark.parametrize(("language", "text"), BENIGN_ADS)
def test_benign_ads_fire_no_indicator(language, text):
    result = assess(text, indicators=LEXICON)
    assert result.indicators == () and result.score == 0, (language, text, result)


def test_movement_language_alone_scores_low():
    movement = assess("New in town", indicators=LEXICON)
    youth = assess("barely legal", indicators=LEXICON)
    assert movement.indicators == ("movement",)
    assert movement.score <= 10 < youth.score


def test_score_combines_weights_without_exceeding_100():
    text = "barely legal, my girls, no documents needed, daily quota, work off the debt, two girls, available 24/7"
    result = assess(text, indicators=LEXICON)
    assert 85 <= result.score <= 100
    assert result.indicators[0] in ("youth", "no_documents", "debt", "quota")  # strongest first


def test_matching_ignores_case_accents_and_punctuation():
    for text in (
        "NEW-IN-TOWN!",
        "new   in\ntown",
        "Recien llegada",
        "RECIÉN LLEGADA",
        "жДЁт, мои ДЕВОЧКИ",
    ):
        assert assess(text, indicators=LEXICON).indicators, text


def test_evidence_is_the_text_as_written():
    result = assess("Hello! RECIÉN LLEGADA a Madrid", indicators=LEXICON)
    assert result.evidence == ("RECIÉN LLEGADA",)


def test_words_inside_other_words_do_not_match():
    assert assess("renew in townhouse listings", indicators=LEXICON).indicators == ()


def test_prefix_wildcard_matches_inflections():
    for text in ("молоденькая", "молоденькие", "МОЛОДЕНЬКОЙ"):
        assert "youth" in assess(text, indicators=LEXICON).indicators


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("🌹🌹 donations only", False),  # a rose alone: no other indicator
        ("🌹 new in town", True),
        ("🔥🌹", False),  # context emoji need a non-emoji indicator
        ("👶", False),  # a youth emoji alone (nanny ads) is not enough
        ("🍒🍭", True),  # two youth emoji support each other
        ("🍒 barely legal", True),
    ],
)
def test_emoji_codes_need_context(text, fires):
    codes = assess(text, indicators=LEXICON).indicators
    assert bool({"emoji_youth", "emoji_code"} & set(codes)) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Anna 21yo and Maria 23yo, come meet us", True),
        ("Sofia 22 años y Lucía 25 años", True),
        ("Настя 20 лет, Катя 23 лет", True),
        ("I am 25yo, 25 yo and sweet", False),  # one age, twice
        ("Company founded 15 years ago, 120 employees", False),
    ],
)
def test_several_ages_in_one_ad_mean_several_women(text, fires):
    assert ("multiple_women" in assess(text, indicators=LEXICON).indicators) is fires


@pytest.mark.parametrize(
    ("price", "median", "fires"),
    [(50, 200, True), ("80", "200", True), (100, 200, False), (150, 200, False), (None, 200, False),
     (50, None, False), ("free", "200", False), (0, 200, False), ("nan", "200", False)],
)  # fmt: skip
def test_price_far_below_the_local_median(price, median, fires):
    result = assess("Hello", price=price, price_median=median, indicators=LEXICON)
    assert ("price_below_median" in result.indicators) is fires


def test_declared_language_wins_over_identification():
    assert (
        assess("Hello my friend, how are you", language="es", indicators=LEXICON).language == "es"
    )
    assert assess("Hello my friend, how are you", indicators=LEXICON).language == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        b"\xff\xfe barely legal",
        12345,
        "\x00" * 100,
        "a" * 100_000,
        "🍒" * 5000,
        "\ud800 new in town",
    ],
)
def test_hostile_input_never_raises(text):
    result = assess(text, indicators=LEXICON)
    assert isinstance(result, Assessment) and 0 <= result.score <= 100


def test_every_shipped_row_is_valid_and_weights_are_between_0_and_1():
    indicators = load_indicators(INDICATORS_CSV)
    assert {"en", "es", "fr", "pt", "ru", "zh", "*"} <= {i.language for i in indicators}
    assert all(0 <= i.weight <= 1 and i.source for i in indicators)
    movement = max(i.weight for i in indicators if i.code == "movement")
    assert movement < min(
        i.weight for i in indicators if i.code in ("youth", "third_person", "no_documents")
    )


def test_edited_weights_change_the_score(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        "code,language,pattern,weight,category,source\nmovement,en,new in town,0.9,movement,test\n",
        encoding="utf-8",
    )
    lexicon = compile_indicators(load_indicators(str(path)))
    assert assess("new in town", indicators=lexicon).score == 90


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("youth,en,barely legal,1.5,youth,x", "outside 0..1"),
        ("youth,en,barely legal,high,youth,x", "weight"),
        ("youth,en,,0.3,youth,x", "required"),
        ("youth,en,bar* legal,0.3,youth,x", "'*'"),
        ("youth,*,@unknown,0.3,structural,x", "computed"),
    ],
)
def test_invalid_rows_are_rejected_with_file_and_line(tmp_path, row, message):
    path = tmp_path / "bad.csv"
    path.write_text("code,language,pattern,weight,category,source\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_indicators(str(path))
    assert (
        message in str(error.value)
        and "line 2" in str(error.value)
        and os.fspath(path) in str(error.value)
    )


def test_ascii_prefix_and_spaceless_patterns_match_ascii_ads(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        "code,language,pattern,weight,category,source\n"
        "youth,es,jovencit*,0.3,youth,test\n"
        "emoji_code,*,<3<3,0.1,emoji_context,test\n",
        encoding="utf-8",
    )
    lexicon = compile_indicators(load_indicators(str(path)))
    assert assess("Hola, jovencitas aqui", indicators=lexicon).indicators == ("youth",)
    assert set(assess("jovencita <3<3", indicators=lexicon).indicators) == {"youth", "emoji_code"}


@pytest.mark.parametrize(
    "text",
    [
        "Anna 21yo, Maria 23yo",
        "Anna 21y/o, Maria 23y/o",
        "Anna 21 y.o, Maria 23 y.o",
        "丽丽18岁 娜娜20岁",
    ],
)
def test_glued_age_forms_are_found(text):
    assert "multiple_women" in assess(text, indicators=LEXICON).indicators
