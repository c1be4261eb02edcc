"""`kit build --format md` and `questions show --format md`: Markdown for wikis, read back as
a wiki shows it (a CommonMark renderer with tables), against what the HTML kit shows."""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from ..conftest import SHIPPED, question, shipped_questions, snapshot, write_bank
from .test_kit import ROLE, interviewer_only, words

CANDIDATE = "Ada Lovelace"


def rendered(markdown: str) -> str:
    """The HTML a wiki makes of our Markdown: CommonMark with GitHub's tables."""
    return str(MarkdownIt("commonmark").enable("table").render(markdown))


def shown(markdown: str) -> str:
    """The text a reader of the rendered Markdown sees, block by block, folded as test_kit
    folds it."""
    parser = _Blocks()
    parser.feed(rendered(markdown))
    return " ".join(parser.blocks)


class _Blocks(HTMLParser):
    """The text of each block of an HTML document (paragraphs, list items, cells, headings,
    facts), leaving out what only paper has: lines to write on, the "read aloud" tab."""

    BLOCKS = frozenset({"h1", "h2", "h3", "h4", "p", "li", "td", "th", "dt", "dd", "pre"})
    PAPER = frozenset({"say", "notes", "fill-line", "masthead"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open: list[tuple[str, bool, list[str]]] = []  # tag, skipped, text

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self._open:
            self._open[-1][2].append(" ")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return self.handle_startendtag(tag, attrs)
        classes = set((dict(attrs).get("class") or "").split())
        skipped = bool(classes & self.PAPER) or bool(self._open and self._open[-1][1])
        self._open.append((tag, skipped, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open and tag not in self.VOID:
            name, skipped, text = self._open.pop()
            if name in self.BLOCKS and not skipped:
                self.blocks.append(words("".join(text)))
            if self._open and not skipped:
                self._open[-1][2].extend(text)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open and not self._open[-1][1]:
            self._open[-1][2].append(data)


def html_blocks(path: Path) -> list[str]:
    raw = re.sub(r"<style.*?</style>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    parser = _Blocks()
    parser.feed(raw)
    return [b for b in parser.blocks if b and not re.fullmatch(r"Notes on question \d+", b)]


def build(invoke: Any, out: Path, output: str, *extra: str) -> Path:
    result = invoke("kit", "build", "-r", ROLE, "--candidate", CANDIDATE, "--out", str(out),
                    "--format", output, "--company", "Acme Robotics", "--date", "2026-01-15",
                    *extra)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same kit (same seed) as HTML and as Markdown."""
    from typer.testing import CliRunner

    from interviewkit.cli import app

    root = tmp_path_factory.mktemp("md")
    out = []
    for output in ("html", "md"):
        result = CliRunner().invoke(app, [
            "kit", "build", "-r", ROLE, "--candidate", CANDIDATE, "--out", str(root / output),
            "--format", output, "--company", "Acme Robotics", "--date", "2026-01-15"],
            env={"INTERVIEWKIT_BANK": None})
        assert result.exit_code == 0, result.stderr
        out.append(root / output)
    return out[0], out[1]


def test_a_markdown_kit_has_guides_handouts_packet_and_yaml_cards(kits: tuple[Path, Path]
                                                                   ) -> None:
    html_kit, md_kit = kits
    documents = {p.stem for p in html_kit.glob("*.html")}
    cards = {stem for stem in documents if stem.startswith("scorecard-")}
    assert {p.stem for p in md_kit.glob("*.md")} == documents - cards
    assert {p.stem for p in md_kit.glob("*.yaml")} == cards  # the card a Markdown kit has
    assert not list(md_kit.glob("*.html")) and not list(md_kit.glob("*.pdf"))
    manifest = json.loads((md_kit / "kit.json").read_text())
    assert sorted(f["name"] for f in manifest["files"]) == sorted(
        p.name for p in md_kit.iterdir() if p.is_file() and p.name != "kit.json")
    # the same plan: Markdown is another way of writing the same kit
    assert manifest["stages"] == json.loads((html_kit / "kit.json").read_text())["stages"]


def test_markdown_shows_what_the_html_shows(kits: tuple[Path, Path]) -> None:
    html_kit, md_kit = kits
    for page in sorted(md_kit.glob("*.md")):
        text = shown(page.read_text(encoding="utf-8"))
        blocks = html_blocks(html_kit / f"{page.stem}.html")
        assert len(blocks) > 5, page.name
        # a guide says where its handout is: the Markdown file, in a Markdown kit
        missing = [b for b in blocks if b not in text and not b.startswith("Handout: share")]
        assert missing == [], page.name
    guide = (md_kit / "guide-debugging.md").read_text(encoding="utf-8")
    assert "share handout-coding-debug-" in guide and ".md (on screen, or printed)" in guide
    assert "PDF" not in guide  # a Markdown kit has none


def test_markdown_tables_and_lists_are_real_markdown(kits: tuple[Path, Path]) -> None:
    """A wiki shows the time plan and rubrics as tables and probes as lists, not as text
    with pipes and dashes in it."""
    _, md_kit = kits
    manifest = json.loads((md_kit / "kit.json").read_text())
    questions = {q["id"]: q for q in shipped_questions()}
    for stage in manifest["stages"]:
        page = rendered((md_kit / f"guide-{stage['stage']}.md").read_text(encoding="utf-8"))
        asked = [questions[qid] for qid in stage["questions"]]
        scored = [q for q in asked if q.get("scored", True)]
        # the time plan, each exercise's steps, each scored question's rubric
        assert page.count("<table>") == 1 + sum(bool(q.get("timing")) for q in asked) + len(
            scored), stage["stage"]
        assert page.count("<li>") == sum(len(q["look_for"]) + len(q["follow_ups"])
                                         + len(q["red_flags"]) for q in asked) + 6  # facts
        assert page.count("<h2>") == 1 + len(asked) + 1  # time plan, questions, decision rule


def test_a_code_handout_is_one_code_block_with_line_numbers(kits: tuple[Path, Path]) -> None:
    _, md_kit = kits
    handout = md_kit / "handout-coding-debug-audit-log-paging.md"
    page = rendered(handout.read_text(encoding="utf-8"))
    (block,) = re.findall(r'<pre><code class="language-python">(.*?)</code></pre>', page,
                          flags=re.S)
    source = (SHIPPED / "handouts" / "exercise-debug-audit-log.py").read_text(encoding="utf-8")
    lines = html.unescape(block).rstrip("\n").split("\n")
    assert len(lines) == len(source.splitlines())
    for number, (line, original) in enumerate(zip(lines, source.splitlines(), strict=True), 1):
        assert line.rstrip() == f"{number:>3}  {original}".rstrip()  # as written, numbered


def test_a_prose_handout_keeps_its_lines_and_indents(kits: tuple[Path, Path]) -> None:
    _, md_kit = kits
    handout = md_kit / "handout-design-high-traffic-rest-api.md"
    if not handout.exists():  # the plan drew the family's other problem
        handout = next(md_kit.glob("handout-design-*.md"))
    qid = handout.stem.removeprefix("handout-")
    name = next(q["handout"] for q in shipped_questions() if q["id"] == qid)
    source = (SHIPPED / "handouts" / name).read_text(encoding="utf-8").splitlines()
    page = rendered(handout.read_text(encoding="utf-8"))
    text = html.unescape(re.sub(r"<(?!br)[^>]+>", "", page)).replace("<br />", "")
    shown_lines = [line for line in text.splitlines() if line.strip()]
    written = [line.replace(" " * (len(line) - len(line.lstrip(" "))),
                            "\u00a0" * (len(line) - len(line.lstrip(" "))), 1)
               for line in source if line.strip()]
    # every line of the file, in order, as its own line, headings' underlines included
    assert [line for line in shown_lines if line in written] == written


def test_the_markdown_packet_never_shows_interviewer_material(kits: tuple[Path, Path]) -> None:
    _, md_kit = kits
    raw = (md_kit / "candidate-packet.md").read_text(encoding="utf-8")
    texts = {"markdown": words(raw), "rendered": shown(raw)}
    secret = []
    for q in shipped_questions():
        secret += [q["id"], q["prompt"], *interviewer_only(q)]
        if q.get("handout"):
            secret += [line for line in (SHIPPED / "handouts" / q["handout"]).read_text(
                encoding="utf-8").splitlines() if len(line.split()) >= 5]
    for name, text in texts.items():
        assert [s for s in secret if words(s) in text] == [], name
    assert "Hello Ada Lovelace" in texts["rendered"]
    assert "Do not ask" not in texts["rendered"]
    assert "How the panel decides" not in texts["rendered"]


def test_text_from_names_and_banks_prints_as_written(invoke: Any, tmp_path: Path) -> None:
    """Markdown in a candidate's name or a question's text is text: no link, image, raw
    HTML, emphasis, heading or table cell comes of it."""
    name = "Ada <img src=x onerror=alert(1)> *Bold* _em_ [x](https://evil.example) | # `c` \\"
    kit = tmp_path / "kit"
    result = invoke("kit", "build", "-r", ROLE, "--candidate", name, "--out", str(kit),
                    "--format", "md")
    assert result.exit_code == 0, result.stderr
    for page in (kit / "candidate-packet.md", kit / "guide-screen.md"):
        made = rendered(page.read_text(encoding="utf-8"))
        assert "<img" not in made and "evil.example\"" not in made and "<strong>Bold" not in made
        assert words(name) in shown(page.read_text(encoding="utf-8")), page.name

    hostile = "# Heading\n\n- item <b>bold</b> [link](javascript:alert(1)) ![i](x.png) | cell"
    prompt = "1. First *and* ~~second~~ <script>alert(1)</script> &amp; `code` ---"
    bank = write_bank(tmp_path / "bank", [question(
        "design-marked", prompt=prompt, why=hostile, look_for=["= setext", "+ plus", "> quote"],
        follow_ups=["   indented code?"], red_flags=["A | B"])])
    shown_md = invoke("questions", "show", "design-marked", "--format", "md", "--bank",
                      str(bank))
    assert shown_md.exit_code == 0, shown_md.stderr
    made = rendered(shown_md.stdout)
    for tag in ("<b>", "<a ", "<img", "<script", "<em>", "<del>", "<code>", "<h1>Heading"):
        assert tag not in made, tag
    text = shown(shown_md.stdout)
    for written in (prompt, hostile, "= setext", "+ plus", "> quote", "indented code?", "A | B"):
        assert words(written) in text, written


def test_questions_show_md_has_every_field(invoke: Any) -> None:
    q = next(q for q in shipped_questions() if q.get("level_rubrics") and q.get("handout"))
    result = invoke("questions", "show", q["id"], "--format", "md")
    assert result.exit_code == 0, result.stderr
    text = shown(result.stdout)
    for field in [q["prompt"], q["why"], q["sample_answer"], *q["look_for"], *q["follow_ups"],
                  *q["red_flags"], *q["rubric"].values(), f"handouts/{q['handout']}",
                  *(a for level in q["level_rubrics"].values() for a in level.values())]:
        assert words(field) in text, field
    for level in q["level_rubrics"]:
        assert f"Rubric at {level} (where it differs)" in text
    unscored = next(q for q in shipped_questions() if q.get("scored") is False)
    text = shown(invoke("questions", "show", unscored["id"], "--format", "md").stdout)
    assert "Rubric" not in text and "Not rated" in text


def test_rebuilding_as_markdown_keeps_filled_cards_and_reads_them(invoke: Any, tmp_path: Path
                                                                  ) -> None:
    kit = build(invoke, tmp_path / "kit", "md")
    manifest = json.loads((kit / "kit.json").read_text())
    stage = manifest["stages"][1]
    card: dict[str, Any] = yaml.safe_load((kit / f"scorecard-{stage['stage']}.yaml").read_text())
    card.update(interviewer="Eve Ng", overall=3, ratings={c: 3 for c in stage["competencies"]},
                evidence={c: "Walked through the trade-offs." for c in stage["competencies"]})
    filled = kit / "scores" / "eve.yaml"
    filled.write_text(yaml.safe_dump(card, sort_keys=False))
    before = snapshot(kit / "scores")
    # to HTML and PDF and back: the other format's files go, the filled card stays
    build(invoke, kit, "both", "--force")
    assert not list(kit.glob("*.md")) and list(kit.glob("*.pdf"))
    build(invoke, kit, "md", "--force")
    assert not list(kit.glob("*.pdf")) and not list(kit.glob("*.html"))
    assert snapshot(kit / "scores") == before
    read = invoke("scores", "read", str(filled), "--format", "json")
    assert read.exit_code == 0, read.stderr
    assert json.loads(read.stdout)[0]["interviewer"] == "Eve Ng"


def test_a_markdown_kit_never_imports_weasyprint(tmp_path: Path) -> None:
    """Through the real entry point, which starts a render host for a kit that makes PDFs
    (none here)."""
    import subprocess

    probe = (
        "import sys\n"
        "from interviewkit.entry import main\n"
        f"sys.argv = ['interviewkit', 'kit', 'build', '-r', {ROLE!r}, '--candidate', 'Ada',\n"
        f"            '--format', 'md', '--out', {str(tmp_path / 'kit')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as end:\n"
        "    assert not end.code, end.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'pypdf')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def team_templates(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


HOSTILE_NAME = "Ada <script>alert(1)</script> [x](https://evil.example)"


def test_a_documents_escaping_holds_in_everything_it_includes(invoke: Any, tmp_path: Path
                                                              ) -> None:
    """Whether text is escaped for HTML or for Markdown is the document's choice, not the
    name of a file it includes: a team's HTML packet that includes a partial called
    `*.md.j2` still escapes a name for HTML, and a Markdown packet that includes an HTML
    partial still escapes it for Markdown."""
    team = team_templates(tmp_path / "team", {
        "packet.html.j2": "<!doctype html><html><body>{% include 'hello.md.j2' %}</body></html>",
        "hello.md.j2": "<p>Hello {{ view.candidate }}</p>\n",
        "packet.md.j2": "# Packet\n\n{% include 'hello.html.j2' %}",
        "hello.html.j2": "Hello {{ view.candidate }}\n",
    })
    for output in ("html", "md"):
        result = invoke("kit", "build", "-r", ROLE, "--candidate", HOSTILE_NAME, "--stage",
                        "screen", "--templates", str(team), "--format", output, "--out",
                        str(tmp_path / output))
        assert result.exit_code == 0, result.stderr
    page = (tmp_path / "html" / "candidate-packet.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    made = rendered((tmp_path / "md" / "candidate-packet.md").read_text(encoding="utf-8"))
    assert "<a " not in made and "<script" not in made
    assert words(HOSTILE_NAME) in shown((tmp_path / "md" / "candidate-packet.md").read_text(
        encoding="utf-8"))


def test_escape_in_a_markdown_template_escapes_for_markdown(invoke: Any, tmp_path: Path
                                                            ) -> None:
    """`|e`, a habit from HTML templates, prints text as written in Markdown too, never as
    markup (it would be HTML-escaped text, in which a Markdown link still works)."""
    team = team_templates(tmp_path / "team", {"packet.md.j2": (
        "# Packet\n\n{{ view.candidate | e }}\n\n{{ view.candidate | escape }}\n\n"
        "{{ view.candidate | forceescape }}\n")})
    result = invoke("kit", "build", "-r", ROLE, "--candidate", HOSTILE_NAME, "--stage", "screen",
                    "--templates", str(team), "--format", "md", "--out", str(tmp_path / "kit"))
    assert result.exit_code == 0, result.stderr
    markdown = (tmp_path / "kit" / "candidate-packet.md").read_text(encoding="utf-8")
    made = rendered(markdown)
    assert "<a " not in made and "<script" not in made
    assert shown(markdown).count(words(HOSTILE_NAME)) == 3


def test_a_heading_keeps_the_hashes_its_text_ends_with(invoke: Any, tmp_path: Path) -> None:
    """A Markdown heading drops a run of # after a space at its end (a closing sequence):
    a stage, role or competency named so keeps its last word."""
    bank = write_bank(
        tmp_path / "bank", [question("craft-one", "craft"), question("craft-two", "craft")],
        roles=[{"id": "hash", "title": "Engineer, team #", "level": "senior",
                "summary": "A role.", "stages": [{
                    "id": "pair", "name": "Pairing round #", "minutes": 45,
                    "competencies": {"craft": 2}, "description": "Pairing."}]}],
        settings={"competencies": [{"id": "craft", "name": "Craft ##",
                                    "description": "How you build things."}]})
    result = invoke("kit", "build", "-r", "hash", "--candidate", CANDIDATE, "--bank", str(bank),
                    "--format", "md", "--out", str(tmp_path / "kit"))
    assert result.exit_code == 0, result.stderr
    guide = rendered((tmp_path / "kit" / "guide-pair.md").read_text(encoding="utf-8"))
    assert "<h1>Pairing round #</h1>" in guide
    assert "<h2>Question 1 · Craft ##</h2>" in guide
    packet = rendered((tmp_path / "kit" / "candidate-packet.md").read_text(encoding="utf-8"))
    assert "<h1>Engineer, team #</h1>" in packet


# What GitHub's Markdown (GFM) makes a link of in plain text, whatever escapes are around it
# (its extended autolinks), and what it reads as math: `$x$`, unless the $ is escaped.
GFM_AUTOLINK = re.compile(r"(?i)(?:https?|ftp)://|(?<![^\W_])www\.")
GFM_MATH = re.compile(r"(?<!\\)\$")


def test_addresses_and_dollars_print_as_written_on_github(invoke: Any, tmp_path: Path) -> None:
    """GitHub links an address found in text (https://…, www.…) after reading the escapes
    around it as part of it: https://x.example/\\~ann showed its backslash and led to the
    wrong page. And it sets $…$ as math. Escaped, both print as written, and no link comes
    of a name or a question."""
    url = "https://x.example/~ann/a_b_ (or www.x.example)"
    prompt = f"Read {url}, then run echo $HOME/$USER and ftp://y.example."
    bank = write_bank(tmp_path / "bank", [question("design-linked", prompt=prompt)])
    shown_md = invoke("questions", "show", "design-linked", "--format", "md", "--bank",
                      str(bank))
    assert shown_md.exit_code == 0, shown_md.stderr
    kit = tmp_path / "kit"
    built = invoke("kit", "build", "-r", ROLE, "--candidate", f"Ada {url} $5", "--stage",
                   "screen", "--format", "md", "--out", str(kit))
    assert built.exit_code == 0, built.stderr
    pages = {"questions show": shown_md.stdout,
             **{p.name: p.read_text(encoding="utf-8") for p in sorted(kit.glob("*.md"))}}
    for name, markdown in pages.items():
        assert GFM_AUTOLINK.findall(markdown) == [], name
        assert GFM_MATH.findall(markdown) == [], name
    assert words(prompt) in shown(pages["questions show"])
    assert words(f"Hello Ada {url} $5") in shown(pages["candidate-packet.md"])


def test_a_prose_handout_keeps_the_gaps_that_make_its_columns(invoke: Any, tmp_path: Path
                                                             ) -> None:
    """A timeline or a small table in a prose handout lines up with runs of spaces, which
    the HTML handout keeps (pre-wrap) and Markdown would fold into one: the reader could no
    longer see which row has no time."""
    bank = write_bank(tmp_path / "bank", [question("craft-timeline", "craft",
                                                   handout="timeline.txt")],
                      roles=[{"id": "t", "title": "T", "level": "senior", "summary": "A role.",
                              "stages": [{"id": "s", "name": "S", "minutes": 30,
                                          "competencies": {"craft": 1},
                                          "description": "A stage."}]}],
                      settings={"competencies": [{"id": "craft", "name": "Craft",
                                                  "description": "How you build things."}]})
    timeline = ["- Yesterday 16:00  the release appears.", "- Yesterday        CI runs 4 times.",
                "    indented  twice"]
    (bank / "handouts").mkdir()
    (bank / "handouts" / "timeline.txt").write_text("\n".join(timeline) + "\n")
    result = invoke("kit", "build", "-r", "t", "--candidate", CANDIDATE, "--bank", str(bank),
                    "--format", "md", "--out", str(tmp_path / "kit"))
    assert result.exit_code == 0, result.stderr
    page = rendered((tmp_path / "kit" / "handout-craft-timeline.md").read_text(encoding="utf-8"))
    text = html.unescape(re.sub(r"<(?!br)[^>]+>", "", page)).replace("<br />", "")
    for line in timeline:
        assert re.sub(" {2,}|^ +", lambda run: "\u00a0" * len(run[0]), line) in text, line


@pytest.mark.parametrize(("source", "message"), [
    ("# Packet\n\n{{ view.role_title | place }}\n",
     "place takes an interview's appointment (such as stage.appointment), not str"),
    ("# Packet\n\n{{ view | place }}\n",
     "place takes an interview's appointment (such as stage.appointment), not CandidatePacketView"),
    ("# Packet\n\n{{ 5 | fence }}\n", "fence takes a code block's lines (text), not int"),
    ("# Packet\n\n{{ [1, 2] | fence }}\n", "fence takes a code block's lines (text), not list"),
])
def test_a_markdown_filter_given_the_wrong_value_is_the_templates_error(
        source: str, message: str, invoke: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A team's Markdown template that gives `place` or `fence` something else than they
    take is told so, at its line, as any template error: never a traceback."""
    monkeypatch.chdir(tmp_path)
    team_templates(tmp_path / "team", {"packet.md.j2": source})
    result = invoke("kit", "build", "-r", ROLE, "--candidate", CANDIDATE, "--stage", "screen",
                    "--templates", "team", "--format", "md", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == f"error: team/packet.md.j2:3: template error: {message}\n"
    assert not Path("out").exists()
