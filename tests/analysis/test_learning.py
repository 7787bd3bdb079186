"""Learner -> teacher edges, places and learning codes, on the corpus's own sentences
(quoted from data/derived/paragraphs.csv) and on small built inputs."""
import pandas as pd
import pytest

from policytext import tables
from policytext.analysis import learning
from policytext.pipeline import write_analysis
from policytext.text.gazetteer import Gazetteer, load_gazetteer
from policytext.validation.extractors import BLIND_ANNOTATIONS, read_annotation
from policytext.validation.tasks import task


@pytest.fixture(scope="module")
def places():
    return load_gazetteer()


def edges_of(sentence, home, places):
    return [(e.pattern, e.learner, e.learner_source, e.learner_place, e.teacher, e.teacher_place)
            for e in learning.sentence_edges(sentence, home, places)]


# --- places ---------------------------------------------------------------------------------

def test_university_named_after_sun_yat_sen_is_not_zhongshan(places):
    # 000:41
    text = "南区街道组织机关中层干部、社区及经联（济）社书记到中山大学（深圳分校区）开展南区街道2023年干部能力素质提升班。"
    names = [m.places[0].name for m in places.find(text)]
    assert names == ["南区街道", "中山大学深圳校区", "南区街道"]
    assert places.places["中山大学深圳校区"].city == "深圳"


def test_aliases_and_literary_names_normalise(places):
    assert places.city("深圳市") == "深圳"
    assert places.city("福城") == "郴州"
    assert places.city("羊城") == "广州"
    assert places.city("深圳改革开放学院") == "深圳"  # 001:72 drops 干部 from the name
    assert places.city("南山区") == "深圳"
    assert places.city("深港") == ""  # a pair abbreviation names two cities, not one


def test_home_city_is_first_city_of_title(places):
    documents = tables.load("documents").set_index("doc_id")
    homes = learning.home_cities(documents.reset_index(), places)
    assert homes == {"000": "中山", "001": "中山", "002": "中山", "003": "中山", "004": "郴州"}
    # 003's title names only the province (广东); the subtitle names the city
    assert learning.home_city([documents.at["003", "title"]], places) == ""


def test_built_gazetteer_matches_longest_form():
    frame = pd.DataFrame([
        {"name": "甲", "aliases": "甲市", "english": "Jia", "kind": "city", "city": ""},
        {"name": "甲大学", "aliases": "", "english": "Jia University", "kind": "institution",
         "city": "乙"},
        {"name": "乙", "aliases": "", "english": "Yi", "kind": "city", "city": ""},
    ])
    small = Gazetteer(frame)
    found = small.find("甲市和甲大学")
    assert [(m.start, m.end, m.places[0].name) for m in found] == [(0, 2, "甲"), (3, 6, "甲大学")]
    assert small.places["甲大学"].city == "乙"


# --- sentences ------------------------------------------------------------------------------

def test_in_quotes():
    text = "市委组织部邀请深圳干部举办7期“向深圳学习”线上专题培训"
    assert learning.in_quotes(text, text.index("向深圳"))
    assert not learning.in_quotes(text, text.index("深圳干部"))


# --- patterns on real sentences ---------------------------------------------------------------

#: (paragraph, sentence, home city, the one edge expected:
#:  pattern, learner, learner_source, learner_place, teacher, teacher_place)
ONE_EDGE = [
    # the subject 郭文海 is Zhongshan's party secretary; the city is not named
    ("000:15", "2022年8月10日，郭文海率党政代表团到深圳考察，与深圳等珠江口东岸城市探索营商环境、产业、交通基础设施、科技创新、社会治理、城市规划“六个一体化”，为大湾区一体化高质量发展破题探路。",
     "中山", ("visit", "中山", "implied", "", "深圳", "深圳")),
    # the town is the learner, the most specific part of the compound name the site
    ("000:28", "2023年2月23日，石岐街道组织党员干部到深圳市香蜜湖街道侨香社区党群服务中心交流学习。",
     "中山", ("visit", "中山", "explicit", "石岐街道", "深圳", "侨香社区")),
    ("004:26", "为进一步做好郴州的人才工作，刘志仁一行专题来到深圳市人才集团有限公司“取经”。",
     "郴州", ("visit", "郴州", "explicit", "郴州", "深圳", "深圳市人才集团")),
    # Shenzhen's mayor visits Zhongshan
    ("000:19", "2023年5月31日，深圳市市长覃伟中到中山考察交流。",
     "中山", ("visit", "深圳", "explicit", "深圳", "中山", "中山")),
    ("001:65", "7月底，中山市东区街道起湾社区党委与深圳市宝安区新安街道宝民社区党委开展共建交流活动，双方签订共建协议。",
     "中山", ("with", "中山", "explicit", "起湾社区", "深圳", "宝民社区")),
    # words between the place and the verb
    ("001:74", "中山市十分重视结对共建的实效，通过精准结对、党建联建、共建项目等方式，推动社区党组织向深圳社区党组织学习，实现发展进步。",
     "中山", ("toward", "中山", "explicit", "中山", "深圳", "深圳")),
    # 对标一流 and 学习一流 name no place: one edge only
    ("000:2", "近年来，深中两地融合发展步伐加快提速，中山更是抓住干部这个关键，通过多种形式推动各个层面以深圳为标杆，学习一流，对标一流、跟上一流，形成了干事创业浓厚氛围。",
     "中山", ("benchmark", "中山", "explicit", "中山", "深圳", "深圳")),
    ("001:53", "答案是对标深圳经验之所优。", "中山", ("benchmark", "中山", "implied", "", "深圳", "深圳")),
    # the nearest place before the pattern (中山), not the pilot zone named earlier
    ("000:5", "这既是奋力拼经济，建设广东省珠江口东西两岸融合互动发展改革创新实验区的具体行动，也是中山全面拥抱深圳、学习深圳的生动实践。",
     "中山", ("learn_from", "中山", "explicit", "中山", "深圳", "深圳")),
    # 福城 (Chenzhou) is the learner, 羊城 and 广州 the teacher
    ("004:2", "福城牵手羊城，学习广州的先进经验，主动融入粤港澳大湾区，成为了郴州当前的一项重要工作。",
     "郴州", ("learn_from", "郴州", "explicit", "郴州", "广州", "广州")),
    # 深圳市龙华区 is visited, so it cannot be the subject of 与中山…交流
    ("000:35", "中山市人力资源和社会保障局到深圳市龙华区公益职业介绍服务中心调研，与中山“粤菜师傅”工程推广门店和深圳行膳餐饮研究院开展交流，探索深中两地粤菜产业协同发展路径。",
     "中山", ("visit", "中山", "explicit", "中山", "深圳", "龙华区")),
    # 吸纳深圳企业到中山投资…洽谈交流 is investment, not a visit to learn
    ("000:34", "中山市工业和信息化局联合相关镇街多次到深圳相关部门调研交流，就开展中山深圳产业园区合作、吸纳深圳企业到中山投资、园区开发建设运营管理、扶持制造业数字化转型等方面的工作进行洽谈交流。",
     "中山", ("visit", "中山", "explicit", "中山", "深圳", "深圳")),
]


@pytest.mark.parametrize("para_id, sentence, home, expected", ONE_EDGE, ids=[c[0] for c in ONE_EDGE])
def test_real_sentence_gives_one_edge(places, para_id, sentence, home, expected):
    assert edges_of(sentence, home, places) == [expected]


def test_host_pattern_reads_every_district_of_a_list(places):
    # 000:46
    sentence = "在谋划培训选点方面，除与相关培训机构达成合作意向外，中山还在南山区、福田区、龙岗区、光明区、坪山区等多地开展实践教学，力求让学员感受深圳市各区不同经济社会文化环境。"
    found = edges_of(sentence, "中山", places)
    assert {e[0] for e in found} == {"host"}
    assert [e[5] for e in found] == ["南山区", "福田区", "龙岗区", "光明区", "坪山区"]
    assert {e[4] for e in found} == {"深圳"}


def test_epithet_of_shenzhen_is_a_teacher(places):
    # 000:60
    sentence = "接下来和今后一个时期，中山全市各级党组织将充分发挥政治功能和组织功能，坚持“全面向深圳学习”不动摇，持续组织各层面干部到中国特色社会主义先行示范区学习培训、上门“取经”，推动中山方方面面工作对标一流、跟上一流，为中山高质量发展提供坚强基层组织保障和干部人才支撑。"
    found = learning.sentence_edges(sentence, "中山", places)
    assert [(e.pattern, e.teacher, e.teacher_place) for e in found] == [
        ("toward", "深圳", "深圳"), ("visit", "深圳", "深圳")]
    assert found[1].match == "到中国特色社会主义先行示范区学习"


# --- negative cases -------------------------------------------------------------------------

def test_political_study_is_not_learning_from_a_city(places):
    # 002:5: 学习贯彻…精神 and a provincial secretary's inspection of 中山 (调研中山)
    sentence = "局党组书记、局长林伟强在发言时表示，市工业和信息化局要深入学习贯彻党的二十届三中全会精神和习近平总书记关于新质生产力的重要论述精神，贯彻落实省委书记黄坤明调研中山指示要求和全市干部大会部署要求，坚持问题导向，全面深化改革创新，加快健全制造业当家体制机制，因地制宜发展新质生产力，推动中山工业经济高质量发展。"
    assert edges_of(sentence, "中山", places) == []
    # 003:1 (title)
    assert edges_of("全市传达学习贯彻习近平总书记视察广东重要讲话重要指示精神干部大会召开", "中山", places) == []
    # built: a city right after 学习贯彻 is still political study
    assert edges_of("各单位要学习贯彻深圳市委全会精神。", "中山", places) == []


def test_visits_to_the_home_city_by_unnamed_visitors_are_dropped(places):
    # 000:65: the visitors are associations; 广东 (a province) cannot be a learner
    sentence = "广东省粤港澳大湾区产业协同发展联合会和深商总会考察团到中山考察，近30名来自大湾区“9+2”城市的企业家组团到中山寻找商机。"
    assert edges_of(sentence, "中山", places) == []


def test_got_to_is_not_go_to(places):
    # 000:32 ends 均得到深圳方面积极回应和支持 (received Shenzhen's support)
    assert edges_of("均得到深圳方面积极回应和支持交流。", "中山", places) == []


# --- tables ---------------------------------------------------------------------------------

def built_paragraphs():
    return pd.DataFrame({
        "para_id": ["900:1", "900:2", "901:1"],
        "doc_id": ["900", "900", "901"],
        "text": ["中山组织干部到深圳考察学习，学习深圳营商环境。又向深圳学习。",
                 "“向深圳学习”专题培训班开班。",
                 "郴州赴广州考察。天气很好。"],
    })


def test_paragraph_edges_flag_quoted_slogans(places):
    edges = learning.learning_edges(built_paragraphs(), {"900": "中山", "901": "郴州"}, places)
    assert list(edges.columns) == list(learning.EDGE_COLUMNS)
    assert list(zip(edges["para_id"], edges["sentence_no"], edges["pattern"], edges["quoted"])) == [
        ("900:1", 1, "visit", False), ("900:1", 1, "learn_from", False),
        ("900:1", 2, "toward", False), ("900:2", 1, "toward", True), ("901:1", 1, "visit", False)]


def test_weights_count_sentences_not_matches(places):
    edges = learning.learning_edges(built_paragraphs(), {"900": "中山", "901": "郴州"}, places)
    weights = learning.edge_weights(edges)
    assert weights.to_dict("records") == [
        {"learner": "中山", "teacher": "深圳", "sentences": 3},
        {"learner": "郴州", "teacher": "广州", "sentences": 1}]
    graph = learning.learning_graph(edges, places)
    assert graph.edges["中山", "深圳"]["weight"] == 3
    assert graph.nodes["郴州"]["english"] == "Chenzhou"


def test_case_summary_and_code_shares(places):
    paragraphs = built_paragraphs()
    edges = learning.learning_edges(paragraphs, {"900": "中山", "901": "郴州"}, places)
    codebook = learning.read_codes()
    codes = learning.learning_codes(paragraphs, learning.CodeBook(codebook), edges)
    cases = {"Z": ["900"], "C": ["901"]}
    summary = learning.case_summary(paragraphs, edges, cases)
    assert summary.at["sentences", "Z"] == 3 and summary.at["sentences", "C"] == 2
    assert summary.at["sentences with an edge", "Z"] == 3
    assert summary.at["… per 100 sentences", "C"] == 50.0
    assert summary.at["edges in quotes (slogans, speech)", "Z"] == 1
    assert summary.at["teacher cities (sentences)", "C"] == "广州 1"
    modes = learning.code_shares(codes, paragraphs, edges, cases, "mode", codebook)
    # 考察 in 1 of Z's 3 learning sentences; 培训班 in the quoted one
    assert modes.at["study_tour", "label"] == "考察 (study tours and visits)"
    assert modes.at["study_tour", "Z"] == 33.3 and modes.at["study_tour", "C"] == 100.0
    assert modes.at["training_course", "Z"] == 33.3
    objects = learning.code_shares(codes, paragraphs, edges, cases, "object", codebook, within="all")
    assert objects.at["business_environment", "Z"] == 33.3
    with pytest.raises(ValueError):
        learning.code_shares(codes, paragraphs, edges, cases, "object", codebook, within="some")


def test_learning_tables_are_deterministic(tmp_path):
    documents = pd.DataFrame({"doc_id": ["900"], "status": ["ok"], "duplicate_of": [""],
                              "title": ["中山“向深圳学习”"], "subtitle": [""]})
    paragraphs = built_paragraphs().iloc[:2]
    tables.save(documents, tmp_path / "documents.csv")
    tables.save(paragraphs, tmp_path / "paragraphs.csv")
    first = [p.read_bytes() for p in write_analysis(tmp_path, only=["learning"])]
    second = [p.read_bytes() for p in write_analysis(tmp_path, only=["learning"])]
    assert first == second
    written = tables.load("learning_edges", tmp_path)
    assert set(written["learner"]) == {"中山"} and len(written) == 4


# --- codes ----------------------------------------------------------------------------------

def test_code_list_is_well_formed():
    codes = learning.read_codes()
    assert set(codes["dimension"]) == {"learner", "mode", "object"}
    assert not codes.duplicated(["dimension", "term"]).any()
    assert (codes["label"] != "").all() and (codes["gloss"] != "").all()
    for code in ["cadres", "towns_streets", "departments", "party_organisations"]:
        assert code in set(codes["code"])
    assert {"跟班学习", "挂职"} <= set(codes.loc[codes["code"] == "shadow_posting", "term"])


def test_codes_match_longest_term():
    codebook = learning.CodeBook(learning.read_codes())
    # 000:49
    found = codebook.find("各单位各镇街党组（党委）全面履行主体责任，加强干部专业训练和实践锻炼，积极组织党员干部到深圳学习培训。")
    learners = [(code, term) for dim, code, term in found if dim == "learner"]
    assert ("cadres", "党员干部") in learners and ("cadres", "干部") in learners
    assert learners.count(("cadres", "干部")) == 1  # 党员干部 is not counted again as 干部
    assert ("training_course", "学习培训") in [(c, t) for d, c, t in found if d == "mode"]


def test_corpus_has_no_shadow_postings():
    # a real finding the chapter reports: no 跟班学习 or 挂职 in these articles
    paragraphs = tables.load("paragraphs")
    assert not paragraphs["text"].str.contains("跟班|挂职").any()


# --- cases ----------------------------------------------------------------------------------

def test_case_file_names_cities_of_the_gazetteer(places):
    cases = learning.read_cases()
    assert list(cases.columns[:2]) == ["learner", "model"] and len(cases) > 0
    for city in [*cases["learner"], *cases["model"]]:
        assert places.places[city].kind == "city"


def test_case_documents_are_the_chapters_cases(places):
    cases = learning.case_documents(tables.load("documents"), places)
    assert cases == {"Zhongshan's articles": ["000", "001", "002", "003"],
                     "Chenzhou's article": ["004"]}
    assert list(cases) == ["Zhongshan's articles", "Chenzhou's article"]  # the file's order


def test_case_documents_leave_out_other_cities_and_unread_documents(places):
    documents = pd.DataFrame({
        "doc_id": ["905", "901", "902", "903", "904"],
        "status": ["ok", "ok", "ok", "ok", "empty"],
        "title": ["中山向深圳学习", "中山干部大会", "广州考察", "全省大会", "中山简讯"],
        "subtitle": ["", "", "", "", ""],
    })
    cases = pd.DataFrame({"learner": ["中山", "郴州"], "model": ["深圳", "广州"]})
    # 902 is Guangzhou's, 903 names no city, 904 was not read; Chenzhou has no article here
    assert learning.case_documents(documents, places, cases) == {
        "Zhongshan's articles": ["901", "905"], "Chenzhou's articles": []}


def test_case_city_missing_from_the_gazetteer_is_an_error(places):
    documents = tables.load("documents")
    cases = pd.DataFrame({"learner": ["中山"], "model": ["雄安"]})
    with pytest.raises(ValueError, match="雄安"):
        learning.case_documents(documents, places, cases)


def test_case_file_is_checked(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("learner,model\n中山,深圳\n中山,广州\n", encoding="utf-8")
    with pytest.raises(ValueError, match="more than one case"):
        learning.read_cases(path)
    path.write_text("learner,teacher\n中山,深圳\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        learning.read_cases(path)
    path.write_text("learner,model\n中山,深圳\n郴州,广州\n佛山,广州\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cases.csv: the book compares 2 cases.*has 3"):
        learning.read_cases(path)
    path.write_text("learner,model\n中山,深圳\n郴州,广州\n", encoding="utf-8")
    assert learning.read_cases(path)["learner"].tolist() == ["中山", "郴州"]


# --- what an edge says: every learner, the mode, venue-only courses, labels -------------------

def edge_row(para_id, sentence_no, teacher_place=None):
    edges = tables.load("learning_edges")
    found = edges[(edges["para_id"] == para_id) & (edges["sentence_no"] == sentence_no)]
    if teacher_place is not None:
        found = found[found["teacher_place"] == teacher_place]
    assert len(found) >= 1
    return found.iloc[0]


def test_a_sentence_naming_eight_towns_gives_eight_learners():
    # 000:40 lists eight towns and streets that exchange with Shenzhen's departments
    row = edge_row("000:40", 1)
    assert row["learner_places"].split("|") == ["石岐街道", "西区街道", "南区街道", "沙溪镇", "古镇镇",
                                                 "神湾镇", "阜沙镇", "港口镇"]
    assert row["learner_place"] == "港口镇"  # the nearest, as before


def test_the_new_area_and_the_street_both_learn():
    # 000:53: 翠亨新区党工委组织新区和南朗街道50多名干部到……
    assert edge_row("000:53", 1)["learner_places"].split("|") == ["翠亨新区", "南朗街道"]


def test_learners_are_all_in_one_city(places):
    # 郴州 is named before the learners but is not in their city
    edge = learning.sentence_edges("郴州、石岐街道和南区街道组织干部到深圳考察学习。", "中山", places)[0]
    assert edge.learner == "中山" and edge.learner_places == ("石岐街道", "南区街道")


def test_a_doctrine_course_at_a_shenzhen_venue_is_venue_only():
    # the referee's example: 000:57, sentence 4
    row = edge_row("000:57", 4)
    assert "学习贯彻党的二十大精神专题培训" in row["sentence"]
    assert row["mode"] == "course" and row["venue_only"]


def test_courses_named_for_learning_from_shenzhen_and_study_tours_are_not_venue_only():
    row = edge_row("000:57", 1)  # 举办“向深圳学习”专题履职能力培训班
    assert row["mode"] == "course" and not row["venue_only"]
    row = edge_row("000:28", 1)  # 到深圳市……交流学习: a visit, not a course
    assert row["mode"] == "visit" and not row["venue_only"]


def test_modes_follow_the_patterns(places):
    def modes(sentence):
        return [e.mode for e in learning.sentence_edges(sentence, "中山", places)]
    assert modes("组织干部到深圳考察学习。") == ["visit"]
    assert modes("组织干部到深圳开展专题培训。") == ["course"]
    assert modes("与深圳市福田区结对共建。") == ["pairing"]
    assert modes("以深圳为标杆。") == ["benchmark"]
    assert learning.is_venue_only("course", "到深圳开展党史学习教育专题培训。")
    assert not learning.is_venue_only("course", "到深圳开展专题培训，学习深圳营商环境改革经验。")
    assert not learning.is_venue_only("visit", "到深圳参观。")


def test_titles_headings_and_slogans_are_labels_narrative_quoting_a_name_is_not(places):
    paragraphs = pd.DataFrame({"para_id": ["900:1", "900:2", "900:3", "900:4"], "doc_id": ["900"] * 4,
                               "kind": ["title", "body", "body", "body"],
                               "text": ["中山向深圳学习", "“全面向深圳学习。”", "组织干部开展“向深圳学习”专题培训。",
                                        "中山干部到深圳考察。"]})
    edges = learning.learning_edges(paragraphs, {"900": "中山"}, places)
    assert list(edges["text_kind"]) == ["label", "label", "narrative", "narrative"]
    assert list(edges["quoted"]) == [False, True, True, False]


def test_topics_are_the_object_codes_of_the_sentence(places):
    paragraphs = built_paragraphs()
    edges = learning.learning_edges(paragraphs, {"900": "中山", "901": "郴州"}, places,
                                    learning.CodeBook(learning.read_codes()))
    first = edges[(edges["para_id"] == "900:1") & (edges["sentence_no"] == 1)]
    assert set(first["topic"]) == {"business_environment"}  # 学习深圳营商环境
    assert set(edges.loc[edges["para_id"] == "901:1", "topic"]) == {""}


# --- summaries: labels, venue-only courses, per document, learners, topics -------------------

def built_edge(para_id, sentence_no, mode="visit", text_kind="narrative", venue_only=False,
               learner="中山", learner_places="", topic="", teacher="深圳", learner_source="implied"):
    return {"para_id": para_id, "doc_id": para_id.split(":")[0], "sentence_no": sentence_no,
            "pattern": "visit", "mode": mode, "learner": learner, "learner_source": learner_source,
            "learner_place": learner_places.split("|")[-1], "learner_places": learner_places,
            "teacher": teacher, "teacher_place": teacher, "venue_only": venue_only, "topic": topic,
            "quoted": False, "text_kind": text_kind, "match": "", "sentence": ""}


def built_corpus():
    """Document 910 carries three of four edges in 4 sentences; 911 one edge in 4; 912 none in 2."""
    paragraphs = pd.DataFrame({
        "para_id": ["910:1", "910:2", "911:1", "912:1"],
        "doc_id": ["910", "910", "911", "912"],
        "kind": ["title", "body", "body", "body"],
        "text": ["甲。", "乙。丙。丁。", "戊。己。庚。辛。", "壬。癸。"],
    })
    edges = pd.DataFrame([
        built_edge("910:1", 1, mode="call", text_kind="label"),
        built_edge("910:2", 1, mode="course", venue_only=True),
        built_edge("910:2", 2, mode="visit", topic="industrial_policy|talent_work"),
        built_edge("911:1", 3, mode="pairing"),
    ], columns=list(learning.EDGE_COLUMNS))
    return paragraphs, edges


def test_case_summary_counts_labels_and_venue_only_courses_apart():
    paragraphs, edges = built_corpus()
    summary = learning.case_summary(paragraphs, edges, {"all": ["910", "911", "912"]})["all"]
    assert summary["sentences"] == 10 and summary["sentences with an edge"] == 4
    assert summary["… per 100 sentences"] == 40.0
    # the title's call and the venue-only course leave two narrative sentences
    assert summary["narrative sentences with an edge, venue-only courses excluded"] == 2
    assert summary["… per 100 sentences (strict)"] == 20.0
    assert summary["label sentences with an edge (titles, headings, slogans)"] == 1
    assert summary["edges"] == 4 and summary["edges, venue-only courses excluded"] == 3
    assert summary["venue-only course edges"] == 1
    assert summary["strict sentences, mode: course"] == 0
    assert summary["strict sentences, mode: visit"] == 1 and summary["strict sentences, mode: call"] == 0
    assert "sentences annotated as learning" not in summary.index  # no annotation given


def test_document_summary_shows_each_document_beside_the_pooled_rate():
    paragraphs, edges = built_corpus()
    table = learning.document_summary(paragraphs, edges)
    assert list(table.columns) == ["910", "911", "912", learning.POOLED]
    assert list(table.loc["… per 100 sentences"]) == [75.0, 25.0, 0.0, 40.0]
    assert list(table.loc["share of all edges (%)"]) == [75.0, 25.0, 0.0, 100.0]
    assert list(table.loc["venue-only course edges"]) == [1, 0, 0, 1]
    assert list(table.index) == [row for row in learning.DOCUMENT_ROWS
                                 if not row.startswith(("sentences annotated", "… per 100 sentences (annotation)",
                                                        "… per 100 sentences (second annotation)", "recall"))]


def test_document_summary_reads_a_second_annotation_where_it_covers_the_documents():
    paragraphs, edges = built_corpus()
    # learning in 910:1.1 (an edge) and 910:2.3 (none), in 911:1.2 (none); 912 not annotated
    second = pd.DataFrame({"item_id": ["910:1.1", "910:2.3", "911:1.1", "911:1.2"],
                           "relation": ["yes", "yes", "no", "yes"]})
    assert learning.annotated_learning(edges, second, ["910"]) == (2, 1)
    assert learning.annotated_learning(edges, second, ["912"]) is None
    table = learning.document_summary(paragraphs, edges, second=second)
    rates = table.loc["… per 100 sentences (second annotation)"]
    assert list(rates[["910", "911", learning.POOLED]]) == [50.0, 25.0, 30.0] and pd.isna(rates["912"])
    recall = table.loc["recall, second annotation (95% CI)"]
    assert recall["910"].startswith("0.50 (") and recall["911"].startswith("0.00 (") and recall["912"] == "–"


def test_document_summary_adds_the_annotation_and_the_recall():
    paragraphs, edges = built_corpus()
    # the annotation rejects 910:1.1 and finds two sentences the extractor missed, one per
    # document; it reads 912 and finds no learning there
    annotation = pd.DataFrame({
        "item_id": ["910:1.1", "910:2.1", "910:2.2", "910:2.3", "911:1.1", "911:1.3", "912:1.1"],
        "relation": ["no", "yes", "yes", "yes", "yes", "yes", "no"]})
    table = learning.document_summary(paragraphs, edges, annotation)
    assert list(table.loc["sentences annotated as learning"]) == [3, 2, 0, 5]
    assert list(table.loc["… per 100 sentences (annotation)"]) == [75.0, 50.0, 0.0, 50.0]
    recall = table.loc["recall of the annotated sentences (95% CI)"]
    assert recall["910"].startswith("0.67 (") and recall["911"].startswith("0.50 (")
    assert recall["912"] == "–"  # nothing annotated, no rate
    assert recall[learning.POOLED].startswith("0.60 (")
    # an annotation of other articles says nothing of these: no count, no rate, no recall
    elsewhere = learning.document_summary(paragraphs, edges, annotation.assign(item_id="999:1.1"))
    assert elsewhere.loc["sentences annotated as learning"].isna().all()
    assert (elsewhere.loc["recall of the annotated sentences (95% CI)"] == "–").all()


def test_learner_place_weights_count_every_place_but_the_city():
    edges = pd.DataFrame([
        built_edge("920:1", 1, learner_places="甲镇|乙镇|丙街道", learner_source="explicit"),
        built_edge("920:1", 1, learner_places="甲镇|乙镇|丙街道", learner_source="explicit"),  # same sentence
        built_edge("920:2", 1, learner_places="中山|甲镇", learner_source="explicit"),
        built_edge("920:3", 1, learner_places="中山", learner_source="explicit"),
        built_edge("920:4", 1),  # implied learner: no place
    ], columns=list(learning.EDGE_COLUMNS))
    table = learning.learner_place_weights(edges)
    assert table.to_dict("records") == [
        {"learner_place": "甲镇", "sentences": 2, "paragraphs": "920:1, 920:2"},
        {"learner_place": "丙街道", "sentences": 1, "paragraphs": "920:1"},
        {"learner_place": "乙镇", "sentences": 1, "paragraphs": "920:1"}]


def test_learner_places_named_blind_count_sentences_where_a_reading_names_the_place():
    edges = pd.DataFrame([
        built_edge("920:1", 1, learner_places="甲镇|乙镇", learner_source="explicit"),
        built_edge("920:2", 1, learner_places="甲镇", learner_source="explicit"),
        built_edge("920:3", 2, learner_places="丙新区", learner_source="explicit"),
    ], columns=list(learning.EDGE_COLUMNS))
    annotation = pd.DataFrame({
        "item_id": ["920:1.1", "920:1.1", "920:2.1", "920:3.1", "920:3.2"],
        "learners": ["甲镇", "乙镇党委", None, "丙新区", ""],  # a unit of 乙镇; 丙新区 in another sentence
    })
    named = learning.learner_places_named_blind(edges, annotation)
    assert named.to_dict() == {"丙新区": 0, "乙镇": 1, "甲镇": 1}


def test_learner_places_named_blind_on_the_corpus_leave_the_pilot_zone_unnamed():
    edges = tables.load("learning_edges")
    for file_name in BLIND_ANNOTATIONS.values():
        named = learning.learner_places_named_blind(edges, read_annotation(task("learning"), file_name))
        assert named["改革创新实验区"] == 0 and named["三乡镇"] == 1


def test_learner_place_weights_on_the_corpus_keep_every_town():
    table = learning.learner_place_weights(tables.load("learning_edges")).set_index("learner_place")
    for town in ["石岐街道", "西区街道", "南区街道", "沙溪镇", "古镇镇", "神湾镇", "阜沙镇", "港口镇"]:
        assert "000:40" in table.at[town, "paragraphs"]
    assert "000:53" in table.at["翠亨新区", "paragraphs"]
    assert "中山" not in table.index and "深圳" not in table.index


def test_topics_by_mode_count_strict_sentences():
    paragraphs, edges = built_corpus()
    codebook = learning.read_codes()
    table = learning.topics_by_mode(edges, codebook)
    assert list(table.columns) == ["label", *learning.MODES]
    assert table.at["sentences", "visit"] == 1 and table.at["sentences", "pairing"] == 1
    assert table.at["sentences", "course"] == 0 and table.at["sentences", "call"] == 0  # venue-only, label
    assert table.at["industrial_policy", "visit"] == 1 and table.at["talent_work", "visit"] == 1
    assert table.at["industrial_policy", "label"].startswith("产业政策 (")
    assert table.at[learning.NO_TOPIC, "pairing"] == 1 and table.at[learning.NO_TOPIC, "visit"] == 0


# --- learners from the paragraph: captions and continuations; joint delegations --------------

def paragraph_learners(text, home, places):
    """(sentence_no, learner, learner_source, learner_place, learner_places, teacher_place) of
    every edge of a built one-paragraph corpus."""
    paragraphs = pd.DataFrame({"para_id": ["930:1"], "doc_id": ["930"], "kind": ["body"],
                               "text": [text]})
    edges = learning.learning_edges(paragraphs, {"930": home}, places)
    return list(zip(edges["sentence_no"], edges["learner"], edges["learner_source"],
                    edges["learner_place"], edges["learner_places"], edges["teacher_place"]))


def test_a_caption_after_a_towns_course_takes_the_town(places):
    # as 000:6: the caption names no learner; the sentence before says whose course it is
    found = paragraph_learners("2023年7月，三乡镇组织干部到深圳开展专题培训班。"
                               "图为学员到南山区参观学习。", "中山", places)
    assert found == [(1, "中山", "explicit", "三乡镇", "三乡镇", "深圳"),
                     (2, "中山", "context", "三乡镇", "三乡镇", "南山区")]


def test_the_town_carries_over_sentences_that_name_only_the_model_city(places):
    # as 000:54: the middle sentence names only Shenzhen's places, so it does not say who acts
    found = paragraph_learners("东凤镇党委组织干部到深圳市开展研修班。比如，组织干部到福田区现场教学。"
                               "图为干部到南山区参观学习。", "中山", places)
    assert [(n, source, place) for n, _, source, place, _, _ in found] == [
        (1, "explicit", "东凤镇"), (2, "context", "东凤镇"), (3, "context", "东凤镇")]


def test_a_subject_clause_naming_several_towns_gives_them_all(places):
    found = paragraph_learners("石岐街道、南区街道组织干部到深圳考察。图为干部到南山区参观学习。",
                               "中山", places)
    assert found[-1] == (2, "中山", "context", "南区街道", "石岐街道|南区街道", "南山区")


def test_without_an_earlier_town_the_learner_stays_the_implied_city(places):
    # no place at all before the caption
    assert paragraph_learners("会议强调要加强干部培训。图为学员到南山区参观学习。", "中山", places) == [
        (2, "中山", "implied", "", "", "南山区")]
    # the city itself acts in the sentence before: no town to take
    assert paragraph_learners("中山市委组织部组织干部到深圳考察。图为学员到南山区参观学习。",
                              "中山", places)[-1] == (2, "中山", "implied", "", "", "南山区")
    # a later sentence naming the city itself is nearer than the town's
    assert paragraph_learners("三乡镇组织干部到深圳考察。随后，中山市组织部门召开会议。"
                              "图为学员到南山区参观学习。", "中山", places)[-1] == (
        3, "中山", "implied", "", "", "南山区")
    # a place of the city named as an object, not as who acts (as 004:16.4)
    assert paragraph_learners("我们要用好自贸试验区郴州片区建设等机遇。要学习广州的经验。",
                              "郴州", places) == [(2, "郴州", "implied", "", "", "广州")]


def test_a_town_visited_is_not_carried_over(places):
    # Shenzhen's officials visit the town: the town is a site, not who acts next
    found = paragraph_learners("深圳市住房和建设局到三乡镇调研。图为学员到南山区参观学习。", "中山", places)
    assert found[-1] == (2, "中山", "implied", "", "", "南山区")


def test_the_learner_of_the_context_does_not_cross_paragraphs(places):
    paragraphs = pd.DataFrame({"para_id": ["931:1", "931:2"], "doc_id": ["931"] * 2,
                               "kind": ["body"] * 2,
                               "text": ["三乡镇组织干部到深圳开展专题培训班。", "图为学员到南山区参观学习。"]})
    edges = learning.learning_edges(paragraphs, {"931": "中山"}, places)
    assert list(edges["learner_source"]) == ["explicit", "implied"]
    assert list(edges["learner_places"]) == ["三乡镇", ""]


def test_context_places_tell_who_acts(places):
    def names(sentence, home="中山"):
        found = learning.context_places(sentence, home, places)
        return None if found is None else [p.name for p in found]
    assert names("2023年1月至2月，东凤镇组织开展干部研修班。") == ["东凤镇"]
    assert names("翠亨新区党工委组织新区和南朗街道干部到深圳学习。") == ["南朗街道", "翠亨新区"]
    assert names("中山市委组织部组织干部到深圳学习。") == []
    assert names("图为学员到南山区参观学习。") is None  # names no place of Zhongshan
    assert names("我们要用好自贸试验区郴州片区建设等机遇。", "郴州") == []
    assert names("三乡镇组织干部到深圳学习。", "") is None  # no home city, no context


def test_a_joint_delegation_lists_each_of_its_places(places):
    # as 000:32: the places joined with 与…组成…考察团 travel with the subject; none is visited
    edges = learning.sentence_edges(
        "中山市委组织部与翠亨新区、石岐街道组成联合考察团到深圳学习。", "中山", places)
    assert [(e.learner, e.learner_source, e.learner_place, e.learner_places, e.teacher_place)
            for e in edges] == [("中山", "explicit", "石岐街道", ("中山", "翠亨新区", "石岐街道"), "深圳")]


def test_the_housing_delegation_of_000_32_keeps_the_new_area_as_learner(places):
    sentence = ("中山市委组织部组建专题参访团赴深圳与香港中文大学（深圳）开展工作对接，与市住建局、翠亨新区、"
                "翠亨集团组成联合考察团到深圳学习对接保障性住房、高端人才社区建设和人才集团相关工作，"
                "均得到深圳方面积极回应和支持。")
    edges = learning.sentence_edges(sentence, "中山", places)
    assert [(e.match, e.teacher_place, e.learner_places) for e in edges] == [
        ("赴深圳与香港中文大学（深圳）开展工作对接，与市住建局、翠亨新区、翠亨集团组成联合考察", "深圳", ("中山",)),
        ("赴深圳与香港中文大学（深圳）开展工作对接，与市住建局、翠亨新区、翠亨集团组成联合考察",
         "香港中文大学（深圳）", ("中山",)),
        ("到深圳学习", "深圳", ("中山", "翠亨新区"))]


def test_a_counterpart_set_up_with_is_still_a_counterpart(places):
    # 与 X 组建结对共建关系 pairs with X: X is no companion of a travelling party
    assert edges_of("石岐街道与深圳市福田区组建结对共建关系。", "中山", places) == [
        ("with", "中山", "explicit", "石岐街道", "深圳", "福田区")]


def test_summaries_count_learners_from_the_context_apart():
    edges = pd.DataFrame([
        built_edge("940:1", 1, learner_places="甲镇", learner_source="explicit"),
        built_edge("940:1", 2, learner_places="甲镇", learner_source="context"),
        built_edge("940:1", 3),
    ], columns=list(learning.EDGE_COLUMNS))
    paragraphs = pd.DataFrame({"para_id": ["940:1"], "doc_id": ["940"], "kind": ["body"],
                               "text": ["甲。乙。丙。"]})
    summary = learning.case_summary(paragraphs, edges, {"all": ["940"]})["all"]
    assert summary["narrative edges, learner explicit"] == 1
    assert summary["narrative edges, learner from context"] == 1
    assert summary["narrative edges, learner implied"] == 1
    # the table of learners counts the sentences that name them, unless asked for the context too
    assert learning.learner_place_weights(edges).to_dict("records") == [
        {"learner_place": "甲镇", "sentences": 1, "paragraphs": "940:1"}]
    assert learning.learner_place_weights(edges, context=True).to_dict("records") == [
        {"learner_place": "甲镇", "sentences": 2, "paragraphs": "940:1"}]
