"""The shared multi-term matcher: leftmost-longest, non-overlapping matches with offsets and
payloads, and masks that hide a shorter term without being reported."""
from policytext.text.matching import Match, TermMatcher


def test_longest_term_wins_and_offsets_slice_the_text():
    matcher = TermMatcher({"人才": "talent", "人才驿站": "station"})
    text = "建设人才驿站，引进人才"
    found = matcher.find(text)
    assert found == [Match(2, 6, "人才驿站", "station"), Match(9, 11, "人才", "talent")]
    assert all(text[m.start:m.end] == m.term for m in found)


def test_matches_do_not_overlap_and_run_left_to_right():
    matcher = TermMatcher({"深中": 1, "中山": 2, "山水": 3})
    # 深中 claims 中, so 中山 inside 深中山 is not read; 山水 is, after it.
    assert [m.term for m in matcher.find("深中山水")] == ["深中", "山水"]


def test_a_mask_hides_the_term_inside_it_and_is_not_reported():
    text = "加快搭建“深中人才通道”，更好推动两地实现“设施联通、贸易畅通、资金融通、服务互通”。"  # 001:42
    plain = TermMatcher({"金融": ("finance",)})
    masked = TermMatcher({"金融": ("finance",)}, masks=["资金融通"])
    assert [m.term for m in plain.find(text)] == ["金融"]
    assert masked.find(text) == []
    assert masked.find("金融支持") == [Match(0, 2, "金融", ("finance",))]


def test_a_term_listed_as_a_mask_too_is_a_term():
    matcher = TermMatcher({"交流会": "meeting"}, masks=["交流会"])
    assert matcher.find("召开交流会") == [Match(2, 5, "交流会", "meeting")]


def test_empty_matcher_and_empty_text_find_nothing():
    assert TermMatcher({}).find("人才") == []
    assert TermMatcher({}, masks=["资金融通"]).find("资金融通") == []
    assert TermMatcher({"人才": 1}).find("") == []
    assert len(TermMatcher({"人才": 1}, masks=["人才驿站"])) == 2


def test_place_names_in_a_real_sentence():
    sentence = ("大桥时代背景下，深中通道这条有形的桥不仅串联起中山与深圳等城市之间的“硬联通”，"
                "也让更多人才通过“政策红利”这座“无形的桥”选择中山，加速深中两地乃至粤港澳大湾区之间的“软联通”。")  # 001:9
    matcher = TermMatcher({"深中通道": "link", "深中": "pair", "中山": "city", "深圳": "city",
                           "粤港澳大湾区": "region"})
    found = [(m.term, m.payload) for m in matcher.find(sentence)]
    assert found == [("深中通道", "link"), ("中山", "city"), ("深圳", "city"), ("中山", "city"),
                     ("深中", "pair"), ("粤港澳大湾区", "region")]
