# Two commands for a new user:  make book  (HTML and PDF)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
JBFLAGS ?= -W -n --keep-going
# matplotlib keeps its config and font list in the project (git-ignored), not in ~/.cache, so
# a font list made on another day, before or after system fonts came, cannot change a figure.
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
# The folder of articles the book is built from: make book CORPUS=/path/to/articles
CORPUS ?= seeds
# Worker processes of the corpus stage and the analysis (the tables are the same for any number)
PROCESSES ?= 2
# The book's notebooks, in the order of _toc.yml.
NOTEBOOKS := $(addsuffix .ipynb,$(shell sed -n 's/^ *- file: *\(notebooks\/[^ ]*\) *$$/\1/p' _toc.yml))

.PHONY: book html pdf data notebooks test nbval setup system-deps clean bench

# The PDF first, so that the HTML site can offer it for download (_ext/policybook.py copies it).
book: pdf
	$(BIN)/jupyter-book build . --builder html $(JBFLAGS)

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	touch $@

system-deps:
	bash scripts/system-deps.sh

data: setup
	$(BIN)/python -m policytext build --corpus $(CORPUS) --out data/derived --processes $(PROCESSES)

notebooks: data
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)

html: notebooks
	$(BIN)/jupyter-book build . --builder html $(JBFLAGS)

pdf: notebooks system-deps
	$(BIN)/jupyter-book build . --builder pdflatex $(JBFLAGS)

test: setup
	$(BIN)/python -m pytest tests $(NOTEBOOKS) --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

nbval: setup
	$(BIN)/python -m pytest $(NOTEBOOKS) --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

# Timings of the pipeline and the book build (minutes; writes bench/results.json for the appendix).
bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf _build
