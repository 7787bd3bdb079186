"""Script detection and conversion to simplified Chinese."""
from policytext.script import detect_script, to_simplified


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
