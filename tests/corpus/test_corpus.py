"""The pipeline on the real seed corpus and on small corpora built in the test."""
import csv
import hashlib
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policytext.corpus.build import build_tables, write_tables
from policytext.corpus.metadata import clean_author, date_precision, iso_date, merge_metadata, read_curated

ROOT = Path(__file__).resolve().parents[2]

PINYIN_LEFT = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def test_one_document_row_per_seed_with_required_metadata(seed_tables, seeds_dir):
    docs = seed_tables.documents
    assert [d["file_name"] for d in docs] == sorted(p.name for p in seeds_dir.glob("*.txt"))
    for doc in docs:
        assert doc["status"] == "ok"
        for field in ("title", "date", "date_precision", "date_provenance", "outlet"):
            assert doc[field], f"{doc['doc_id']} lacks {field}"
        assert doc["date_precision"] == date_precision(doc["date"])


def test_stated_dates_are_read_from_the_text(seed_tables):
    by_id = {d["doc_id"]: d for d in seed_tables.documents}
    assert (by_id["000"]["date"], by_id["000"]["date_provenance"], by_id["000"]["date_source"]) == (
        "2023-08-08", "stated", "text")
    assert by_id["001"]["date"] == "2024-08-25"
    assert by_id["001"]["outlet"] == "廉政法治网"
    assert by_id["001"]["publisher"] == "中共广东省委组织部"
    assert by_id["004"]["date_stated"] == "11月18日"
    assert by_id["004"]["outlet"] == "中国访谈网" and by_id["004"]["outlet_source"] == "text"
    assert by_id["004"]["author"] == "张国军、胡立强"
    assert by_id["003"]["subtitle"] == "以新担当新作为奋力书写中山高质量发展现代化建设新篇章"


def test_inferred_dates_carry_a_note(seed_tables):
    inferred = [d for d in seed_tables.documents if d["date_provenance"] == "inferred"]
    assert {d["doc_id"] for d in inferred} == {"002", "003", "004"}
    assert all("inferred" in d["metadata_note"] for d in inferred)


def test_paragraphs_hold_only_clean_simplified_text(seed_tables):
    texts = [p["text"] for p in seed_tables.paragraphs]
    joined = "\n".join(texts)
    assert not PINYIN_LEFT.search(joined)
    for debris in ("精品视频", "在线观看", "无障碍", "当前的位置", "版权所有", "免责声明", "邮箱", "QQ", "责任编辑", "供稿", "图片\n"):
        assert debris not in joined, debris
    # Characters that OpenCC tw2s changes are all gone: the text is simplified.
    for traditional in "學習區發會國體黨這們說時為":
        assert traditional not in joined
    assert "摸着石头过河" in joined or "标志着" in joined


def test_paragraph_ids_are_unique_and_keep_the_original(seed_tables):
    ids = [p["para_id"] for p in seed_tables.paragraphs]
    assert len(ids) == len(set(ids))
    first = seed_tables.paragraphs[0]
    assert first["para_id"] == "000:1" and first["kind"] == "title"
    assert "學習" in first["text_original"] and "学习" in first["text"]


def test_every_removed_line_is_audited_with_its_rule(seed_tables, seeds_dir):
    lines = {(r["doc_id"], r["line_no"]): r["rule"] for r in seed_tables.removed_lines if r["kind"] == "line"}
    assert lines[("000", 1)] == "seo_spam"
    assert lines[("001", 1)] == "page_header"
    assert lines[("001", 8)] == "metadata_line"
    assert lines[("004", 34)] == "credit"
    # Every non-blank line of a seed is a paragraph or a removed line.
    for path in sorted(seeds_dir.glob("*.txt")):
        doc_id = path.name[:3]
        non_blank = {n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line.strip()}
        kept = {p["line_no"] for p in seed_tables.paragraphs if p["doc_id"] == doc_id}
        dropped = {n for (d, n) in lines if d == doc_id}
        assert kept | dropped == non_blank and not kept & dropped


def test_pinyin_removals_are_counted(seed_tables):
    by_id = {d["doc_id"]: d for d in seed_tables.documents}
    raw = (ROOT / "seeds" / by_id["000"]["file_name"]).read_text(encoding="utf-8")
    with open(ROOT / "data" / "corrections.csv", encoding="utf-8", newline="") as handle:
        for fix in csv.DictReader(handle):
            if fix["doc_id"] == "000":
                raw = raw.replace(fix["find"], fix["replace"])
    # readings in a line removed whole are audited with the line, not counted again
    removed_whole = {r["line_no"] for r in seed_tables.removed_lines if r["doc_id"] == "000" and r["kind"] == "line"}
    kept = [line for n, line in enumerate(raw.split("\n"), 1) if n not in removed_whole]
    assert by_id["000"]["n_pinyin_removed"] == len(PINYIN_LEFT.findall("\n".join(kept)))
    assert by_id["000"]["n_pinyin_removed"] < len(PINYIN_LEFT.findall(raw))
    assert by_id["001"]["n_pinyin_removed"] == 0


def test_the_audit_accounts_for_every_character_removed_once(seed_tables):
    removed: dict[str, int] = {}
    for row in seed_tables.removed_lines:
        removed[row["doc_id"]] = removed.get(row["doc_id"], 0) + int(row["n_chars"])
    for doc in seed_tables.documents:
        assert removed.get(doc["doc_id"], 0) == int(doc["chars_raw"]) - int(doc["chars_clean"]), doc["doc_id"]


def test_corrections_repair_the_corrupted_source(seed_tables):
    text = {p["para_id"]: p["text"] for p in seed_tables.paragraphs}
    joined = "\n".join(text.values())
    assert "敝行纳" not in joined and "。”中心社区党总支书记梁培芳" in joined
    assert "要创新人才招引" in joined


def test_a_duplicate_article_is_flagged_not_counted(tmp_path, seeds_dir):
    source = sorted(seeds_dir.glob("*.txt"))[4]
    (tmp_path / "001_a.txt").write_bytes(source.read_bytes())
    (tmp_path / "002_copy.txt").write_bytes(source.read_bytes())
    (tmp_path / "003_empty.txt").write_bytes(b"")
    tables = build_tables(tmp_path)
    statuses = {d["doc_id"]: (d["status"], d["duplicate_of"]) for d in tables.documents}
    assert statuses == {"001": ("ok", ""), "002": ("duplicate", "001"), "003": ("empty", "")}
    assert {p["doc_id"] for p in tables.paragraphs} == {"001"}


def test_a_file_of_pure_debris_is_reported_as_no_text(tmp_path):
    (tmp_path / "x.txt").write_text("欢迎来到测试网！\n当前所在：首页 > 新闻\n图片\n", encoding="utf-8")
    doc = build_tables(tmp_path).documents[0]
    assert doc["status"] == "no_text" and "x.txt" in doc["message"]


def test_build_is_byte_identical_when_repeated(tmp_path, seeds_dir):
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        write_tables(build_tables(seeds_dir, ROOT / "data" / "metadata.csv", ROOT / "data" / "corrections.csv"), out)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()})
    assert digests[0] == digests[1]
    assert set(digests[0]) == {"documents.csv", "paragraphs.csv", "removed_lines.csv"}


def test_committed_derived_tables_match_a_fresh_build(tmp_path):
    out = tmp_path / "derived"
    write_tables(build_tables(ROOT / "seeds", ROOT / "data" / "metadata.csv", ROOT / "data" / "corrections.csv"), out)
    for name in ("documents.csv", "paragraphs.csv", "removed_lines.csv"):
        assert (out / name).read_bytes() == (ROOT / "data" / "derived" / name).read_bytes(), name


def test_cli_builds_any_folder_and_leaves_it_unchanged(tmp_path, seeds_dir):
    before = {p.name: p.read_bytes() for p in seeds_dir.iterdir()}
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "policytext", "build", "--corpus", str(seeds_dir), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=True)
    assert "5 files, 5 ok" in result.stdout
    assert {p.name: p.read_bytes() for p in seeds_dir.iterdir()} == before
    with open(out / "documents.csv", encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 5


def test_cli_strict_fails_on_a_bad_file_and_names_it(tmp_path):
    (tmp_path / "good.txt").write_text("中山全面向深圳学习，推动深中一体化发展。", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    args = [sys.executable, "-m", "policytext", "build", "--corpus", str(tmp_path), "--out", str(tmp_path / "o")]
    lenient = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True)
    strict = subprocess.run(args + ["--strict"], cwd=tmp_path, capture_output=True, text=True)
    assert lenient.returncode == 0 and strict.returncode == 1
    assert "binary: broken.txt" in strict.stderr


def test_metadata_helpers():
    assert iso_date("2023年8月8日") == "2023-08-08"
    assert iso_date("发布日期：2023-08-08") == "2023-08-08"
    assert iso_date("2023-13-01") is None
    assert date_precision("2023-08") == "month"
    assert clean_author("中国访谈网张国军、特约撰稿人胡立强", "中国访谈网") == "张国军、胡立强"


def test_curated_values_override_and_are_marked():
    merged = merge_metadata({"title": "T", "date": "2023-08-08", "outlet": ""},
                            {"outlet": "某网", "date": "", "note": "n"})
    assert (merged["title"], merged["title_source"]) == ("T", "text")
    assert (merged["outlet"], merged["outlet_source"]) == ("某网", "metadata.csv")
    assert (merged["date_provenance"], merged["date_source"]) == ("stated", "text")


def test_a_malformed_curated_date_names_the_file(tmp_path):
    bad = tmp_path / "metadata.csv"
    bad.write_text("doc_id,date\n000,8 Aug\n", encoding="utf-8")
    with pytest.raises(ValueError, match="metadata.csv: line 2"):
        read_curated(bad)


def test_related_articles_after_the_story_are_removed(tmp_path):
    story = "中山伟人故里构建湾区西翼枢纽\n\n羊城晚报 2019-11-13 16:53\n\n中山将构建大湾区西翼交通枢纽。\n\n中山将加快深中通道对接。\n\n新闻推荐\n\n另一篇文章的标题\n\n本报讯，另一篇文章的正文。\n"
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    tables = build_tables(tmp_path)
    doc = tables.documents[0]
    assert (doc["title"], doc["date"], doc["outlet"]) == ("中山伟人故里构建湾区西翼枢纽", "2019-11-13", "羊城晚报")
    assert [p["text"] for p in tables.paragraphs if p["kind"] == "body"] == [
        "中山将构建大湾区西翼交通枢纽。", "中山将加快深中通道对接。"]
    assert [r["rule"] for r in tables.removed_lines] == ["metadata_line"] + ["related_articles"] * 3


def test_a_near_duplicate_is_flagged_with_its_similarity(tmp_path, seeds_dir):
    text = sorted(seeds_dir.glob("*.txt"))[1].read_text(encoding="utf-8")
    (tmp_path / "001_a.txt").write_text(text, encoding="utf-8")
    lines = text.split("\n")
    edited = "\n".join(lines[:20] + ["中山市另有一段新增的说明文字。"] + lines[20:])
    (tmp_path / "002_b.txt").write_text(edited, encoding="utf-8")
    docs = {d["doc_id"]: d for d in build_tables(tmp_path).documents}
    assert docs["002"]["status"] == "near_duplicate" and docs["002"]["duplicate_of"] == "001"
    assert "002_b.txt" in docs["002"]["message"] and "shared with document 001" in docs["002"]["message"]


def test_the_seeds_are_not_near_duplicates_of_each_other(seed_tables):
    assert [d["status"] for d in seed_tables.documents] == ["ok"] * len(seed_tables.documents)


def test_jaccard_of_shingles():
    from policytext.corpus.duplicates import jaccard, shingles

    assert jaccard(shingles("深中通道通车"), shingles("深中通道通车")) == 1.0
    assert jaccard(shingles("深中通道通车"), shingles("人才政策加码")) == 0.0
    assert shingles("深中通道通车", size=5) == frozenset({"深中通道通", "中通道通车"})


def _network_blocked_prefix() -> list[str]:
    """``unshare -n`` (a fresh network namespace with no interfaces up) where permitted."""
    import shutil

    if not shutil.which("unshare"):
        return []
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return ["unshare", "-n"] if probe.returncode == 0 else []


def test_the_build_needs_no_network(tmp_path):
    prefix = _network_blocked_prefix()
    if not prefix:
        pytest.skip("cannot create a network namespace here (needs root or user namespaces)")
    blocked = subprocess.run(prefix + [sys.executable, "-c", "import socket; socket.create_connection(('1.1.1.1', 80), 2)"],
                             capture_output=True)
    assert blocked.returncode != 0, "the namespace still reaches the network"
    result = subprocess.run(prefix + [sys.executable, "-m", "policytext", "build", "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for name in ("documents.csv", "paragraphs.csv", "removed_lines.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / "derived" / name).read_bytes()


def test_curated_rows_apply_only_to_the_file_they_name(tmp_path, seeds_dir):
    source = sorted(seeds_dir.glob("*.txt"))[3]
    (tmp_path / f"{source.name[:3]}_other_article.txt").write_bytes(source.read_bytes())
    tables = build_tables(tmp_path, ROOT / "data" / "metadata.csv", ROOT / "data" / "corrections.csv")
    doc = tables.documents[0]
    assert doc["date"] == "" and doc["metadata_note"] == ""
    assert any(source.name in warning and "not applied" in warning for warning in tables.warnings)


def edited_copies(seed: int, n_bases: int, lengths: tuple[int, int], n_texts: int, edit_share: int) -> list[str]:
    """Random texts copied with up to one character in ``edit_share`` replaced: pairs of copies
    fall on both sides of the near-duplicate threshold."""
    rng = random.Random(seed)
    alphabet = "深中通道人才政策一体化学习广州郴州干部培训发展"
    bases = ["".join(rng.choice(alphabet) for _ in range(rng.randint(*lengths))) for _ in range(n_bases)]
    texts = []
    for _ in range(n_texts):
        text = list(rng.choice(bases))
        for _ in range(rng.randint(0, len(text) // edit_share)):
            text[rng.randrange(len(text))] = rng.choice(alphabet)
        texts.append("".join(text))
    return texts


def test_near_duplicate_index_finds_what_comparing_every_pair_finds():
    """The prefix-filtered index gives the same verdicts as comparing each document with every
    kept one, on documents edited around the threshold."""
    from policytext.corpus.duplicates import NEAR_DUPLICATE_THRESHOLD, DuplicateFilter, jaccard, shingles

    texts = edited_copies(seed=7, n_bases=6, lengths=(30, 400), n_texts=120, edit_share=6)

    index, verdicts, kept = DuplicateFilter(), [], []
    for number, text in enumerate(texts):
        row = {"doc_id": f"{number:03d}", "file_name": f"{number:03d}.txt"}
        index.keep(row, [text])
        verdicts.append((row.get("status", "ok"), row.get("duplicate_of")))
    expected = []
    for number, text in enumerate(texts):
        same = next((d for d, t in kept if t == text), None)
        near = next((d for d, t in kept if jaccard(shingles(text), shingles(t)) >= NEAR_DUPLICATE_THRESHOLD), None)
        if same:
            expected.append(("duplicate", same))
        elif near:
            expected.append(("near_duplicate", near))
        else:
            expected.append(("ok", None))
            kept.append((f"{number:03d}", text))
    assert verdicts == expected
    assert {v[0] for v in verdicts} == {"ok", "duplicate", "near_duplicate"}


def test_the_pipeline_filter_mostly_agrees_with_comparing_every_pair():
    """MinHash estimates the similarity, so verdicts near the threshold may differ from the
    exact ones; on documents edited around the threshold most must agree."""
    from policytext.corpus.duplicates import DuplicateFilter, MinHashDuplicateFilter

    texts = edited_copies(seed=11, n_bases=5, lengths=(200, 600), n_texts=80, edit_share=8)

    def verdicts(index):
        found = []
        for number, text in enumerate(texts):
            row = {"doc_id": f"{number:03d}", "file_name": f"{number:03d}.txt"}
            index.keep(row, [text])
            found.append(row.get("status", "ok"))
        return found

    exact, estimated = verdicts(DuplicateFilter()), verdicts(MinHashDuplicateFilter())
    assert {"ok", "near_duplicate"} <= set(exact)
    assert sum(a == b for a, b in zip(exact, estimated)) >= 0.9 * len(texts)


def test_a_file_that_raises_is_reported_and_the_rest_is_built(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "001_good.txt").write_text("中山全面向深圳学习，推动深中一体化发展。", encoding="utf-8")
    (corpus / "002_fixed.txt").write_text("深中通道建成通车，两地往来更加便利。", encoding="utf-8")
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("doc_id,file_name,line_no,find,replace,note\n"
                           "002,002_fixed.txt,1,不在文中的字,替换,a repair that no longer fits\n", encoding="utf-8")
    args = [sys.executable, "-m", "policytext", "build", "--corpus", str(corpus), "--out", str(tmp_path / "o"),
            "--corrections", str(corrections)]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "failed: 002_fixed.txt: could not be processed (ValueError: correction for 002 line 1" in result.stderr
    with open(tmp_path / "o" / "documents.csv", encoding="utf-8", newline="") as handle:
        statuses = {row["doc_id"]: row["status"] for row in csv.DictReader(handle)}
    assert statuses == {"001": "ok", "002": "failed"}
    paragraphs = (tmp_path / "o" / "paragraphs.csv").read_text(encoding="utf-8")
    assert "001:" in paragraphs and "002:" not in paragraphs


def test_cli_with_two_processes_writes_the_tables_of_one(tmp_path, seeds_dir):
    outputs = []
    for processes in ("1", "2"):
        out = tmp_path / processes
        subprocess.run([sys.executable, "-m", "policytext", "build", "--corpus", str(seeds_dir), "--out", str(out),
                        "--processes", processes, "--stage", "corpus"], cwd=ROOT, capture_output=True, check=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))})
    assert outputs[0] == outputs[1]
    assert {"documents.csv", "paragraphs.csv", "removed_lines.csv", "term_counts.csv"} <= set(outputs[0])


def test_a_speech_is_dated_by_its_dateline_which_stays_in_its_text(tmp_path):
    report = ROOT / "data" / "reference" / "government_work_reports" / "gwr_2024.txt"
    (tmp_path / "gwr_2024.txt").write_bytes(report.read_bytes())
    (tmp_path / "gwr_2012.txt").write_bytes(report.with_name("gwr_2012.txt").read_bytes())
    tables = build_tables(tmp_path)
    docs = {d["doc_id"]: d for d in tables.documents}
    assert (docs["gwr_2024"]["date"], docs["gwr_2024"]["date_provenance"]) == ("2024-03-05", "stated")
    assert docs["gwr_2012"]["date"] == ""  # no dateline: its date is not guessed
    assert any(p["text"].startswith("——2024年3月5日") for p in tables.paragraphs)


def test_the_salutation_that_opens_a_report_is_not_its_title(tmp_path):
    report = "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n\n一、过去一年工作回顾\n\n过去一年，经济运行总体平稳。\n"
    (tmp_path / "gwr_2016.txt").write_text(report, encoding="utf-8")
    tables = build_tables(tmp_path)
    assert tables.documents[0]["title"] != "各位代表："
    assert "各位代表：" in [p["text"] for p in tables.paragraphs if p["kind"] != "title"]
