"""Each cleaning rule on real lines from the seed articles and on small built inputs."""
import pytest

from policytext.corpus import cleaning
from policytext.corpus.script import to_simplified


def clean_line(raw: str) -> str:
    """A raw line as the pipeline prepares it before the line rules."""
    without_pinyin, _ = cleaning.strip_pinyin(raw)
    return cleaning.normalise(to_simplified(without_pinyin))


def test_pinyin_readings_are_removed_and_reported():
    line, removed = cleaning.strip_pinyin("粵港澳大灣區(qū)建設(shè)、推動高質(zhì)量發(fā)展")
    assert line == "粵港澳大灣區建設、推動高質量發展"
    assert removed == ["(qū)", "(shè)", "(zhì)", "(fā)"]


@pytest.mark.parametrize(
    "text",
    ["人工智能(AI)产业", "第(3)条", "的(de)", "深圳(Shenzhen)", "(下称“中山药创院”)", "GDP(gdp)"],
)
def test_brackets_that_are_not_toned_pinyin_after_a_character_stay(text):
    assert cleaning.strip_pinyin(text) == (text, [])


def test_lost_characters_leave_only_their_reading_which_is_removed():
    assert cleaning.strip_lost_characters("要?jiǎng)?chuàng)新") == ("要新", ["?jiǎng)", "?chuàng)"])
    assert cleaning.strip_lost_characters("学什么?答案是") == ("学什么?答案是", [])


def test_normalise_makes_punctuation_next_to_chinese_full_width():
    assert cleaning.normalise("  中山:畅通深中两地人才(干部)交流!  ") == "中山：畅通深中两地人才（干部）交流！"


def test_normalise_keeps_ascii_punctuation_between_latin_and_digits():
    assert cleaning.normalise("time 10:30, GDP 1,811.38 (est.)") == "time 10:30, GDP 1,811.38 (est.)"


def test_normalise_folds_full_width_digits_and_collapses_whitespace():
    assert cleaning.normalise("\u3000\u3000２０２３年\t\t７月　人才") == "2023年 7月 人才"


@pytest.mark.parametrize(
    "raw, rule",
    [
        ("国产sm精品全国_最新亚洲精品视频在线_天天看在线视频国产_精品三级不卡在线观看视频", "seo_spam"),
        ("無障礙版 長者助手 登錄", "accessibility_login"),
        ("您當前的位置: 首頁 >粵港澳大灣區(qū) > 大灣區(qū)資訊", "breadcrumb"),
        ("当前所在:首页 > 廉政要闻 > 正文", "breadcrumb"),
        ("欢迎来到廉政法治网!", "site_banner"),
        ("圖片", "photo_placeholder"),
        ("  黃曉楠 攝", "credit"),
        ("(機(jī)關(guān)黨委 供稿)", "credit"),
        ("(来源:刘洪 王敏 李程)", "credit"),
        ("中国访谈网编辑部审核 值班总编辑张国军 责任编辑华光", "credit"),
        ("廉政法治网 lzfz.org.cn 版权所有。", "reprint_disclaimer"),
        ("本网部分转载文章、图片等无法联系到权利人,请相关权利人联系本网站索取稿酬。", "reprint_disclaimer"),
        ("原文链接:https://www.gdzz.gov.cn/zgxc/gddt/content/post_21570.html", "source_link"),
        ("联系电话:010-56212745、010-53382908,监督电话:18518469856", "contact"),
        ("邮箱:qgfzdyzx@163.com  客服QQ:3206414697 通联QQ:1224368922", "contact"),
        ("北京中农兴业网络技术有限公司主办 | 政讯通-全国政务信息一体化办公室 主管", "publisher_footer"),
        ("第一办公区:北京市东城区建国门内大街26号新闻大厦5层", "publisher_footer"),
        ("分享到:", "share_widget"),
    ],
)
def test_debris_lines_from_the_seeds_are_recognised(raw, rule):
    assert cleaning.debris_rule(clean_line(raw)) == rule


@pytest.mark.parametrize(
    "raw",
    [
        "6月30日,深中通道通车,举世瞩目。",
        "人才优待政策持续加码",
        "圖為學員到深圳灣科技生態(tài)展示中心學習。",
        "“刚开始有10位课题组长，经过三年的发展，到2024年我们已经有48位课题组长。”陈铁根表示。",
        "市委书记 刘志仁:这既是景观,又把污水综合利用到湖水,这个很好!",
        "中山市委组织部落实市委人才强市战略部署，围绕人才发展体制机制改革，持续优化人才各项政策。",
        "截至2023年6月底，超400个政务服务事项实现“深中通办”。",
        "学员们来到深圳视频产业园参观学习，了解国产精品芯片的发展。",
    ],
)
def test_article_sentences_are_not_debris(raw):
    assert cleaning.debris_rule(clean_line(raw)) is None


def test_every_rule_has_a_name_and_a_description():
    names = [rule.name for rule in cleaning.LINE_RULES]
    assert len(names) == len(set(names))
    assert all(rule.description for rule in cleaning.LINE_RULES)


def test_metadata_lines_give_date_source_and_author():
    line = clean_line("发布时间:2024-08-25 来源: 中共广东省委组织部 作者:佚名")
    assert cleaning.read_metadata_line(line) == {
        "date": "2024-08-25", "source": "中共广东省委组织部", "author": "佚名"}
    assert cleaning.read_metadata_line(clean_line("信息來源:中山發(fā)布 發(fā)布日期:2023-08-08 分享:")) == {
        "date": "2023-08-08", "source": "中山发布"}
    assert cleaning.read_metadata_line("中山作为深中通道珠江口西岸登陆点，迎来了前所未有的历史发展机遇。") is None


def test_dateline_is_split_from_the_article_text():
    line = clean_line("中国访谈网11月18日讯(中国访谈网张国军、特约撰稿人胡立强)11月9日-11日,在全市上下")
    rest, parts = cleaning.strip_dateline(line)
    assert rest == "11月9日-11日，在全市上下"
    assert (parts["outlet"], parts["month"], parts["day"]) == ("中国访谈网", "11", "18")
    assert parts["credit"] == "中国访谈网张国军、特约撰稿人胡立强"
    assert cleaning.strip_dateline("6月30日，深中通道通车。") == ("6月30日，深中通道通车。", None)


def test_headings_are_short_lines_without_sentence_end():
    assert cleaning.is_heading("人才优待政策持续加码")
    assert not cleaning.is_heading("6月30日，深中通道通车，举世瞩目。")
    assert cleaning.banner_site_name("欢迎来到廉政法治网！") == "廉政法治网"


@pytest.mark.parametrize(
    "line, rule",
    [
        ("活动现场。记者 张三 摄", "credit"),
        ("编辑 李四 二审 王五 三审 赵六", "credit"),
        ("① 凡本网注明来源的作品，版权均属本网", "reprint_disclaimer"),
    ],
)
def test_credit_and_disclaimer_forms_of_other_news_sites(line, rule):
    assert cleaning.debris_rule(cleaning.normalise(line)) == rule


def test_outlet_and_date_on_a_line_of_their_own_is_metadata():
    assert cleaning.read_metadata_line("羊城晚报 2019-11-13 16:53") == {"date": "2019-11-13", "outlet": "羊城晚报"}


def test_related_article_markers():
    assert cleaning.RELATED_ARTICLES.match("相关阅读")
    assert cleaning.RELATED_ARTICLES.match("【新闻推荐】")
    assert not cleaning.RELATED_ARTICLES.match("相关阅读材料已发放至各镇街。")


def test_dateline_separates_outlet_and_place():
    rest, parts = cleaning.strip_dateline("新华社北京3月5日电（记者张三）国务院总理")
    assert (parts["outlet"], parts["place"], parts["credit"], rest) == ("新华社", "北京", "记者张三", "国务院总理")


def test_headlines_may_end_in_an_exclamation_mark():
    assert cleaning.is_title("看完这些大项目，他们充满信心！")
    assert not cleaning.is_heading("看完这些大项目，他们充满信心！")
    assert not cleaning.is_title("深中通道通车。")


@pytest.mark.parametrize("line, date", [
    ("——2024年3月5日在第十四届全国人民代表大会第二次会议上", "2024年3月5日"),
    ("——2019年12月20日在庆祝澳门回归祖国20周年大会上的讲话", "2019年12月20日"),
    ("2024年3月5日，大会在北京开幕。", None),
    ("——经济平稳较快发展。", None),
])
def test_datelines_of_speeches_give_their_date(line, date):
    assert cleaning.read_dateline(line) == date
