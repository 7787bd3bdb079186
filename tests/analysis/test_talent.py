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


def read(sentence, kind="body", quotation=None):
    return talent.read_sentence(sentence, SCHEME, kind, quotation)


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
    # Read alone, the words of a measure; in its paragraph it is a testimonial (below).
    reading = read("符合条件的高层次人才还能获得市区工作津贴、生活补助等，都为我们更好地投入科研增添了动力。”")  # 001:14
    assert reading.decision == talent.MEASURE
    assert reading.instruments == {"funding_subsidies": ["津贴", "补助"]}
    assert reading.stages == {"evaluate": ["符合条件"], "retain": ["津贴", "补助"]}


def test_talent_flats_are_a_public_service_and_the_talent_harbour_a_platform():
    reading = read("2023年以来，中山持续优化人才创新创业生态，人才政策不断完善，中山国际人才港服务体系持续优化，"
                   "成立人才安居公司，推出首批313套拎包入住的市级人才房。")  # 001:18
    assert reading.instruments["public_services"] == ["安居", "拎包入住", "人才房"]
    assert reading.instruments["platforms_infrastructure"] == ["人才港"]
    assert "regulation" not in reading.instruments  # 人才政策不断完善 names policies in passing
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


# --- regulation: only a named or issued regulation (referee report 1; blind annotation) ---------

@pytest.mark.parametrize("sentence, codes", [
    # 001:8: mechanism reform is a strategic measure; 优化人才各项政策 names policies in passing
    ("中山市委组织部落实市委人才强市战略部署，围绕人才发展体制机制改革，持续优化人才各项政策。",
     {"goals_planning": ["人才强市", "战略部署", "优化人才"], "strategic_measures": ["体制机制"]}),
    # 001:33: a work plan is issued (goals and planning); 人才支持政策 is not a regulation
    ("早在2023年，中山就出台了《关于在翠亨新区马鞍岛建设中山国际人才岛的工作方案》，并推出中山国际人才岛人才"
     "支持政策，更好发挥中山国际人才岛吸引、承载高端人才的效用。",
     {"platforms_infrastructure": ["人才岛"], "goals_planning": ["工作方案"]}),
    # 001:21: mutual recognition is a strategic measure, services handled in either city a service
    ("深中通道开通前后，深中两地先后实现了公积金互认互通、医保享同城待遇，633项政务服务事项深中一网通办、"
     "“一件事一次办”，深中人才跨城就业、创业更加高效便捷，“跨市无感”日渐成为现实。",
     {"public_services": ["公积金", "医保", "通办"], "strategic_measures": ["互认"],
      "exchange_flexible": ["跨城就业"]}),
    # 001:10: 人才优待政策 is masked: neither regulation nor preferential treatment given
    ("位于中山国际人才岛上的中科中山药物创新研究院（下称“中山药创院”），是中山博士人才密度最高的地方之一，"
     "也是中山出台人才优待政策支持企业、科研院所的生动体现。", {"platforms_infrastructure": ["人才岛"]}),
])
def test_generic_policy_words_are_not_regulation(sentence, codes):
    assert read(sentence).instruments == codes


def test_policy_alignment_and_coordination_mechanism_are_strategic_measures():
    reading = read("专项行动进一步优化了深中人才工作联动机制，提出推动政务、人才服务事项深中两地通办，实现相关人才政策"
                   "对接、人才平台资源共享，推动在中山国际人才港总部设立专区，为相关高层次人才提供“一对一”全程尊享服务。")  # 001:41
    assert reading.instruments["strategic_measures"] == ["联动机制", "政策对接"]
    assert "regulation" not in reading.instruments


@pytest.mark.parametrize("sentence, regulation", [
    ("2024年1月，《中山市人才发展促进条例》正式实施。", ["条例"]),  # 001:20
    # invented (no 办法 or 规定 occurs in the seeds), after the guideline's example
    ("甲市出台人才安居办法，为高层次人才提供人才公寓。", ["办法"]),
    ("甲市人才按照《甲市高层次人才认定办法》申报。", ["办法"]),
    ("甲市印发关于人才引进的若干规定。", ["规定"]),
    ("甲市想办法为人才解决住房。", None),
    ("按规定为人才发放补贴。", None),
    ("出台多项措施，办法多样。", None),  # the document kind is in another clause
])
def test_regulation_is_a_named_or_issued_document(sentence, regulation):
    assert read(sentence).instruments.get("regulation") == regulation


# --- testimonials and calls are not measures ----------------------------------------------

def quoted(para_id):
    """The real paragraph ``para_id`` of the corpus as a one-row paragraphs table."""
    frame = tables.load("paragraphs")
    return frame[frame["para_id"] == para_id][["para_id", "doc_id", "kind", "text"]]


@pytest.mark.parametrize("para_id, speaker", [
    ("001:14", "陈铁根介绍"), ("001:27", "王芳说"), ("001:29", "肖冠喜认为"), ("001:12", "陈铁根表示"),
])
def test_beneficiaries_quoted_speech_is_a_testimonial(para_id, speaker):
    paragraph = quoted(para_id)
    quotations = talent.quoted_speech(paragraph["text"].iloc[0], SCHEME)
    assert quotations[0].speaker == speaker and not quotations[0].official
    sentences = talent.talent_sentences(paragraph, SCHEME)
    inside = sentences[sentences["sentence"].str.startswith("“") | ~sentences["sentence"].str.contains(speaker)]
    assert len(inside) and (inside["decision"] == "testimonial").all()
    assert talent.MEASURE not in set(sentences["decision"])


def test_quotation_of_an_office_reports_measures_and_slogans_are_not_speech():
    office = quoted("001:54")["text"].iloc[0]
    assert [(q.speaker, q.official) for q in talent.quoted_speech(office, SCHEME)] == [
        ("市委组织部干部培训科负责人表示", True)]
    slogan = ("这次会议还达成了两项深中人才工作新合作，将开展全方位、多层次合作，加快搭建“深中人才通道”，"
              "更好推动两地实现“设施联通、贸易畅通、资金融通、服务互通”。")  # 001:42
    assert talent.quoted_speech(slogan, SCHEME) == []
    quotation = talent.Quotation(0, 10, "市委组织部相关负责人表示", True)
    assert read("赴深圳举办人才和人才工作者培训班等。", quotation=quotation).decision == talent.MEASURE
    participant = quotation._replace(speaker="学员说", official=False)
    assert read("赴深圳举办人才和人才工作者培训班等。", quotation=participant).decision == "testimonial"


@pytest.mark.parametrize("sentence, decision", [
    ("必须通过组织培训和业务交流合作，努力营造争创一流的氛围，激励党员干部敢于同最强的比、向最高的赛，"
     "让争一流、创一流成为广大干部群众、企业家和各行各业的一种习惯、一种追求、一种风尚。", "call: 必须"),  # 000:59
    ("党的二十届三中全会指出，要深化人才发展体制机制改革。", "call: 要"),  # 001:8
    ("要创新人才招引、深化人才改革、完善人才服务，面向科研人才和用人企业提供全链条服务，"
     "促进人才价值向新质生产力转化。", "call: 要"),  # 002:4
    ("希望深圳人才集团在人才工作的制度、政策等方面提供有操作性的干货；", "call: 希望"),  # 004:27
    # 要求 reports a directive: a measure
    ("同时，要求各单位注重与深圳市对口单位业务交流，强化工作协作，牵引和带动各镇街本线口干部向深圳学习。",
     talent.MEASURE),  # 000:26
    # invented: a call beside an action done is a measure
    ("市委组织部已举办干部培训班3期，要进一步扩大覆盖面。", talent.MEASURE),
])
def test_calls_and_wishes_without_an_action_done_are_not_measures(sentence, decision):
    assert read(sentence).decision == decision


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
    # and as body text it names a policy, no instrument
    assert read("人才优待政策持续加码").decision == "no instrument"


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
    # the same link for every sentence, target or not (for the blind annotation's measures)
    every = talent.sentence_links(frame.assign(text=frame["text"] + "图为学员。"), SCHEME)
    assert dict(zip(every["item_id"], every["shenzhen_link"])) == {
        "000:45.1": "sentence", "000:45.2": "paragraph", "000:45.3": "paragraph",
        "001:20.1": "none", "001:20.2": "none"}


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
    assert set(codes.loc[codes["code"] == "regulation", "measure_id"]) == {"001:20.1"}
    testimonials = {"001:12.3", "001:14.2", "001:14.3", "001:27.1", "001:29.1"}
    assert not testimonials & set(codes["measure_id"])
    sentences = tables.load("talent_sentences", tmp_path).set_index("measure_id")
    assert (sentences.loc[sorted(testimonials), "decision"] == "testimonial").all()
    assert sentences.loc["004:27.3", "decision"] == "call: 希望"


# --- the hand check ------------------------------------------------------------------------

def test_hand_codes_refer_to_corpus_sentences_and_compare_code_by_code():
    sentences, codes = talent.extract_measures(tables.load("paragraphs"), SCHEME)
    hand = talent.read_hand_codes(annotation_path("talent_hand_codes.csv"))
    assert set(hand["measure_id"]) <= set(sentences["measure_id"])
    comparison = talent.compare_with_hand_codes(codes, sentences, hand)
    # The real hand check (chapter 04 reports it): most codes agree, and both kinds of miss occur;
    # the author's codes of 001:14.3 (a testimonial) and 001:18.1 (人才政策 as regulation) repeat
    # the errors of rules version 1, so they are now "hand only".
    assert comparison["verdict"].value_counts().to_dict() == {"agree": 56, "rules only": 8, "hand only": 9}
    hand_only = comparison[comparison["verdict"] == "hand only"]
    assert {"measure", "environment.regulation"} <= set(hand_only["code"])
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
    regulation = table.set_index("code").loc["regulation"]
    assert regulation["terms"].startswith("条例 regulations") and "《…办法》 or issued 办法" in regulation["terms"]
    assert regulation["n_terms"] == 4  # 条例 and three kinds of document


def test_missing_quotation_and_call_blocks_are_errors(tmp_path):
    path = write_scheme(tmp_path, lambda data: data.pop("quoted_speech"))
    with pytest.raises(talent.SchemeError, match="'quoted_speech' is a required property"):
        talent.load_scheme(path)
    path = write_scheme(tmp_path, lambda data: data["calls"].pop("done"))
    with pytest.raises(talent.SchemeError, match="calls: 'done' is a required property"):
        talent.load_scheme(path)


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


def test_shenzhen_tie_contrasts_read_three_ways_and_per_case():
    measures = pd.DataFrame({
        "measure_id": ["a:1.1", "a:2.1", "a:3.1", "b:1.1", "b:2.1", "c:1.1"],
        "para_id": ["a:1", "a:2", "a:3", "b:1", "b:2", "c:1"],
        "doc_id": ["a", "a", "a", "b", "b", "c"],
        "target": ["cadre", "cadre", "talent+cadre", "talent", "talent", "talent"],
        "shenzhen_link": ["paragraph", "sentence", "sentence", "none", "none", "sentence"],
    })
    contrasts = talent.shenzhen_tie_contrasts(measures, venue_only_ids=["a:2.1"], case_doc_ids=["a", "b"])
    assert set(contrasts) == {*talent.TIE_READINGS, *(f"{r}_in_case" for r in talent.TIE_READINGS)}
    # every tie: cadres 2/2, talent (with the both-target measure) 2/4
    assert contrasts["all"]["independent"][0] == pytest.approx(1 - 2 / 4)
    # the venue-only course untied: cadres 1/2
    assert contrasts["content"]["independent"][0] == pytest.approx(1 / 2 - 2 / 4)
    # the both-target measure with the cadres: 2/3 against 1/3
    assert contrasts["content_both_as_cadre"]["independent"][0] == pytest.approx(2 / 3 - 1 / 3)
    # the case leaves out document c, whose talent measure is tied: 2/3 against 0/2
    assert contrasts["content_both_as_cadre_in_case"]["independent"][0] == pytest.approx(2 / 3)


def test_blind_tie_contrasts_count_the_reading_s_measures_with_both_as_talent():
    annotation = pd.DataFrame({
        "is_measure": ["yes", "yes", "yes", "yes", "no"],
        "target": ["cadre", "cadre", "both", "talent", "cadre"],
    }, index=pd.Index(["a:1.1", "a:2.1", "b:1.1", "b:2.1", "c:1.1"], name="item_id"))
    links = pd.Series({"a:1.1": "sentence", "a:2.1": "paragraph", "b:1.1": "sentence", "c:1.1": "sentence"})
    contrasts = talent.blind_tie_contrasts(annotation, links, venue_only_ids=["a:2.1"])
    # b:2.1 has no link (not tied); the non-measure c:1.1 is left out
    assert contrasts["counts"] == {"cadre": (2, 2, 1), "talent": (2, 1, 1)}
    assert contrasts["all"]["independent"][0] == pytest.approx(1 - 1 / 2)
    assert contrasts["content"]["independent"][0] == pytest.approx(1 / 2 - 1 / 2)


def test_confirmed_measures_keep_the_sentences_the_annotation_reads_as_measures():
    measures = pd.DataFrame({"measure_id": ["a:1.1", "a:2.1", "b:1.1"], "target": ["cadre", "cadre", "talent"]})
    annotation = pd.DataFrame({"item_id": ["a:1.1", "a:2.1", "c:1.1"], "is_measure": ["yes", "no", "yes"]})
    assert talent.confirmed_measures(measures, annotation)["measure_id"].tolist() == ["a:1.1"]
