"""Contacts beyond the corpus: documents with several contacts, kinds from labels, hostile input."""
from __future__ import annotations

from lianhuan_extract import extract


def contacts(text):
    record = extract(text, types=["contact"])
    for e in record["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    return [(e["kind"], e["value"], e["rule"]) for e in record["entities"]]


def test_a_contact_block_in_traditional():
    text = ("新聞聯絡人:中小及新創企業署 副署長 陳志明\n電話:(02)2366-1234 分機 351\n電子郵件:smedx@moea.gov.tw\n"
            "業務聯絡人:數位轉型組 科長 林怡君\n電話:(02)2366-1256\n電子郵件:\n")
    assert contacts(text) == [
        ("phone", "(02)2366-1234分機351", "contact.phone"),
        ("email", "smedx@moea.gov.tw", "contact.email"),
        ("phone", "(02)2366-1256", "contact.phone"),
    ]


def test_the_nearest_label_names_the_kind():
    text = "联系电话:021-68812753,021-68808888 传真:021-68804868 邮编:200120"
    assert [c[:2] for c in contacts(text)] == [
        ("phone", "021-68812753"), ("phone", "021-68808888"), ("fax", "021-68804868")]


def test_numbers_listed_with_a_space_are_taken_one_by_one():
    assert [c[1] for c in contacts("热线：13604779660 13604770960")] == ["13604779660", "13604770960"]


def test_a_number_without_a_label_is_a_phone_marked_as_such():
    assert contacts("联系人周敏13962801357") == [("phone", "13962801357", "contact.phone.unlabelled")]


def test_emails_and_urls_beside_han_characters():
    assert [c[:2] for c in contacts("中国ffewfqr23.f@gmail.com。简历https://frank.website.com/CV/#cite_2")] == [
        ("email", "ffewfqr23.f@gmail.com"), ("url", "https://frank.website.com/CV/#cite_2")]


def test_a_url_does_not_take_the_sentence_end():
    assert [c[1] for c in contacts("请访问https://luis.ai?action=add。也可见(www.example.com)")] == [
        "https://luis.ai?action=add", "www.example.com"]


def test_hostile_input_stays_linear_and_finds_nothing_or_the_right_thing():
    hostile = [
        "1" * 20000,
        "1 " * 10000,
        "1-" * 10000,
        "(1)" * 7000,
        "亿" * 20000,
        "(" * 20000,
        "\x00" * 20000,
        "a." * 10000,
        "a@" * 10000,
        "http://" + "a" * 20000,
        "電話:" * 5000,
    ]
    for text in hostile:
        found = contacts(text)
        assert all(kind in ("phone", "url", "email") for kind, _, _ in found)
    assert contacts("1" * 20000) == []
    assert contacts("电话:" + "1" * 20000 + " 传真:0514-89993100")[-1][:2] == ("fax", "0514-89993100")


# -- the phone candidates are read only around runs of seven close digits -----------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lianhuan_extract.extractors import contacts as contacts_module  # noqa: E402

_PHONE_ALPHABET = "0123456789" * 4 + " \t\u3000\xa0-./()+:,#x转分机ext年电话号\nab"


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set(_PHONE_ALPHABET))), max_size=60))
def test_phone_spans_are_those_of_a_read_of_the_whole_text(text):
    # _phone_candidates skips the stretches with no run of seven close digits: the phones it
    # lets through must be those a read of the whole text gives (_DENSE 0: the stretches are
    # read even where the text is short or dense enough to be read whole)
    dense = contacts_module._DENSE
    contacts_module._DENSE = 0
    try:
        fast = list(contacts_module._phone_spans(text))
    finally:
        contacts_module._DENSE = dense
    original = contacts_module._phone_candidates
    contacts_module._phone_candidates = lambda t: contacts_module._phone_pattern().finditer(t)
    try:
        whole = list(contacts_module._phone_spans(text))
    finally:
        contacts_module._phone_candidates = original
    assert fast == whole


def test_phone_stretches_by_hand(monkeypatch):
    # a year and a short code stay outside any stretch; the number and its extension are one
    monkeypatch.setattr(contacts_module, "_DENSE", 0)  # read by stretches, however short the text
    text = "2024年编号12 3,电话:(0351) 890-8123 转 12。"
    assert [m.group() for m in contacts_module._phone_candidates(text)] == ["(0351) 890-8123 转 12"]
    assert list(contacts_module._phone_spans(text)) == [(15, 35)]
    assert text[15:35] == "(0351) 890-8123 转 12"
    # seven digits spread over brackets and separators still count as a run
    assert [m.group() for m in contacts_module._phone_candidates("电(1) (2)-3.4/5 6 7")] == ["(1) (2)-3.4/5 6 7"]
    assert list(contacts_module._phone_candidates("123456 年 7")) == []
    # the look-aheads see past the stretch: a letter, or :9, glued to the digits makes no phone
    assert list(contacts_module._phone_spans("编号12345678a")) == []
    assert list(contacts_module._phone_spans("编号12345678:9")) == []
    assert list(contacts_module._phone_spans("电话12345678。")) == [(2, 10)]


def test_a_text_dense_with_long_numbers_is_read_whole():
    # one run of seven digits in fewer than _DENSE characters: every candidate of the text, the
    # short ones too, as the pattern reads them over the whole text
    text = "12345678,1,22"
    assert [m.group() for m in contacts_module._phone_candidates(text)] == ["12345678", "1", "22"]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set("abcnmorgAB.-_/@0123456789 中文"))), max_size=30))
def test_a_bare_domain_always_holds_a_dot_and_two_lowercase_letters(text):
    # extract skips the bare-domain pattern where _DOT_TLD finds nothing: it must never skip a find
    if contacts_module._URL_BARE.search(text):
        assert contacts_module._DOT_TLD.search(text)


def test_bare_domain_by_hand():
    assert contacts("详见 gov.cn 网站") == [("url", "gov.cn", "contact.url.domain")]
    assert contacts("增长3.5%,达GOV.CN") == []  # no lowercase top-level domain, no domain
