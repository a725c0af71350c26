"""The shared search-command layer (bin/htintel_searchcommand.py), in-process.

FieldAddingRecords writes protocol v2 chunks itself; these tests hold it to what splunklib's
own record reader and writer make of the same chunk. The commands themselves go through the
real protocol in tests/protocol.
"""

from __future__ import annotations

import io
from typing import Any, Dict, List, Mapping, Sequence

import pytest
from htintel_searchcommand import FieldAddingRecords, multivalue_columns
from hypothesis import given, settings
from hypothesis import strategies as st
from protocol.harness import decode_records, encode_records
from splunklib.searchcommands import StreamingCommand
from splunklib.searchcommands.internals import RecordWriterV2

from htintel.records import first_value


class WordsCommand(FieldAddingRecords, StreamingCommand):
    """Adds a number, a multivalue, an always-empty field and a copy of the text's first value."""

    added_fields = ("n_chars", "words", "empty", "text_copy")

    def added_values(self, record: Mapping[str, Any]) -> Sequence[Any]:
        text = first_value(record.get("text"))
        return (len(text), tuple(text.split()), (), text)


def _reply(body: str, fast: bool) -> List[Dict[str, Any]]:
    command = WordsCommand()
    out = io.BytesIO()
    command._record_writer = RecordWriterV2(out)
    if fast:
        command._execute_chunk_v2(command.stream, ({}, body))
    else:  # splunklib's own reader and writer, with the command's stream()
        StreamingCommand._execute_chunk_v2(command, command.stream, ({}, body))
    command._record_writer.write_chunk(finished=True)
    header, _, rest = out.getvalue().partition(b"\n")
    metadata_length, body_length = (int(n) for n in header.split(b",")[1:])
    return decode_records(rest[metadata_length : metadata_length + body_length])


RECORDS = [
    {"text": "hello big world", "n": "1"},
    {"text": "", "n": "2"},
    {"text": ["first value", "second"], "n": "3"},  # a multivalue input field
    {"text": 'quotes " and, commas\r\nand lines', "n": "4"},
    {"text": "dollars $5 $$ here", "n": "5"},
    {"text": "null\x01bytes \u00e9t\u00e9 \U0001f600", "n": "6"},
]


@pytest.mark.parametrize(
    "records",
    [
        RECORDS,
        RECORDS[:1],
        # Input fields named like the added ones are replaced, multivalue or not.
        [{"text": "a b", "words": ["old", "values"], "n_chars": "99"}],
        [{"_raw": "x", "other": ["p", "q"], "text": "one"}],
    ],
    ids=["mixed", "one-record", "replaces-added-fields", "passes-other-multivalues"],
)
def test_fast_chunk_path_gives_what_splunklib_gives(records):
    body = encode_records(records).decode("utf-8")
    assert _reply(body, fast=True) == _reply(body, fast=False)


# Bodies as they may reach the command: the rows' own CSV text is echoed, so every way a
# row can be written must come back as splunklib's reader and writer give it.
@pytest.mark.parametrize(
    "body",
    [
        'text,n\r\n"line\r\nbreaks\r\n",1\r\nplain,2\r\n',
        'text,n\r\n"ends in a return\r",1\r\n',
        'text,n\r\n"a ""quoted"" word, and a comma",1\r\n',
        "text,n\r\nno line end at all,1",
        "text,n\nunix line ends,1\nsecond,2\n",
        "text,n\r\nfirst,1\r\n\r\nafter a blank line,3\r\n",
        'text,n\r\na quote"inside,1\r\n',
        'text,n\r\n"",1\r\n,\r\n',
        "text\r\nonly one column\r\n",
        'text,n\r\n"\n",1\r\n"\r\n\r\n",2\r\n',
    ],
    ids=[
        "quoted-line-breaks",
        "quoted-return-at-end",
        "doubled-quotes",
        "no-final-line-end",
        "unix-line-ends",
        "blank-line",
        "bare-quote",
        "empty-values",
        "one-column",
        "only-line-breaks",
    ],
)
def test_echoed_rows_read_back_as_splunklib_writes_them(body):
    assert _reply(body, fast=True) == _reply(body, fast=False)


@settings(max_examples=300, deadline=None)
# (A NUL becomes a space, which test_nul_in_a_chunk_becomes_a_space holds.)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=st.sampled_from('ab ,"\r\n$é'), max_size=12),
            st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=12),
        ),
        min_size=1,
    )
)
def test_echoed_rows_match_splunklib_on_any_values(values):
    # The added columns (a copy of the text among them) are quoted as splunklib quotes them.
    records = [{"text": value, "n": str(index)} for index, value in enumerate(values)]
    body = encode_records(records).decode("utf-8")
    assert _reply(body, fast=True) == _reply(body, fast=False)


def test_added_fields_and_input_fields_come_back():
    body = encode_records(RECORDS).decode("utf-8")
    reply = _reply(body, fast=True)
    assert [r["n"] for r in reply] == ["1", "2", "3", "4", "5", "6"]
    assert reply[0]["words"] == ["hello", "big", "world"]
    assert reply[0]["n_chars"] == "15"
    assert reply[1]["words"] == "" and reply[1]["empty"] == ""
    assert reply[2]["text"] == ["first value", "second"]
    assert reply[2]["text_copy"] == "first value"
    assert reply[4]["words"] == ["dollars", "$5", "$$", "here"]


def test_short_and_long_rows_are_padded_and_cut_to_the_header():
    body = "text,n\r\none two\r\nthree,4,extra\r\n"
    reply = _reply(body, fast=True)
    assert [(r["text"], r["n"]) for r in reply] == [("one two", ""), ("three", "4")]
    assert "extra" not in str(reply)


def test_header_only_chunk_gives_an_empty_reply():
    assert _reply("text,n\r\n", fast=True) == []


def test_nul_in_a_chunk_becomes_a_space():
    body = encode_records([{"text": "a\x00b"}]).decode("utf-8")
    assert _reply(body, fast=True)[0]["text"] == "a b"


@pytest.mark.parametrize(
    "value, columns",
    [
        ((), ("", "")),
        ([], ("", "")),
        (None, ("", "")),
        ("one", ("one", "")),
        (("one",), ("one", "")),
        (("a", "b$c"), ("a\nb$c", "$a$;$b$$c$")),
        (7, ("7", "")),
    ],
)
def test_multivalue_columns_encode_as_splunklib_does(value, columns):
    assert multivalue_columns(value) == columns


def test_stream_adds_the_fields_to_each_record_as_protocol_v1_needs():
    records = [{"text": "a b", "n": "1"}, {"text": ["x y z", "w"], "n": "2"}]
    out = list(WordsCommand().stream(records))
    assert out[0] == {
        "text": "a b",
        "n": "1",
        "n_chars": 3,
        "words": ("a", "b"),
        "empty": (),
        "text_copy": "a b",
    }
    assert out[1]["words"] == ("x", "y", "z") and out[1]["text_copy"] == "x y z"
