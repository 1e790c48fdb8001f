"""meta.locale: where a document speaks from, read from its content (text/locale.py)."""
import time

import pytest

from lianhuan_extract import extract
from lianhuan_extract.pipeline import prepare
from lianhuan_extract.text.locale import currency_of, detect, locale_of


def _locale(text):
    return extract(text, ref_date="2024-04-03")["meta"]["locale"]


@pytest.mark.parametrize("text,locale", [
    # Taiwan: a strong cue (行政院, 立法院, 新台币), or two weak ones (经济部 + an ROC year) in traditional script
    ("行政院今日核定计画。", "taiwan"),
    ("行政院今日核定計畫。", "taiwan"),
    ("經濟部表示，113年補助中小企業。", "taiwan"),
    ("立法院三读通过预算。", "taiwan"),
    # Hong Kong: 特区政府 / 立法会 with 香港 or 港元
    ("立法会财委会批准特区政府拨款，用于香港北部工程。", "hong_kong"),
    ("立法會財委會批准特區政府撥款，用於香港北部工程。", "hong_kong"),
    ("港灣控股公布業績，收入8,426.5百萬港元。（香港，2023年11月28日）", "hong_kong"),
    # Macau: 澳门元, 澳门币, or 特区政府 with 澳门
    ("澳门特区政府公共建设局今日开标。", "macau"),
    ("澳門特區政府公共建設局今日開標，造價約41.7億澳門元。", "macau"),
    # traditional script alone is no Taiwan: a mirrored mainland page
    ("揚州市委、市政府召開大會，全年投入3億元。", "mainland"),
    ("扬州市委、市政府召开大会，全年投入3亿元。", "mainland"),
    # a mainland report that names Hong Kong stays mainland: its own institutions outweigh
    ("市委书记会见香港客商，市人民政府与港商签约，项目以港元结算。", "mainland"),
    ("市委書記會見香港客商，市人民政府與港商簽約，項目以港元結算。", "mainland"),
    # one weak cue is not enough
    ("台北来的客商参观园区。", "mainland"),
    ("臺北來的客商參觀園區。", "mainland"),
    ("", "mainland"),
])
def test_locale_from_content(text, locale):
    assert _locale(text) == locale


def test_locale_is_worked_out_once_per_document():
    doc = prepare("立法會財委會批准特區政府撥款，用於香港北部工程。")
    assert locale_of(doc) == "hong_kong"
    doc.text = "行政院"  # a later stage would not change the answer: the memo keeps it
    assert locale_of(doc) == "hong_kong"


def test_currency_of_each_locale():
    assert [currency_of(x) for x in ("mainland", "taiwan", "hong_kong", "macau")] == ["CNY", "TWD", "HKD", "MOP"]


def test_dates_read_roc_years_only_where_the_locale_is_taiwan():
    taiwan = extract("經濟部表示，113年補助中小企業。", ref_date="2024-04-03")
    assert [(e["text"], e["value"]) for e in taiwan["entities"] if e["type"] == "date"] == [("113年", "2024")]
    hong_kong = extract("立法會批准特區政府撥款，香港113年歷史的建築。", ref_date="2024-04-03")
    assert [e for e in hong_kong["entities"] if e["type"] == "date"] == []


def test_locale_is_linear_on_hostile_input():
    text = "香港" * 50000 + "港元" * 50000 + "1" * 100000
    began = time.perf_counter()
    assert detect(text, "simplified") == "mainland"  # 香港 and 港元 are weak: they count in traditional only
    assert detect(text, "traditional") == "hong_kong"
    assert time.perf_counter() - began < 2
