"""Date, event and quantity extraction on the corpus's own sentences and on tricky forms."""
from datetime import date

import pandas as pd
import pytest

from policytext.analysis import events

PUB_000 = date(2023, 8, 8)   # doc 000, stated
PUB_001 = date(2024, 8, 25)  # doc 001, stated
PUB_004 = date(2021, 11, 18)  # doc 004, year inferred


def read_all(text, base, previous=None):
    """Every date expression of ``text`` read in order, chaining the previous event's date."""
    readings = []
    for match in events.find_date_expressions(text):
        reading = events.read_date(match, base, previous)
        readings.append(reading)
        if reading.kind in ("point", "range"):
            previous = date.fromisoformat(reading.date_end)
    return readings


def only(text, base, previous=None):
    readings = read_all(text, base, previous)
    assert len(readings) == 1, [r.expression for r in readings]
    return readings[0]


# --- dates ---------------------------------------------------------------------------------

def test_full_date_is_stated_day():
    r = only("2022年8月10日，郭文海率党政代表团到深圳考察。", PUB_000)
    assert (r.date_start, r.date_end, r.precision, r.inferred) == ("2022-08-10", "2022-08-10", "day", False)
    assert r.resolved_from == "text"


def test_year_end_is_a_stated_span_at_year_end():
    r = only("2021年底，在中山市第十五次党代会上，市委书记郭文海提出", PUB_000)
    assert r.expression == "2021年底"
    assert r.precision == "year_end" and not r.inferred
    assert r.date_start.startswith("2021-1") and r.date_end == "2021-12-31"


def test_relative_this_year_resolves_against_publication():
    r = only("今年6月28日，2023深圳·中山联合招商大会召开。", PUB_000)
    assert (r.date_start, r.precision, r.inferred, r.resolved_from) == ("2023-06-28", "day", True, "publication_date")


@pytest.mark.parametrize("text, start, end", [
    ("2023年7月24日至28日，三乡镇组织干部到深圳", "2023-07-24", "2023-07-28"),
    ("7月24日至28日，三乡镇组织干部到深圳", "2023-07-24", "2023-07-28"),
    ("2023年5月14日至16日，南区街道组织机关中层干部", "2023-05-14", "2023-05-16"),
])
def test_day_ranges(text, start, end):
    r = only(text, PUB_000)
    assert (r.kind, r.date_start, r.date_end, r.precision) == ("range", start, end, "day")


def test_day_range_with_hyphen_in_chenzhou_article():
    r = only("11月9日-11日，在全市上下贯彻落实市第六次党代会精神", PUB_004)
    assert (r.kind, r.date_start, r.date_end) == ("range", "2021-11-09", "2021-11-11")
    assert r.inferred


def test_month_range_corrects_jionlp():
    r = only("2023年1月至2月，东凤镇组织开展2023年干部综合素能提升研修班。", PUB_000)
    assert (r.kind, r.date_start, r.date_end, r.precision) == ("range", "2023-01-01", "2023-02-28", "month")
    assert r.jionlp_end != r.date_end  # jionlp reads only January
    assert "rule_differs_from_jionlp" in r.correction


@pytest.mark.parametrize("text, base, start, end", [
    ("上半年，邀请深圳师资授课18次", PUB_000, "2023-01-01", "2023-06-30"),
    ("中山市政府办公室绩效办负责人参加了今年上半年的深中培训班", PUB_001, "2024-01-01", "2024-06-30"),
    ("近日，中山2023年上半年经济数据出炉", PUB_001, "2023-01-01", "2023-06-30"),
])
def test_half_year(text, base, start, end):
    r = only(text, base)
    assert (r.date_start, r.date_end, r.precision) == (start, end, "half_year")
    assert r.inferred == ("2023年" not in text)


def test_yearless_date_across_year_boundary_goes_to_previous_year():
    january = date(2024, 1, 5)
    r = only("12月28日，中山人才公园开园。", january)
    assert r.date_start == "2023-12-28" and r.inferred
    assert r.jionlp_start == "2024-12-28"  # jionlp puts it after publication
    assert "yearless_date_after_publication" in r.correction


def test_last_year_across_year_boundary():
    r = only("去年12月，中山人才公园开园。", date(2024, 1, 5))
    assert (r.date_start, r.date_end, r.precision, r.inferred) == ("2023-12-01", "2023-12-31", "month", True)


def test_same_year_and_two_days_later_follow_the_previous_event():
    text = ("2022年8月10日，郭文海率党政代表团到深圳考察。两天后的8月12日，中山市委十五届四次全会召开。"
            "同年10月，深圳市政府与中山市政府签署《深圳市中山市战略协作框架协议》。")
    first, second, third = read_all(text, PUB_000)
    assert second.date_start == "2022-08-12" and second.resolved_from == "previous_date"
    assert third.date_start == "2022-10-01" and third.precision == "month" and third.inferred


def test_since_expressions_end_at_publication():
    r = only("据统计，今年以来，中山全市已有90个镇街和单位", PUB_001)
    assert (r.kind, r.date_start, r.date_end) == ("since", "2024-01-01", "2024-08-25")
    assert r.jionlp_end == "inf"


def test_month_end_and_as_of():
    r = only("截至2023年6月底，深圳中山战略协作第一批44个重点事项", PUB_000)
    assert (r.kind, r.precision, r.date_end) == ("as_of", "month_part", "2023-06-30")


def test_recurring_date_is_not_shifted():
    r = only("将每年11月1日设立为“中山企业家日”", PUB_000)
    assert (r.kind, r.date_start) == ("recurring", "2023-11-01")


def test_years_in_names_and_titles_are_not_dates():
    text = "中山制定印发《中山市基层党组织建设强基工程行动实施方案（2024—2026年）》及举办“2023年高质量发展培训班”"
    assert events.find_date_expressions(text) == []
    assert events.find_date_expressions("广州开发区建立“初创—高企”科技企业梯次培育体系") == []


# --- actors --------------------------------------------------------------------------------

def test_officials_and_bodies():
    assert events.find_officials("2021年底，在中山市第十五次党代会上，市委书记郭文海提出") == ["市委书记郭文海"]
    assert events.find_officials("2022年6月14日，中山副市长欧阳锦全带领市科技局一行8人") == ["副市长欧阳锦全"]
    assert events.find_officials("习近平总书记重要讲话") == []
    # a meeting that relays the requirements of a speech does not have its speaker as an actor
    relayed = "中山召开全市干部大会，贯彻落实全省干部大会精神和省委书记黄坤明讲话要求，市委书记郭文海主持会议"
    assert events.find_officials(relayed) == ["市委书记郭文海"]
    assert events.find_officials("省委书记黄坤明讲话") == ["省委书记黄坤明"]
    assert events.find_officials("认真落实省委书记黄坤明调研中山指示要求") == []
    assert events.find_actors(relayed, {"黄坤明": "省委书记黄坤明"}) == ["市委书记郭文海"]
    actors = events.find_actors("2023年，中山市委组织部积极对接中山大学深圳校区")
    assert actors == ["中山市委组织部"]
    assert events.find_actors("郭文海率党政代表团到深圳考察", {"郭文海": "市委书记郭文海"}) == ["市委书记郭文海"]


# --- quantities -------------------------------------------------------------------------------

def quantity(text, expression):
    found = [f for f in events.find_quantities(text) if f["expression"] == expression]
    assert len(found) == 1, [f["expression"] for f in events.find_quantities(text)]
    return found[0]


def test_money_and_growth():
    text = "近日，中山2023年上半年经济数据出炉：地区生产总值为1811.38亿元，同比增长5.5%；三次产业均实现正增长"
    gdp = quantity(text, "1811.38亿元")
    assert (gdp["value"], gdp["unit"], gdp["approximate"]) == (181138000000, "元", False)
    growth = quantity(text, "5.5%")
    assert (growth["value"], growth["unit"], growth["measures"]) == (5.5, "%", "同比增长")
    assert [f["expression"] for f in events.find_quantities(text)] == ["1811.38亿元", "5.5%"]  # not 三次产业


def test_approximate_person_times():
    f = quantity("在相关干部培训班安排“向深圳学习”课程，培训干部12300多人次。", "12300多人次")
    assert (f["value"], f["unit"], f["approximate"], f["qualifier"], f["measures"]) == (
        12300, "人次", True, "多", "培训干部")


def test_ten_thousand_person_times():
    f = quantity("深中通道开通首月，中山市共接待游客393.37万人次，同比上升117.98%。", "393.37万人次")
    assert (f["value"], f["unit"]) == (3933700, "人次")


@pytest.mark.parametrize("text, expression, value, qualifier", [
    ("超400个政务服务事项实现“深中通办”", "超400个", 400, "超"),
    ("组织新区和南朗街道50多名干部", "50多名", 50, "多"),
    ("市公安局党委组织150余名基层党组织书记", "150余名", 150, "余"),
    ("近30名来自大湾区“9+2”城市的企业家", "近30名", 30, "近"),
    ("每天有约28万辆次的汽车通过", "约28万辆次", 280000, "约"),
])
def test_qualifiers_are_approximate(text, expression, value, qualifier):
    f = quantity(text, expression)
    assert (f["value"], f["qualifier"], f["approximate"]) == (value, qualifier, True)


def test_chinese_numerals_through_cn2an():
    f = quantity("这次会议还达成了两项深中人才工作新合作", "两项")
    assert (f["value"], f["unit"]) == (2, "项")
    f = quantity("共有一万二千三百人次参加", "一万二千三百人次")
    assert f["value"] == 12300


def test_dates_ordinals_and_slogans_are_not_quantities():
    text = "2022年8月10日，在中山市第十五次党代会上，探索“六个一体化”，市委十五届四次全会召开，每期2天"
    spans = [(m.start(), m.end()) for m in events.find_date_expressions(text)]
    assert [f["expression"] for f in events.find_quantities(text, spans)] == ["2天"]


# --- tables from the real corpus --------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_tables():
    from policytext import tables
    paragraphs, documents = tables.load("paragraphs"), tables.load("documents")
    return paragraphs, documents, *events.build_event_tables(paragraphs, documents)


def test_every_row_is_traceable_to_its_paragraph(corpus_tables):
    paragraphs, _, event_rows, quantity_rows = corpus_tables
    texts = paragraphs.set_index("para_id")["text"]
    assert len(event_rows) > 0 and len(quantity_rows) > 0
    for row in event_rows.itertuples():
        assert row.expression in texts[row.para_id] and row.clause in texts[row.para_id]
    for row in quantity_rows.itertuples():
        assert row.expression in texts[row.para_id]


def test_corpus_dates_and_inference(corpus_tables):
    _, documents, event_rows, _ = corpus_tables
    by_para = event_rows.set_index(["para_id", "expression"])
    assert by_para.loc[("000:16", "两天后的8月12日"), "date_start"] == "2022-08-12"
    assert by_para.loc[("001:2", "6月30日"), "date_start"] == "2024-06-30"  # 深中通道通车
    chenzhou = event_rows[event_rows["doc_id"] == "004"]
    assert set(chenzhou["base_provenance"]) == {"inferred"}  # doc 004's year is itself inferred
    stated_years = event_rows["expression"].str.match(r"^(截至)?\d{4}年")
    assert not event_rows.loc[stated_years, "inferred"].any()
    assert event_rows.loc[~stated_years, "inferred"].all()
    assert (event_rows["date_start"] <= event_rows["date_end"]).all()


def test_corpus_quantities(corpus_tables):
    *_, quantity_rows = corpus_tables
    by_para = quantity_rows.set_index(["para_id", "expression"])
    assert by_para.loc[("001:50", "21846人次"), "value"] == 21846
    assert bool(by_para.loc[("000:24", "12300多人次"), "approximate"]) is True
    assert not quantity_rows["expression"].str.contains("年").any()


def test_training_scale_selects_training_counts(corpus_tables):
    _, documents, _, quantity_rows = corpus_tables
    scale = events.training_scale(quantity_rows, documents)
    assert set(scale["unit"]) <= {"人次", "人", "名"}
    assert {"000:24", "001:50"} <= set(scale["para_id"])
    assert scale["clause"].str.contains("培训|学习|交流|研修").all()
    assert "001:12" not in set(scale["para_id"])  # 1000 staff of a research institute
    assert "000:29" not in set(scale["para_id"])  # a delegation of 8 on a visit, not a course
    assert "80名" in scale["expression"].tolist()  # 名 counts people as 人 does (000:48)


def test_training_scale_keeps_people_and_person_times_apart(corpus_tables):
    _, documents, _, quantity_rows = corpus_tables
    scale = events.training_scale(quantity_rows, documents)
    by_unit = scale.groupby("unit")["counts"].unique().map(list).to_dict()
    assert by_unit == {"人次": ["person-times"], "人": ["people"], "名": ["people"]}
    assert scale.set_index("expression").loc["21846人次", "counts"] == "person-times"


def test_event_tables_are_the_two_tables_in_column_order(corpus_tables):
    paragraphs, documents, event_rows, quantity_rows = corpus_tables
    made = events.event_tables(paragraphs, documents)
    assert list(made) == list(events.TABLES)
    assert list(made["events"].columns) == list(events.EVENT_COLUMNS)
    assert made["quantities"]["quantity_id"].tolist() == quantity_rows["quantity_id"].tolist()
    assert made["quantities"]["quantity_id"].iloc[0] == "Q001"


# --- the timeline's curated inputs -------------------------------------------------------------

@pytest.fixture(scope="module")
def derived():
    from policytext import tables
    return {name: tables.load(name) for name in ("paragraphs", "documents", "events", "quantities")}


def write_milestones(tmp_path, *rows):
    path = tmp_path / "milestones.csv"
    path.write_text("para_id,expression,label,line_label\n" + "".join(f"{row}\n" for row in rows),
                    encoding="utf-8")
    return path


def test_curated_milestones_are_dated_events_of_existing_paragraphs(derived):
    milestones = events.read_milestones(derived["events"], derived["paragraphs"])
    assert list(milestones.columns) == list(events.MILESTONE_COLUMNS)
    assert milestones.iloc[0][["para_id", "expression"]].tolist() == ["004:2", "11月9日-11日"]  # file order
    assert len(milestones) == 12
    assert set(milestones["para_id"]) <= set(derived["paragraphs"]["para_id"])
    keyed = derived["events"].set_index(["para_id", "expression"])
    keys = list(zip(milestones["para_id"], milestones["expression"]))
    assert keyed.loc[keys, "kind"].isin(events.DATED_KINDS).all()
    assert (milestones["label"] != "").all()
    assert milestones.loc[milestones["line_label"] != "", "para_id"].tolist() == ["001:2"]


def test_milestones_of_paragraphs_another_corpus_lacks_are_left_out_when_not_required(derived):
    # the seed article 004 left out, as on a corpus without the seed articles
    paragraphs = derived["paragraphs"][derived["paragraphs"]["doc_id"] != "004"]
    with pytest.raises(ValueError, match="no paragraph '004:2'"):
        events.read_milestones(derived["events"], paragraphs)
    kept = events.read_milestones(derived["events"], paragraphs, required=False)
    assert kept.attrs["listed"] == 12
    assert 0 < len(kept) < 12 and not kept["para_id"].str.startswith("004:").any()


def test_the_timeline_view_keeps_the_shown_articles_and_their_milestones(derived):
    dated = events.dated_events(derived["events"])
    milestones = events.read_milestones(derived["events"], derived["paragraphs"])
    labels = {doc: f"article {doc}" for doc in derived["documents"]["doc_id"]}
    plotted, lanes, marked, note = events.timeline_view(dated, labels, milestones, ["000", "004"])
    assert list(lanes) == ["000", "004"] and set(plotted["doc_id"]) == {"000", "004"}
    assert set(plotted["lane"]) == {0, 1}
    assert set(marked["para_id"].str[:3]) == {"000", "004"}
    assert note.startswith(f"{len(marked)} of the 12 milestones") and len(marked) < 12
    assert events.timeline_view(dated, labels, milestones, sorted(set(dated["doc_id"])))[3] == (
        "The milestones are those of data/timeline_milestones.csv.")


@pytest.mark.parametrize("row, message", [
    ("999:1,2021年底,Nowhere,", r"milestones\.csv, line 2 .*no paragraph '999:1'"),
    ("000:13,2099年底,Wrong date,", r"milestones\.csv, line 2 .*no date expression '2099年底' in paragraph 000:13"),
    ("000:13,2021年底,,", r"milestones\.csv, line 2 .*no label"),
])
def test_a_bad_milestone_names_the_file_and_line(tmp_path, derived, row, message):
    path = write_milestones(tmp_path, row)
    with pytest.raises(ValueError, match=message):
        events.read_milestones(derived["events"], derived["paragraphs"], path)


def test_a_milestone_must_be_a_dated_event_listed_once(tmp_path, derived):
    since = derived["events"][derived["events"]["kind"] == "since"].iloc[0]
    path = write_milestones(tmp_path, f"{since['para_id']},{since['expression']},A period,")
    with pytest.raises(ValueError, match="line 2 .*a since expression, not a dated event"):
        events.read_milestones(derived["events"], derived["paragraphs"], path)
    path = write_milestones(tmp_path, "000:13,2021年底,Congress,", "000:13,2021年底,Again,")
    with pytest.raises(ValueError, match="line 3 .*listed twice"):
        events.read_milestones(derived["events"], derived["paragraphs"], path)
    doubled = pd.concat([derived["events"], derived["events"].iloc[[5]]])
    path = write_milestones(tmp_path, "000:13,2021年底,Congress,")
    with pytest.raises(ValueError, match="occurs 2 times"):
        events.read_milestones(doubled, derived["paragraphs"], path)


def test_missing_milestone_columns_are_named(tmp_path, derived):
    path = tmp_path / "milestones.csv"
    path.write_text("para_id,expression\n000:13,2021年底\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns label, line_label"):
        events.read_milestones(derived["events"], derived["paragraphs"], path)


def test_timeline_rows_place_events_in_time_and_lane():
    dated = pd.DataFrame({"doc_id": ["001", "000"], "date_start": ["2023-07-24", "2021-11-01"],
                          "date_end": ["2023-07-28", "2021-11-01"]})
    plotted = events.timeline_rows(dated, {"000": "a", "001": "b"})
    assert plotted["lane"].tolist() == [1, 0]
    assert plotted["middle"].tolist() == [pd.Timestamp("2023-07-26"), pd.Timestamp("2021-11-01")]
    with pytest.raises(ValueError, match="no timeline lane for documents 001"):
        events.timeline_rows(dated, ["000"])


def test_milestone_table_follows_the_milestones(derived):
    dated = derived["events"][derived["events"]["kind"].isin(events.DATED_KINDS)]
    milestones = events.read_milestones(derived["events"], derived["paragraphs"])
    table = events.milestone_table(dated, milestones, 10)
    assert table.index.tolist() == milestones["para_id"].tolist()
    assert table["milestone"].tolist() == milestones["label"].tolist()
    assert table["clause"].str.len().max() <= 10
    assert table.loc["000:15", "dates"] == "2022-08-10"
    assert table.loc["004:2", "dates"] == "2021-11-09 – 2021-11-11"  # a span: its first and last day
    shifted = dated.assign(clause="，" + dated["clause"])
    with pytest.raises(ValueError, match="not beginning with their date expression: 004:2"):
        events.milestone_table(shifted, milestones, 10)


def test_milestone_table_of_no_milestones_is_empty(tmp_path, derived):
    dated = derived["events"][derived["events"]["kind"].isin(events.DATED_KINDS)]
    path = write_milestones(tmp_path)  # the header only
    milestones = events.read_milestones(derived["events"], derived["paragraphs"], path)
    assert milestones.empty
    table = events.milestone_table(dated, milestones, 10)
    assert table.empty
    assert list(table.columns) == ["dates", "inferred", "milestone", "actors", "clause"]


def test_indicator_table_keeps_the_units_of_scale(derived):
    assert set(events.INDICATOR_UNITS) <= {"元", *events.UNITS}
    table = events.indicator_table(derived["quantities"])
    assert set(table["unit"]) <= set(events.INDICATOR_UNITS)
    assert "元" in set(table["unit"]) and "人" not in set(table["unit"])
    assert "181,138,000,000" in table.loc["000:3", "value"].tolist()  # 1811.38亿元
    assert list(table.columns) == ["expression", "value", "unit", "approximate", "measures", "period"]


def annotation_rows(*rows):
    columns = ["item_id", "expression", "value", "unit", "measures", "period", "kind"]
    return pd.DataFrame([dict(zip(columns, row)) for row in rows], columns=columns)


def test_indicator_table_sets_each_quantity_beside_its_annotation():
    quantities = pd.DataFrame({
        "para_id": ["000:3", "000:3", "000:9", "000:9"],
        "expression": ["1811.38亿元", "5.5%", "2项", "2项"],
        "value": [181138000000, 5.5, 2, 2], "unit": ["元", "%", "项", "项"],
        "approximate": [False] * 4, "measures": ["地区生产总值为", "同比增长", "合作", "协议"],
        "period": ["2023年上半年", "2023年上半年", "", ""],
    })
    annotation = annotation_rows(
        ("000:3.1", "1811.38亿元", "181138000000", "元", "GDP", "2023 first half", "economy"),
        ("000:3.2", "", "", "", "", "", ""),                      # a sentence with no quantity
        ("000:9.1", "两项", "2", "项", "agreements", "", "integration"),  # only one of the two 2项
        ("000:9.2", "3个", "3", "个", "towns", "", "other"),      # not a unit of scale
        ("001:4.1", "7%", "7", "%", "growth", "2024", "economy"),  # missed by the extractor
    )
    table = events.indicator_table(quantities, annotation=annotation)
    assert table.index.tolist() == ["000:3", "000:3", "000:9", "000:9", "001:4"]
    assert table["read_by"].tolist() == ["both", "extractor", "both", "extractor", "annotation"]
    assert table["annotated measures"].tolist() == ["GDP", "", "agreements", "", "growth"]
    assert table["annotated period"].iloc[0] == "2023 first half"
    assert table.iloc[2]["measures"] == "合作"  # the first 2项 with the first annotated one
    missed = table.iloc[4]
    assert (missed["expression"], missed["value"], missed["measures"]) == ("7%", "7", "")
    assert list(table.columns)[:6] == ["expression", "value", "unit", "approximate", "measures", "period"]


def test_indicators_of_the_corpus_against_the_blind_annotation(derived):
    from policytext.validation.extractors import read_annotation
    from policytext.validation.tasks import task

    table = events.indicator_table(derived["quantities"], annotation=read_annotation(task("quantities")))
    assert (table["read_by"] == "both").all()
    # what a number counts is a reading: the annotation gives the bridge and the period
    bridge = table.loc["000:63"]
    assert "Bay Bridge" in bridge["annotated measures"] and bridge["period"] == ""
    tourists = table[table["expression"] == "393.37万人次"].iloc[0]
    assert tourists["period"] == "" and "first month" in tourists["annotated period"]


# --- documents without a publication date -------------------------------------------------------

def test_a_document_without_a_publication_date_keeps_its_dates():
    paragraphs = pd.DataFrame({"doc_id": "gwr_2024", "para_id": ["gwr_2024:1", "gwr_2024:2"], "para_no": ["1", "2"],
                               "text": ["2023年7月24日，代表团到深圳考察。同年10月，又举办培训班。",
                                        "今年以来，2021年以来，6月28日召开大会，全年培训干部300人次。"]})
    documents = pd.DataFrame({"doc_id": ["gwr_2024"], "date": [""], "date_provenance": [""]})
    found, quantities = events.build_event_tables(paragraphs, documents)
    read = dict(zip(found["expression"], zip(found["date_start"], found["date_end"], found["correction"])))
    assert read["2023年7月24日"] == ("2023-07-24", "2023-07-24", "")
    assert read["同年10月"][:2] == ("2023-10-01", "2023-10-31")  # the year of the date just named
    # no 'now' to close a since or to resolve 今年 or a yearless day: kept, open or unresolved
    assert read["2021年以来"] == ("2021-01-01", "", events.NO_PUBLICATION_DATE)
    assert read["今年以来"] == ("", "", events.NO_PUBLICATION_DATE)
    assert read["6月28日"] == ("", "", events.NO_PUBLICATION_DATE)
    assert len(events.dated_events(found)) == 2
    assert list(quantities["expression"]) == ["300人次"]  # its quantities are read too


def test_every_precision_and_correction_of_the_seeds_readings_has_a_name_for_the_book():
    from policytext import tables

    read = tables.load("events")
    assert set(read["precision"].dropna()) - {""} <= set(events.PRECISION_NAMES)
    codes = {code for joined in read["correction"].fillna("") for code in joined.split(";") if code}
    assert codes and codes <= set(events.CORRECTION_NAMES)
    assert (events.correction_names("rule_differs_from_jionlp;open_end_set_to_publication")
            == "the rule's reading differs from jionlp's; open end set to the publication date")
    assert events.correction_names("") == ""
