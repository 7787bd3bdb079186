"""Script detection and conversion to simplified Chinese."""
from policytext.corpus.build import build_tables, clean_text
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


def test_a_simplified_document_is_never_converted(tmp_path):
    """Regression: tw2s takes the 著 of simplified 显著 and 著称 for the particle 着."""
    body = ["中山全面向深圳学习", "“敢想敢试、敢闯敢干”是广州最显著的精神特质之一，著名的著作以此著称。",
            "深圳以改革著称，成就显著。"]
    assert to_simplified(body[1]) != body[1] and to_simplified(body[2]) != body[2]  # what the bug did
    cleaned = clean_text("900", "\n".join(body) + "\n")
    assert cleaned.script == "simplified"
    assert [p["text"] for p in cleaned.paragraphs] == body
    (tmp_path / "900_simplified.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    tables = build_tables(tmp_path)
    assert tables.documents[0]["script"] == "simplified"
    assert [p["text"] for p in tables.paragraphs] == body


def test_a_traditional_document_is_still_converted():
    text = "中山全面向深圳學習\n“過去,深圳是摸著石頭過河”,成就顯著,著名的著作以此著稱。\n"
    cleaned = clean_text("901", text)
    assert cleaned.script == "traditional"
    assert [p["text"] for p in cleaned.paragraphs] == [
        "中山全面向深圳学习", "“过去，深圳是摸着石头过河”，成就显著，著名的著作以此著称。"]
    assert [p["text_original"] for p in cleaned.paragraphs] == text.splitlines()


def test_seed_scripts_decide_conversion(seed_tables):
    """The two traditional seeds are converted; no simplified seed paragraph is changed by OpenCC."""
    scripts = {d["doc_id"]: d["script"] for d in seed_tables.documents}
    assert sorted(doc for doc, script in scripts.items() if script == "traditional") == ["000", "002"]
    text = {p["para_id"]: p["text"] for p in seed_tables.paragraphs}
    assert "是广州最显著的精神特质之一" in text["004:12"]
    assert text["000:52"].startswith("“过去，深圳是摸着石头过河")


def test_a_traditional_passage_in_a_simplified_document_is_converted():
    """A simplified article that quotes a traditional passage: the passage is converted, the
    simplified lines around it are left as they are."""
    body = ["中山全面向深圳学习，推动深中一体化发展，成就显著。", "「粵港澳大灣區發展規劃綱要」提出，支持深圳建設中國特色社會主義先行示範區。",
            "深圳以改革著称，成就显著。", "中山全面向深圳学习，推动深中一体化发展。"]
    cleaned = clean_text("902", "\n".join(body) + "\n")
    assert cleaned.script == "simplified"
    texts = [p["text"] for p in cleaned.paragraphs]
    assert texts[1] == "「粤港澳大湾区发展规划纲要」提出，支持深圳建设中国特色社会主义先行示范区。"
    assert texts[0] == body[0] and texts[2] == body[2]
