"""Tables for the book: widths that fit the PDF page, escaped LaTeX, numbers as rounded."""
import re

import pandas as pd

from policytext import tables
from policytext.analysis import themes
from policytext.report import chapter, glossary, labels


def test_display_width_counts_chinese_characters_double():
    assert chapter.display_width("深圳 ab") == 7


def test_narrow_tables_keep_every_column_on_one_line():
    frame = pd.DataFrame({"term": ["人才"], "n": [111]})
    assert chapter.column_widths(frame) == {"term": None, "n": None}


def test_wide_text_columns_share_the_page_and_numbers_stay_whole():
    frame = pd.DataFrame({"short": ["人才"], "long": ["深" * 80], "n": [3]})
    widths = chapter.column_widths(frame, budget=60)
    assert widths["n"] is None and widths["short"] is None
    assert chapter.MIN_COLUMN_UNITS <= widths["long"] <= 60


def test_latex_table_escapes_specials_and_keeps_rounded_floats():
    frame = pd.DataFrame({"text": [r"50% & \input{x} #_"], "f1": [0.853]})
    latex = chapter.latex_table(frame)
    assert latex.startswith(chapter.LATEX_TABLE_MARKER)
    assert r"50\% \& \textbackslash input\{x\} \#\_" in latex
    assert "0.853" in latex and "\\toprule" in latex


def test_float_columns_show_the_same_decimals_in_every_row():
    frame = pd.DataFrame({"ratio": [1.0, 0.586, 1.08], "speed_up": [1.0, 4.1, 15.4], "p": [1e-08, 0.5, None]})
    latex = chapter.latex_table(frame)
    assert "1.000 & 1.0 & 1e-08" in latex and "0.586 & 4.1 & 0.5" in latex and "1.080 & 15.4 &  \\\\" in latex


def test_a_float_among_strings_shows_as_rounded_not_with_six_decimals():
    latex = chapter.latex_table(pd.DataFrame({"mixed": [53.2, "x"], "s": ["a_b", "c"]}))
    assert "53.2 & a\\_\\allowbreak{}b" in latex and "53.200000" not in latex


def test_latex_table_shows_a_named_index_and_hides_a_styler_hidden_one():
    frame = pd.DataFrame({"n": [1]}, index=pd.Index(["深圳"], name="place"))
    assert "Place & n" in chapter.latex_table(frame)
    assert "Place" not in chapter.latex_table(frame.style.hide(axis="index"))


def test_the_glossary_table_fits_the_page():
    """The widest table of the book: its wrapped columns must add up to the page."""
    terms = glossary.glossary_table(glossary.read_glossary(), tables.load("paragraphs"))
    widths = chapter.column_widths(terms.drop(columns="kind"))
    natural = {c: max(chapter.display_width(v) for v in [c, *terms[c]]) + chapter.PADDING_UNITS
               for c in widths}
    assert sum(w if w is not None else natural[c] for c, w in widths.items()) <= chapter.PAGE_UNITS
    assert widths["english"] is not None  # the glosses wrap


def test_styler_plain_text_is_its_data_not_an_address():
    import io

    from IPython.lib.pretty import PrettyPrinter

    stream = io.StringIO()
    printer = PrettyPrinter(stream)
    chapter.plain_text(pd.DataFrame({"term": ["人才"]}).style.hide(axis="index"), printer)
    printer.flush()
    assert stream.getvalue().split() == ["term", "人才"]


def test_table_lines_counts_the_header_and_each_rows_tallest_wrapped_cell():
    frame = pd.DataFrame({"id": ["a", "b"], "text": ["深" * 10, "深"]})
    # "text" wraps at 5 units (8 - padding): 20 units take 4 lines, 2 units take 1.
    assert chapter.table_lines(frame, {"id": None, "text": 8}) == 1 + 4 + 1
    assert chapter.table_lines(frame, {"id": None, "text": None}) == 1 + 2


def test_a_table_taller_than_a_page_is_a_longtable_and_a_short_one_a_tabular():
    short = pd.DataFrame({"n": range(chapter.PAGE_LINES - 1)})
    tall = pd.DataFrame({"n": range(chapter.PAGE_LINES)})
    assert "\\begin{tabular}" in chapter.latex_table(short)
    assert "longtable" not in chapter.latex_table(short)
    latex = chapter.latex_table(tall)
    assert "\\begin{longtable}" in latex and "\\endhead" in latex  # the header repeats on each page


def test_a_few_long_wrapped_rows_also_make_a_longtable():
    frame = pd.DataFrame({"id": range(8), "sentence": ["人才" * 120] * 8})
    assert len(frame) < chapter.PAGE_LINES
    assert "\\begin{longtable}" in chapter.latex_table(frame)


def test_identifiers_may_break_after_underscores_in_narrow_columns():
    latex = chapter.latex_table(pd.DataFrame({"flag": ["open_end_set_to_publication"]}))
    assert r"open\_\allowbreak{}end\_\allowbreak{}set" in latex


def test_chinese_terms_are_not_broken_in_wrapped_columns_but_long_prose_may_be():
    assert chapter.cjk_cell("深圳 (141)、干部_x", 20) == r"\mbox{深圳} (141)、\mbox{干部}\_x"
    sentence = "中山市委组织部组织干部到深圳改革开放干部学院培训"
    assert chapter.cjk_cell(sentence, 40) == sentence  # prose: breakable anywhere
    assert chapter.cjk_cell("据统计，今年以来", 40) == "据统计，今年以来"  # quoted prose
    assert chapter.cjk_cell("粤港澳大湾区", 8) == "粤港澳大湾区"  # wider than the column
    # a run longer than a term may break; the short terms beside it still may not
    assert chapter.cjk_cell("深中一体化发展示范区建设 深圳、中山", 40) == r"深中一体化发展示范区建设 \mbox{深圳}、\mbox{中山}"
    wide = pd.DataFrame({"term": ["深圳市南山区 " * 6, "中山"], "note": ["x" * 120, "y"]})
    assert r"\mbox{深圳市南山区}" in chapter.latex_table(wide)


def test_word_boundaries_between_chinese_characters_survive_in_latex():
    assert chapter.cjk_cell("要 用 内陆 地区") == r"要\ 用\ 内陆\ 地区"
    assert chapter.cjk_cell("深圳 (141) 干部") == "深圳 (141) 干部"
    assert r"\mbox{内陆} \mbox{地区}" in chapter.cjk_cell("内陆 地区", 20)


def test_a_column_of_terms_is_not_squeezed_below_its_longest_term_while_prose_can_give_way():
    frame = pd.DataFrame({"term": ["新质生产力", "深圳"], "note": ["很长的一段说明文字，" * 8, "短"],
                          "freq": [5, 141]})
    widths = chapter.column_widths(frame)
    assert widths["term"] is None and widths["note"] is not None  # the prose wraps, the terms do not
    squeezed = pd.DataFrame({"term": ["新质生产力 深中通道 粤港澳大湾区 " * 3, "深圳"],
                             "note": ["很长的一段说明文字，" * 8, "短"], "freq": [5, 141]})
    widths = chapter.column_widths(squeezed)
    assert widths["term"] >= 2 * 6 + 4 + chapter.PADDING_UNITS
    assert r"\mbox{粤港澳大湾区}" in chapter.latex_table(squeezed)


def test_terms_may_break_when_the_numbers_leave_no_room_for_them():
    frame = pd.DataFrame({"term": ["粤港澳大湾区"], **{f"a_long_numeric_header_{k}": [1.5] for k in range(4)}})
    assert chapter.column_widths(frame)["term"] == chapter.MIN_COLUMN_UNITS


def test_a_concordance_lines_up_its_node_words_in_latex_and_html():
    concordance = pd.DataFrame({"para_id": ["000:1", "000:1"], "left": ["中山“", "全面拥抱深圳、"],
                                "node": ["向深圳学习", "向深圳学习"], "right": ["”锻造", "，是"]}).set_index("para_id")
    styler = chapter.kwic_table(concordance, "kwic-test")
    latex = chapter.latex_table(styler)
    assert re.search(r"\\begin\{tabular\}\{l(r|>\{\\raggedleft\\arraybackslash\}p\{[\d.]+\\linewidth\})ll\}", latex)
    assert "Paragraph & Left & Node & Right" in latex and "para\\_" not in latex
    html = chapter.escaped_html(styler)
    assert "#T_kwic-test td.col0 {\n  text-align: right;" in html
    assert html == chapter.escaped_html(chapter.kwic_table(concordance, "kwic-test"))  # fixed ids


def test_tables_show_labels_not_snake_case_codes():
    frame = pd.DataFrame({"n_docs": [2], "removed_text": ["x"], "freq_003": [1], "术语": [0]},
                         index=pd.Index(["bay_area"], name="category"))
    shown = labels.labelled(frame)
    assert list(shown.columns) == ["Documents", "Removed text", "In 003", "术语"]
    assert shown.index.name == "Category"
    # a theme category is shown by its English label from the theme dictionary
    categories = themes.load_themes().drop_duplicates("category").set_index("category")["category_label"]
    assert shown.index[0] == categories["bay_area"].split(" (")[0] != "bay_area"
    html, latex = chapter.frame_html(frame), chapter.latex_table(frame)
    assert "n_docs" not in html and "Documents" in html
    assert "n\\_docs" not in latex and "Removed text" in latex
    # other row names (identifiers the text refers to) keep their code
    assert labels.labelled(pd.DataFrame({"x": [1]}, index=["seo_spam"])).index[0] == "seo_spam"
    # a row that shares its name with a category code is a category only on a level so named:
    # the talent-chain stage 'train' and the theme 'industry' keep their names
    stages = labels.labelled(pd.DataFrame({"x": [1, 2]}, index=pd.Index(["train", "industry"], name="code")))
    assert list(stages.index) == ["train", "industry"]
    both = pd.MultiIndex.from_tuples([("industry", "train")], names=["theme", "category"])
    assert labels.labelled(pd.DataFrame({"x": [1]}, index=both)).index[0] == ("industry", categories["train"].split(" (")[0])


def test_extractor_codes_are_named_in_english_from_their_dictionaries_and_codebooks():
    theme_label = themes.load_themes().set_index("theme").loc["learning_from_shenzhen", "theme_label"].iloc[0]
    assert theme_label.startswith("Learning from Shenzhen (")  # the dictionary's label, with its Chinese
    assert labels.code_name("learning_from_shenzhen") == "learning from Shenzhen"
    assert labels.code_name("demand.exchange_flexible") == labels.code_name("exchange_flexible") \
        == "exchange and flexible recruitment"
    assert labels.code_name("talent_cadres") == "talent and cadres"  # a kind of integration outcome
    assert labels.code_name("learn_from") == "learn from"  # any other code: underscores as spaces
    assert labels.code_names("supply.training, environment.goals_planning") == "training, goals and planning"
    assert labels.code_names("") == ""


def test_a_long_table_places_the_floating_tables_before_it_first():
    long = chapter.latex_table(pd.DataFrame({"n": range(200)}))
    short = chapter.latex_table(pd.DataFrame({"n": range(3)}))
    assert "\\begin{longtable}" in long and long.index("\\FloatBarrier") < long.index("\\begin{longtable}")
    assert "\\FloatBarrier" not in short and "\\begin{tabular}" in short


def test_two_columns_never_share_a_label():
    frame = pd.DataFrame({"paragraphs": [3], "Paragraphs": ["000:1"], "n_docs": [1]})
    assert list(labels.labelled(frame).columns) == ["paragraphs", "Paragraphs", "Documents"]


def test_a_date_expression_is_kept_on_one_line():
    # four columns of long unbroken words cannot all stay whole: they break, the dates do not
    dates = pd.DataFrame({"expression": ["2023年5月14日至16日", "同年10月"],
                          **{name: ["abcdefghijklmnopqrst " * 2, "c"] for name in ("p", "q", "r", "s")}})
    widths = chapter.column_widths(dates)
    assert widths["p"] is not None  # squeezed
    needed = chapter.display_width("2023年5月14日至16日") + chapter.PADDING_UNITS
    assert widths["expression"] is None or widths["expression"] >= needed


def test_html_tables_set_numbers_flush_right_and_keep_dates_whole():
    frame = pd.DataFrame({"date": ["2023-08-08"], "n": [12], "share": ["3.5%"], "term": ["中山 12"],
                          "word": ["深圳改革开放干部学院"]})
    for html in (chapter.frame_html(frame), chapter.escaped_html(frame.style)):
        cells = re.findall(r"<td[^>]*>[^<]*</td>", html)
        assert 'style="white-space: nowrap">2023-08-08<' in cells[0]
        assert 'style="text-align: right">12<' in cells[1] and 'style="text-align: right">3.5%<' in cells[2]
        assert "style" not in cells[3]  # text: flush left by the site's stylesheet
        assert 'style="white-space: nowrap">深圳改革开放干部学院<' in cells[4]  # a term stays whole


def test_html_tables_show_every_character_and_no_row_of_index_names():
    note = "据统计，今年以来全市共组织干部赴深圳培训" * 5
    frame = pd.DataFrame({"para_id": ["000:1", "000:2"], "note": [note, "短"]}).set_index("para_id")
    html = chapter.frame_html(frame)
    assert note in html  # pandas' notebook view would cut it at 50 characters
    header = html.split("<thead>")[1].split("</thead>")[0]
    assert header.count("<tr") == 1 and "<th>Paragraph</th>" in header
    plain = chapter.frame_html(pd.DataFrame({"note": ["a", "b"]}))
    assert "<th>0</th>" not in plain and "<th></th>" not in plain  # no default 0, 1, ... index


def test_a_styler_names_its_index_in_the_header_row_not_in_a_row_of_its_own():
    frame = pd.DataFrame({"para_id": ["000:1", "000:2"], "text": ["中山", "深圳"], "n": [1, 2]}).set_index("para_id")
    header = chapter.escaped_html(frame.style).split("<thead>")[1].split("</thead>")[0]
    assert header.count("<tr>") == 1
    assert re.findall(r"<th [^>]*>([^<]*)</th>", header) == ["Paragraph", "Text", "n"]
    # two levels of column labels: the index name keeps its own row
    wide = frame.copy()
    wide.columns = pd.MultiIndex.from_tuples([("a", "text"), ("a", "n")])
    assert chapter.escaped_html(wide.style).split("<thead>")[1].count("index_name") == 1


def test_a_named_range_index_is_shown_in_latex():
    frame = pd.DataFrame({"value": [1, 2]}, index=pd.RangeIndex(2, 4, name="topics"))
    assert "topics" in chapter.latex_table(frame).lower()
