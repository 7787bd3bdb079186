"""Talent measures: the measure rule, instrument and stage coding, the
Shenzhen link, the scheme loader's errors and the derived tables, on the corpus's own sentences."""
from pathlib import Path

import pandas as pd
import pytest
import yaml

from policytext import tables
from policytext.analysis import talent
from policytext.paths import annotation_path
from policytext.pipeline import write_analysis

ROOT = Path(__file__).resolve().parents[2]
SCHEME = talent.load_scheme()


def read(sentence, kind="body"):
    return talent.read_sentence(sentence, SCHEME, kind)


def paragraphs(*rows):
    """A paragraphs table of ``(para_id, kind, text)`` rows."""
    return pd.DataFrame([{"para_id": p, "doc_id": p.split(":")[0], "kind": k, "text": t}
                         for p, k, t in rows], columns=["para_id", "doc_id", "kind", "text"])


# --- the measure rule and the codes --------------------------------------------------------

def test_training_for_talent_in_shenzhen_is_a_measure():
    reading = read("赴深圳举办人才和人才工作者培训班等。")  # 001:57
    assert reading.decision == talent.MEASURE
    assert reading.targets == {"talent": ["人才"]}
    assert reading.instruments == {"training": ["培训"]}
    assert reading.stages == {"train": ["培训"]}


def test_stipends_for_eligible_talent_are_funding_evaluation_and_retention():
    reading = read("符合条件的高层次人才还能获得市区工作津贴、生活补助等，都为我们更好地投入科研增添了动力。”")  # 001:14
    assert reading.decision == talent.MEASURE
    assert reading.instruments == {"funding_subsidies": ["津贴", "补助"]}
    assert reading.stages == {"evaluate": ["符合条件"], "retain": ["津贴", "补助"]}


def test_talent_flats_are_a_public_service_and_the_talent_harbour_a_platform():
    reading = read("2023年以来，中山持续优化人才创新创业生态，人才政策不断完善，中山国际人才港服务体系持续优化，"
                   "成立人才安居公司，推出首批313套拎包入住的市级人才房。")  # 001:18
    assert reading.instruments["public_services"] == ["安居", "拎包入住", "人才房"]
    assert reading.instruments["platforms_infrastructure"] == ["人才港"]
    assert reading.instruments["regulation"] == ["人才政策"]
    assert set(reading.stages) == {"use", "retain"}


def test_a_talent_group_is_demand_side_procurement_and_outsourcing():
    reading = read("深圳市人才集团有限公司是以猎头高端业务为引领、以公共服务业务为基础、以人力资源外包业务为主体，"
                   "覆盖人力资源服务全产业链的深圳城市HR和整体人才解决方案供应商。")  # 004:26
    assert reading.instruments["procurement_services"] == ["猎头", "人力资源服务", "人才解决方案"]
    assert reading.instruments["outsourcing"] == ["外包"]


def test_a_local_regulation_is_regulation_with_no_stage():
    reading = read("2024年1月，《中山市人才发展促进条例》正式实施。")  # 001:20
    assert reading.decision == talent.MEASURE
    assert reading.instruments == {"regulation": ["条例"]}
    assert reading.stages == {}


def test_shenzhen_teachers_are_flexible_use_of_outside_talent():
    reading = read("上半年，邀请深圳师资授课18次，培训干部1233人次。")  # 000:48
    assert reading.targets == {"cadre": ["干部"]}
    assert set(reading.instruments) == {"training", "exchange_flexible"}
    assert reading.instruments["exchange_flexible"] == ["深圳师资"]


# --- sentences that mention talent but state no measure ------------------------------------

@pytest.mark.parametrize("sentence, decision", [
    ("中山药创院作为科研院所，重点在于新药研发与应用研究，这决定了其对科研人才的需求度。", "no instrument"),  # 001:13
    ("良好的人才生态为扎根中山的企业、研究院所吸引人才带来诸多裨益。", "no instrument"),  # 001:15
    ("关键性的交通枢纽，形成人才、资金、产业、技术的集聚效应，最终实现对整个地区的辐射，"
     "这是湾区城市群发展的不变定律。", "no instrument"),  # 000:63
    ("肖冠喜相信，随着交通越来越便利，粤港澳三地优势可以互补，人才交流会更为顺畅，产业链之间的交流也越来越多，"
     "创新人才的聚集、友好交流会给产业的发展带来积极的推动力。", "not a measure: 相信"),  # 001:44
    ("图为学员到深圳湾科技生态展示中心学习。", "caption"),  # 000:6
])
def test_sentences_that_are_not_measures(sentence, decision):
    assert read(sentence).decision == decision


def test_a_heading_is_not_counted_as_a_measure():
    assert read("人才优待政策持续加码", kind="heading").decision == "not body"  # 001:7
    assert read("人才优待政策持续加码").decision == talent.MEASURE


def test_masks_hide_the_trigger_inside_a_longer_name():
    meeting = "4月18日，中山召开全市干部大会，传达学习习近平总书记视察广东重要讲话、重要指示精神。"  # 003:4
    assert read(meeting).decision == "no target"
    office = "市委组织部干部培训科负责人表示：“市委提出要学习深圳营商环境、产业政策和干部作风。"  # 001:54
    assert read(office).instruments == {}
    slogan = ("这次会议还达成了两项深中人才工作新合作，将开展全方位、多层次合作，加快搭建“深中人才通道”，"
              "更好推动两地实现“设施联通、贸易畅通、资金融通、服务互通”。")  # 001:42
    assert "finance" not in read(slogan).instruments


# --- the Shenzhen link and the tables --------------------------------------------------------

def test_shenzhen_link_from_the_sentence_or_its_paragraph():
    frame = paragraphs(
        ("000:45", "body", "2023年，中山市委组织部积极对接中山大学深圳校区、深圳改革开放干部学院等高校，重点围绕"
                           "“六个一体化”，安排16期“向深圳学习”系列专题培训班。目前，已举办6期培训班，培训市管干部338人。"),
        ("001:20", "body", "2024年1月，《中山市人才发展促进条例》正式实施。"),
    )
    sentences = talent.talent_sentences(frame, SCHEME)
    links = dict(zip(sentences["measure_id"], sentences["shenzhen_link"]))
    assert links == {"000:45.1": "sentence", "000:45.2": "paragraph", "001:20.1": "none"}
    assert sentences.set_index("measure_id").loc["000:45.2", "shenzhen_terms"] == "深圳"


def test_codes_table_has_one_row_per_measure_and_code_with_triggers():
    frame = paragraphs(("001:14", "body", "符合条件的高层次人才还能获得市区工作津贴、生活补助等。"),
                       ("001:13", "body", "这决定了其对科研人才的需求度。"))
    sentences, codes = talent.extract_measures(frame, SCHEME)
    assert list(sentences["decision"]) == ["no instrument", "measure"]  # sorted: 001:13 first
    assert list(zip(codes["scheme"], codes["code"], codes["triggers"])) == [
        ("instrument", "funding_subsidies", "津贴、补助"),
        ("stage", "evaluate", "符合条件"),
        ("stage", "retain", "津贴、补助")]
    assert set(codes["measure_id"]) == {"001:14.1"}


def test_matrix_counts_measures_with_both_codes():
    frame = paragraphs(("001:14", "body", "符合条件的高层次人才还能获得市区工作津贴、生活补助等。"),
                       ("001:57", "body", "赴深圳举办人才和人才工作者培训班等。"))
    _, codes = talent.extract_measures(frame, SCHEME)
    matrix = talent.instrument_stage_matrix(codes, SCHEME)
    assert matrix.loc["supply.funding_subsidies", "retain"] == 1
    assert matrix.loc["supply.funding_subsidies", "evaluate"] == 1
    assert matrix.loc["supply.training", "train"] == 1
    assert int(matrix.to_numpy().sum()) == 3
    assert list(matrix.columns) == list(talent.STAGES)
    comparison = talent.shenzhen_comparison(codes)
    assert comparison.loc["supply", "sentence"] == 1 and comparison.loc["supply", "none"] == 1
    assert comparison.loc["supply", "share_linked"] == 0.5
    assert comparison.loc["train", "sentence"] == 1 and comparison.loc["retain", "none"] == 1
    assert pd.isna(comparison.loc["demand", "share_linked"])


def test_measure_table_joins_the_codes():
    frame = paragraphs(("001:57", "body", "赴深圳举办人才和人才工作者培训班等。"))
    _, codes = talent.extract_measures(frame, SCHEME)
    row = talent.measure_table(codes).iloc[0]
    assert (row["measure_id"], row["instruments"], row["stages"], row["shenzhen_link"]) == (
        "001:57.1", "supply.training", "train", "sentence")


def test_short_text_keeps_short_sentences_and_cuts_long_ones():
    assert talent.short_text("2024年1月，《中山市人才发展促进条例》正式实施。", 30) == (
        "2024年1月，《中山市人才发展促进条例》正式实施")
    assert talent.short_text("加大产业人才引育力度，优化人才发展环境。", 8) == "加大产业人才引…"


def test_empty_paragraphs_give_empty_tables():
    sentences, codes = talent.extract_measures(paragraphs(), SCHEME)
    assert sentences.empty and codes.empty
    assert list(codes.columns) == list(talent.CODE_COLUMNS)


def test_talent_tables_are_deterministic(tmp_path):
    for name in ("paragraphs", "documents"):
        tables.save(tables.load(name), tmp_path / f"{name}.csv")
    first = [p.read_bytes() for p in write_analysis(tmp_path, only=["talent"])]
    second = [p.read_bytes() for p in write_analysis(tmp_path, only=["talent"])]
    assert first == second
    codes = tables.load("talent_measures", tmp_path)
    assert codes.loc[codes["measure_id"] == "001:20.1", "code"].tolist() == ["regulation"]


# --- the hand check ------------------------------------------------------------------------

def test_hand_codes_refer_to_corpus_sentences_and_compare_code_by_code():
    sentences, codes = talent.extract_measures(tables.load("paragraphs"), SCHEME)
    hand = talent.read_hand_codes(annotation_path("talent_hand_codes.csv"))
    assert set(hand["measure_id"]) <= set(sentences["measure_id"])
    comparison = talent.compare_with_hand_codes(codes, sentences, hand)
    # The real hand check (chapter 04 reports it): most codes agree, and both kinds of miss occur.
    assert comparison["verdict"].value_counts().to_dict() == {"agree": 61, "rules only": 8, "hand only": 4}
    wrong = hand.assign(sentence=hand["sentence"].where(hand.index > 0, "改过的句子。"))
    with pytest.raises(ValueError, match="is not the corpus sentence"):
        talent.compare_with_hand_codes(codes, sentences, wrong)


def test_compare_with_hand_codes_on_a_built_example():
    frame = paragraphs(("001:57", "body", "赴深圳举办人才和人才工作者培训班等。"))
    sentences, codes = talent.extract_measures(frame, SCHEME)
    hand = pd.DataFrame([{"measure_id": "001:57.1", "is_measure": "yes",
                          "instruments": "supply.training demand.exchange_flexible", "stages": "",
                          "sentence": "赴深圳举办人才和人才工作者培训班等。", "note": ""}])
    verdicts = talent.compare_with_hand_codes(codes, sentences, hand)
    assert list(zip(verdicts["code"], verdicts["verdict"])) == [
        ("measure", "agree"), ("demand.exchange_flexible", "hand only"),
        ("supply.training", "agree"), ("train", "rules only")]


# --- the scheme file -----------------------------------------------------------------------

def write_scheme(tmp_path, change):
    data = yaml.safe_load(talent.default_scheme_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "scheme.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_project_scheme_has_every_type_sub_type_and_stage():
    table = talent.scheme_table(SCHEME)
    assert set(table.loc[table["scheme"] == "instrument", "group"]) == set(talent.INSTRUMENT_TYPES)
    assert list(table.loc[table["scheme"] == "stage", "code"]) == list(talent.STAGES)
    assert (table["n_terms"] > 0).all()
    assert "培训 training" in table.set_index("code").loc["training", "terms"]


def test_missing_gloss_names_the_file_and_the_entry(tmp_path):
    def drop_gloss(data):
        del data["instruments"]["supply"]["sub_types"]["training"]["terms"][0]["gloss"]
    path = write_scheme(tmp_path, drop_gloss)
    with pytest.raises(talent.SchemeError) as error:
        talent.load_scheme(path)
    message = str(error.value)
    assert str(path) in message
    assert "instruments/supply/sub_types/training/terms/0" in message and "'gloss'" in message


def test_missing_stage_is_an_error(tmp_path):
    path = write_scheme(tmp_path, lambda data: data["stages"].pop("evaluate"))
    with pytest.raises(talent.SchemeError, match="'evaluate' is a required property"):
        talent.load_scheme(path)


def test_unknown_instrument_type_is_an_error(tmp_path):
    path = write_scheme(tmp_path, lambda data: data["instruments"].update(
        {"market": {"label": "x", "sub_types": {}}}))
    with pytest.raises(talent.SchemeError, match="instruments.*'market' was unexpected"):
        talent.load_scheme(path)


def test_repeated_term_and_mask_clash_are_errors(tmp_path):
    def repeat(data):
        terms = data["stages"]["train"]["terms"]
        terms.append(dict(terms[0]))
    with pytest.raises(talent.SchemeError, match="stage 'train' lists 培训 more than once"):
        talent.load_scheme(write_scheme(tmp_path, repeat))
    with pytest.raises(talent.SchemeError, match="masks repeat trigger terms: 培训"):
        talent.load_scheme(write_scheme(tmp_path, lambda data: data["masks"].append(
            {"term": "培训", "gloss": "training"})))


def test_unreadable_and_invalid_files_name_the_file(tmp_path):
    missing = tmp_path / "nowhere.yml"
    with pytest.raises(talent.SchemeError, match="nowhere.yml: cannot read"):
        talent.load_scheme(missing)
    broken = tmp_path / "broken.yml"
    broken.write_text("targets: [unclosed\n", encoding="utf-8")
    with pytest.raises(talent.SchemeError, match="broken.yml: not valid YAML"):
        talent.load_scheme(broken)
    empty = tmp_path / "empty.yml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(talent.SchemeError, match="empty.yml: top level"):
        talent.load_scheme(empty)


def test_instrument_type_labels_come_from_the_scheme_file():
    assert dict(SCHEME.type_labels) == {"supply": "Supply (供给型)", "environment": "Environment (环境型)",
                                        "demand": "Demand (需求型)"}
