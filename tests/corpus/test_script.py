"""Script detection and conversion to simplified Chinese."""
from policytext.corpus.script import (CONVERSION_CONFIG, _converter, convertible_characters, detect_script,
                                      to_simplified)


def test_aspect_particle_zhe_is_converted():
    assert to_simplified("摸著石頭過河") == "摸着石头过河"
    assert to_simplified("標志著中山邁出了重要一步") == "标志着中山迈出了重要一步"


def test_zhu_in_words_meaning_notable_is_kept():
    assert to_simplified("著名的著作") == "著名的著作"


def test_script_is_detected():
    assert detect_script("中山全面向深圳學習，推動深中一體化發展") == "traditional"
    assert detect_script("中山全面向深圳学习，推动深中一体化发展") == "simplified"
    assert detect_script("plain text") == "none"


def test_seed_scripts(seeds_dir):
    scripts = {p.name[:3]: detect_script(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))}
    assert scripts == {"000": "traditional", "001": "simplified", "002": "traditional",
                       "003": "simplified", "004": "simplified"}


def test_only_characters_opencc_changes_are_convertible():
    convertible = convertible_characters()
    assert convertible.search("學") and convertible.search("著") and convertible.search("體")
    assert convertible.search("\U00020000")  # supplementary-plane ideographs are always converted
    assert not convertible.search("学习深圳，推动一体化 2024 ABC")


def test_skipping_unconvertible_lines_gives_what_opencc_gives(seeds_dir):
    """Every line of the seeds (simplified and traditional) converts exactly as OpenCC converts it."""
    opencc = _converter(CONVERSION_CONFIG)
    lines = [line for path in sorted(seeds_dir.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    assert sum(bool(convertible_characters().search(line)) for line in lines) > 50  # both paths are used
    assert [to_simplified(line) for line in lines] == [opencc.convert(line) for line in lines]


def test_a_simplified_text_with_one_traditional_word_is_still_simplified():
    assert detect_script("中山全面向深圳学习，推动深中一体化发展，學習") == "simplified"
