"""The place gazetteer: the project's file is valid, a malformed one is reported with its file
and line."""
import pytest

from policytext.text import gazetteer
from policytext.text.gazetteer import GAZETTEER_COLUMNS, KIND_LABELS, KINDS, GazetteerError, read_gazetteer


def write_gazetteer(tmp_path, rows):
    header = "name,aliases,english,kind,city,note\n"
    path = tmp_path / "places.csv"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


CITIES = ["深圳,深圳市|深中,Shenzhen,city,,", "中山,中山市|深中,Zhongshan,city,,"]


def test_the_project_gazetteer_is_valid_and_covers_the_kinds():
    gazetteer = read_gazetteer()
    assert list(gazetteer.columns) == list(GAZETTEER_COLUMNS)
    assert set(gazetteer["kind"]) == set(KINDS)
    for name in ("南山区", "福田区", "宝安区", "前海", "火炬开发区", "翠亨新区", "板芙镇", "广州",
                 "珠海", "佛山", "东莞", "香港", "澳门", "郴州", "深中通道"):
        assert name in set(gazetteer["name"]), name


@pytest.mark.parametrize("row, message", [
    ("南山区,南山,Nanshan District,borough,深圳,", "kind 'borough'"),
    ("南山区,南山,,district,深圳,", "no English name"),
    ("南山区,南山,Nanshan District,district,,", "needs its city"),
    ("南山区,南山,Nanshan District,district,广州,", "city 广州 is not a city"),
    ("南山区,南山|南山,Nanshan District,district,深圳,", "lists 南山 twice"),
    ("南山区,深圳,Nanshan District,district,深圳,", "alias 深圳 is the name of another entry"),
    ("深圳,,Shenzhen again,city,,", "name 深圳 repeats line 2"),
    ("大湾区,,Bay Area,region,深圳,", "a region has no city"),
])
def test_a_malformed_row_is_reported_with_file_and_line(tmp_path, row, message):
    path = write_gazetteer(tmp_path, CITIES + [row])
    with pytest.raises(GazetteerError) as error:
        read_gazetteer(path)
    assert str(path) in str(error.value) and "line 4" in str(error.value)
    assert message in str(error.value)


def test_a_missing_column_is_reported_with_the_file(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,english,kind\n深圳,Shenzhen,city\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"places\.csv: missing column\(s\) aliases"):
        read_gazetteer(path)


def test_a_missing_file_is_reported_with_its_path(tmp_path):
    with pytest.raises(GazetteerError, match="nowhere.csv"):
        read_gazetteer(tmp_path / "nowhere.csv")


def test_talent_platforms_are_gazetteer_names():
    platforms = gazetteer.talent_platforms()
    assert "中山国际人才岛" in platforms and len(platforms) == len(set(platforms)) >= 5
    assert set(platforms) <= set(gazetteer.read_gazetteer()["name"])


def test_a_listed_name_missing_from_the_gazetteer_is_named_with_its_file_and_line(tmp_path):
    listed = tmp_path / "platforms.txt"
    listed.write_text("# comment\n中山国际人才岛  # gloss\n不存在的平台\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"platforms.txt: line 3: '不存在的平台'"):
        gazetteer.talent_platforms(listed)


def test_every_kind_has_a_label_for_the_book():
    assert set(KIND_LABELS) == set(KINDS)
    assert all("_" not in label for label in KIND_LABELS.values())
