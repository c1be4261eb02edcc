"""`interviewkit kit build|blank`: the documents a person gets, read back as a person would."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader, PdfWriter

from interviewkit.bank.load import load_bank
from interviewkit.kit.scorecard import UNSCORED
from interviewkit.output import slugify
from interviewkit.plan.selection import default_seed

from ..conftest import SHIPPED, shipped_questions, shipped_role, snapshot, write_bank

ROLE = "senior-python-engineer"


def words(text: str) -> str:
    """Text folded for comparison: runs of white space as one space, and no hyphens, since
    pdftotext drops a hyphen where a line breaks after one ("flake8-\nbugbear")."""
    return " ".join(text.split()).replace("-", "")


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                            check=True)
    return words(re.sub(r"-\n", "", result.stdout))


def html_text(path: Path) -> str:
    """The text a reader of the HTML sees: tags dropped, entities decoded."""
    import html

    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<style.*?</style>", " ", raw, flags=re.S)
    return words(html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def anchors(question: dict[str, Any], level: str) -> dict[int, str]:
    """The rubric a kit for a role at `level` shows, read from the YAML: the level's own
    anchors where the question has them, its rubric elsewhere (none if unscored)."""
    return {**question.get("rubric", {}), **question.get("level_rubrics", {}).get(level, {})}


def interviewer_only(question: dict[str, Any]) -> list[str]:
    """Every sentence of a question meant for the interviewer alone: never shown to a
    candidate, not even in a handout shared during the interview."""
    return [question["why"], question["sample_answer"], *question["look_for"],
            *question["follow_ups"], *question["red_flags"],
            *question.get("rubric", {}).values(),
            *(anchor for level in question.get("level_rubrics", {}).values()
              for anchor in level.values()),
            *(step["step"] for step in question.get("timing", []))]


def handouts_of(kit: Path) -> list[str]:
    """The questions of a kit's plan that have a handout, read from kit.json and the YAML."""
    with_handout = {q["id"] for q in shipped_questions() if q.get("handout")}
    return [qid for stage in json.loads((kit / "kit.json").read_text())["stages"]
            for qid in stage["questions"] if qid in with_handout]


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from interviewkit.cli import app

    out = tmp_path_factory.mktemp("kits") / "ada"
    result = CliRunner().invoke(app, ["kit", "build", "--role", ROLE, "--candidate",
                                      "Ada Lovelace", "--out", str(out), "--company",
                                      "Acme Robotics", "--date", "2026-01-15"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("kit ")
    return out


def test_every_document_is_written(kit: Path) -> None:
    stages = [s["id"] for s in shipped_role(ROLE)["stages"]]
    expected = {"kit.json", "candidate-packet.html", "candidate-packet.pdf", "scores"}
    for stage in stages:
        expected |= {f"{kind}-{stage}.{ext}" for kind in ("guide", "scorecard")
                     for ext in ("html", "pdf")}
    handouts = handouts_of(kit)
    assert handouts  # the debugging exercise's code at least
    expected |= {f"handout-{qid}.{ext}" for qid in handouts for ext in ("html", "pdf")}
    assert {p.name for p in kit.iterdir()} == expected


def test_manifest_records_the_plan_and_every_file(kit: Path) -> None:
    manifest = json.loads((kit / "kit.json").read_text())
    assert manifest["role"] == ROLE
    assert manifest["candidate"] == "Ada Lovelace"
    assert manifest["seed"] == default_seed(ROLE, "Ada Lovelace")
    assert manifest["bank"]["sha256"] == load_bank().content_hash
    assert manifest["bank"]["git"] is None or len(manifest["bank"]["git"]["commit"]) == 40
    for entry in manifest["files"]:
        assert hashlib.sha256((kit / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    assert len(manifest["files"]) == len([p for p in kit.iterdir() if p.is_file()]) - 1
    role = shipped_role(ROLE)
    questions = {q["id"]: q for q in shipped_questions()}
    asked = [qid for stage in manifest["stages"] for qid in stage["questions"]]
    assert len(asked) == len(set(asked))  # nothing asked twice in a loop
    for stage, planned in zip(role["stages"], manifest["stages"], strict=True):
        assert planned["stage"] == stage["id"]
        asked_here = [questions[qid] for qid in planned["questions"]]
        for q in asked_here:
            assert role["level"] in q["levels"]
            # an exercise stage asks exercises only, an interview stage none
            assert (q["kind"] == "exercise") == (stage.get("kind") == "exercise"), q["id"]
        # one question of each family the stage asks, in the stage's order
        assert [q["family"] for q in asked_here] == stage["families"]
        # the card rates the competencies of the scored questions, and no other
        assert planned["competencies"] == list(dict.fromkeys(
            q["competency"] for q in asked_here if q.get("scored", True)))
        minutes = sum(questions[qid]["minutes"] for qid in planned["questions"])
        assert minutes + stage["candidate_minutes"] <= stage["minutes"]


def test_same_seed_same_plan_and_another_seed_rotates(kit: Path, invoke: Any,
                                                      tmp_path: Path) -> None:
    manifest = json.loads((kit / "kit.json").read_text())

    def plan(seed: int, name: str) -> list[list[str]]:
        out = tmp_path / name
        result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada Lovelace", "--out",
                        str(out), "--seed", str(seed), "--format", "html")
        assert result.exit_code == 0, result.stderr
        return [s["questions"] for s in json.loads((out / "kit.json").read_text())["stages"]]

    assert plan(manifest["seed"], "again") == [s["questions"] for s in manifest["stages"]]
    others = {json.dumps(plan(seed, f"seed{seed}")) for seed in range(5)}
    assert len(others) > 1


def test_guide_has_everything_an_interviewer_needs(kit: Path) -> None:
    manifest = json.loads((kit / "kit.json").read_text())
    questions = {q["id"]: q for q in shipped_questions()}
    level = shipped_role(ROLE)["level"]
    level_name = next(entry["name"] for entry in yaml.safe_load(
        (SHIPPED / "bank.yaml").read_text())["levels"] if entry["id"] == level)
    stage = manifest["stages"][0]  # the screen: a scored question and an unscored one
    assert {questions[qid].get("scored", True) for qid in stage["questions"]} == {True, False}
    pdf = pdf_text(kit / f"guide-{stage['stage']}.pdf")
    html = html_text(kit / f"guide-{stage['stage']}.html")
    for text in (pdf, html):
        assert "Ada Lovelace" in text
        assert "Acme Robotics" in text
        assert words("2026-01-15") in text
        assert "Time plan" in text and "The candidate's questions" in text
        assert "Score on your own" in text
        for qid in stage["questions"]:
            q = questions[qid]
            for field in ("prompt", "why", "sample_answer"):
                assert words(q[field]) in text, (qid, field)
            for field in ("look_for", "follow_ups", "red_flags"):
                for item in q[field]:
                    assert words(item) in text, (qid, field)
            if not q.get("scored", True):
                assert words(UNSCORED) in text, qid  # in place of a rubric
                continue
            shown = anchors(q, level)
            assert shown != q["rubric"], qid  # the role's level has anchors of its own
            for value, anchor in shown.items():
                assert words(anchor) in text, qid
                if q["rubric"][value] != anchor:  # the level's anchor replaces the base one
                    assert words(q["rubric"][value]) not in text, qid
            assert f"rubric at the {level_name} level".lower() in text.lower(), qid
    assert re.search(r"Page 1 of \d+", pdf)
    # every guide names the handouts of its questions, for the interviewer to share
    for planned in manifest["stages"]:
        guide = html_text(kit / f"guide-{planned['stage']}.html")
        for qid in planned["questions"]:
            if questions[qid].get("handout"):
                assert words(f"handout-{qid}.pdf") in guide, qid


def test_scorecard_form_fills_and_reads_back(kit: Path, tmp_path: Path) -> None:
    stage = shipped_role(ROLE)["stages"][0]  # the screen: it rates and takes notes
    path = kit / f"scorecard-{stage['id']}.pdf"
    reader = PdfReader(path)
    fields = reader.get_fields() or {}
    planned = json.loads((kit / "kit.json").read_text())["stages"][0]
    competencies = planned["competencies"]
    assert competencies
    questions = {q["id"]: q for q in shipped_questions()}
    unscored = [qid for qid in planned["questions"] if not questions[qid].get("scored", True)]
    assert unscored
    expected = {"interviewer", "date", "overall", "interviewkit_identity", "notes"} | {
        f"{kind}_{c}" for c in competencies for kind in ("rating", "evidence")}
    assert set(fields) == expected
    assert not any("." in name for name in fields)
    rating = fields[f"rating_{competencies[0]}"]
    assert rating["/FT"] == "/Ch"
    assert [opt[0] for opt in rating["/Opt"]] == ["-", "1", "2", "3", "4"]
    values = {"interviewer": "Grace Hopper", "date": "2026-01-16", "overall": "3",
              f"rating_{competencies[0]}": "4",
              f"evidence_{competencies[0]}": "Named a rollback and the alert that fired.",
              "notes": "Wants a team that reviews designs before building."}
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    back = {k: v.get("/V") for k, v in (PdfReader(filled).get_fields() or {}).items()}
    assert {k: back[k] for k in values} == values
    meta = reader.metadata or {}
    manifest = json.loads((kit / "kit.json").read_text())
    assert meta["/interviewkitkitid"] == manifest["kit_id"]
    assert meta["/interviewkitstage"] == stage["id"]
    assert meta["/interviewkitcandidate"] == "Ada Lovelace"
    assert meta["/Author"] == "Acme Robotics"


def test_scorecard_prints_every_rating_and_meaning(kit: Path) -> None:
    stage = shipped_role(ROLE)["stages"][1]["id"]
    text = pdf_text(kit / f"scorecard-{stage}.pdf")
    for point in load_bank().rating_scale:
        assert f"{point.value} {point.label} {point.meaning}" in text
    assert "Overall recommendation" in text


def test_candidate_packet_never_shows_interviewer_material(kit: Path) -> None:
    packet_html = (kit / "candidate-packet.html").read_text(encoding="utf-8")
    texts = {"html": html_text(kit / "candidate-packet.html"),
             "raw html": words(packet_html),
             "pdf": pdf_text(kit / "candidate-packet.pdf")}
    secret = []
    for q in shipped_questions():
        secret += [q["id"], q["prompt"], *interviewer_only(q)]
        if q.get("handout"):  # shared in the interview, never sent before it
            secret += [line for line in (SHIPPED / "handouts" / q["handout"]).read_text(
                encoding="utf-8").splitlines() if len(line.split()) >= 5]
    for name, text in texts.items():
        leaked = [s for s in secret if words(s) in text]
        assert leaked == [], name
    role = shipped_role(ROLE)
    for stage in role["stages"]:
        assert words(stage["description"]) in texts["pdf"]
    assert words(role["summary"]) in texts["pdf"]
    assert "Hello Ada Lovelace" in texts["pdf"]


def test_a_handout_never_shows_interviewer_material(kit: Path) -> None:
    """A handout is shown to the candidate during the interview: none of the bank's
    interviewer-only text may be in it, nor in the file it is made from."""
    secret = [s for q in shipped_questions() for s in interviewer_only(q)]
    handouts = handouts_of(kit)
    assert handouts
    for qid in handouts:
        html = kit / f"handout-{qid}.html"
        texts = {"html": html_text(html), "raw html": words(html.read_text(encoding="utf-8")),
                 "pdf": pdf_text(kit / f"handout-{qid}.pdf")}
        for name, text in texts.items():
            assert [s for s in secret if words(s) in text] == [], (qid, name)
            # the same page for every candidate asked the question (a day renders it once)
            assert "Lovelace" not in text, (qid, name)
    # every handout of the bank, as any kit would show it
    for q in shipped_questions():
        if q.get("handout"):
            text = words((SHIPPED / "handouts" / q["handout"]).read_text(encoding="utf-8"))
            assert [s for s in secret if words(s) in text] == [], q["id"]


def test_pdfs_are_tagged_and_carry_metadata(kit: Path) -> None:
    for name in ("guide-system-design.pdf", "candidate-packet.pdf",
                 "scorecard-system-design.pdf"):
        reader = PdfReader(kit / name)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, name
        structure = root["/StructTreeRoot"].get_object()
        assert structure.get("/K") is not None, name
        assert root["/Lang"] == "en"
        meta = reader.metadata or {}
        assert meta["/Author"] == "Acme Robotics"
        assert meta["/Title"]


def test_html_is_self_contained(kit: Path) -> None:
    for path in kit.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<style>" in html
        assert not re.search(r"""(src|href)=["'](?!data:|#)""", html), path.name
        assert '<html lang="en">' in html


def test_slugs_are_safe() -> None:
    assert slugify("Ada Lovelace") == "ada-lovelace"
    assert slugify("José Ñúñez") == "jose-nunez"
    for hostile in ("../../etc", "CON", "", "x" * 300, "🙂🙂", "李小龍", "a/b\\c"):
        slug = slugify(hostile)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), hostile
        assert len(slug) <= 70
        assert slug not in ("con", "..", "")
    assert slugify("李小龍") != slugify("王小明")
    assert slugify("x" * 300) != slugify("x" * 299)


def test_hostile_names_are_literal_text(invoke: Any, tmp_path: Path) -> None:
    for name in ('<img src="file:///etc/passwd">', "<script>alert(1)</script>"):
        out = tmp_path / slugify(name)
        result = invoke("kit", "build", "-r", ROLE, "--candidate", name, "--out", str(out),
                        "--stage", "values")
        assert result.exit_code == 0, result.stderr
        packet = (out / "candidate-packet.html").read_text(encoding="utf-8")
        assert name not in packet  # never as markup
        assert name in html_text(out / "candidate-packet.html")
        assert name in pdf_text(out / "candidate-packet.pdf")
        assert "root:" not in pdf_text(out / "candidate-packet.pdf")


def test_existing_kit_is_refused_then_replaced_with_force(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    args = ["kit", "build", "-r", ROLE, "--candidate", "Ada Lovelace", "--out", str(out),
            "--format", "html", "--stage", "values"]
    assert invoke(*args).exit_code == 0
    before = snapshot(out)
    again = invoke(*args, "--date", "2030-01-01")
    assert again.exit_code == 2
    assert "a kit is already there; add --force" in again.stderr
    assert snapshot(out) == before
    forced = invoke(*args, "--date", "2030-01-01", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "2030-01-01" in (out / "guide-values.html").read_text()
    other = invoke("kit", "build", "-r", ROLE, "--candidate", "ADA LOVELACE", "--out", str(out),
                   "--format", "html", "--force")
    assert other.exit_code == 2
    assert "holds the kit of 'Ada Lovelace', not 'ADA LOVELACE'" in other.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_failed_render_leaves_earlier_kit_intact(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    args = ["kit", "build", "-r", ROLE, "--candidate", "Ada Lovelace", "--out", str(out),
            "--format", "html", "--stage", "values"]
    assert invoke(*args).exit_code == 0
    before = snapshot(out)
    team = tmp_path / "team-templates"
    team.mkdir()
    (team / "packet.html.j2").write_text('{% extends "base.html.j2" %}\n{% block body %}\n'
                                         "<p>{{ view.no_such_field }}</p>\n{% endblock %}\n")
    failed = invoke(*args, "--force", "--templates", str(team))
    assert failed.exit_code == 2
    assert re.search(r"packet\.html\.j2:3: template error: .*no_such_field", failed.stderr)
    assert "Traceback" not in failed.stderr
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_team_templates_override_and_are_sandboxed(invoke: Any, tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "macros.html.j2").write_text(
        (Path(__file__).parent.parent.parent / "templates" / "macros.html.j2").read_text()
        .replace("<h1>{{ title }}</h1>", "<h1>{{ title }} (Acme edition)</h1>"))
    out = tmp_path / "kit"
    ok = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out", str(out),
                "--format", "html", "--stage", "values", "--templates", str(team))
    assert ok.exit_code == 0, ok.stderr
    assert "(Acme edition)" in (out / "guide-values.html").read_text()
    (team / "packet.html.j2").write_text(
        "{{ view.__class__.__init__.__globals__ }}\n")
    bad = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out", str(tmp_path / "b"),
                 "--format", "html", "--stage", "values", "--templates", str(team))
    assert bad.exit_code == 2
    assert "packet.html.j2:1: template error" in bad.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "guide.html.j2").write_text("{% if %}\n")
    syntax = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out",
                    str(tmp_path / "c"), "--format", "html", "--templates", str(broken))
    assert syntax.exit_code == 2
    assert re.search(r"guide\.html\.j2:1: template syntax error", syntax.stderr)


def test_network_and_outside_files_are_refused_in_pdf(invoke: Any, tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd"):
        (team / "packet.html.j2").write_text(f'<html><body><img src="{url}"></body></html>')
        result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--out",
                        str(tmp_path / "out"), "--stage", "values", "--templates", str(team))
        assert result.exit_code == 2
        assert f"candidate-packet.pdf: refused to fetch {url}" in result.stderr
        assert not (tmp_path / "out").exists()


def test_blank_kit_for_printing(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "blank"
    result = invoke("kit", "blank", "-r", ROLE, "--out", str(out), "--format", "pdf",
                    "--stage", "system-design")
    assert result.exit_code == 0, result.stderr
    handouts = [f"handout-{qid}.pdf" for qid in handouts_of(out)]
    assert sorted(p.name for p in out.iterdir()) == sorted([
        "guide-system-design.pdf", "kit.json", "scorecard-system-design.pdf", "scores",
        *handouts])
    text = pdf_text(out / "scorecard-system-design.pdf")
    assert "Candidate" in text and "Ada" not in text
    assert json.loads((out / "kit.json").read_text())["candidate"] is None


def test_names_in_every_script(invoke: Any, tmp_path: Path) -> None:
    for name in ("Zoë Ünal-Åström", "Дмитрий Шостакович", "Αλέξανδρος Παπαδόπουλος",
                 "李小龍", "محمد الخوارزمي", "שרה כהן"):
        out = tmp_path / slugify(name)
        result = invoke("kit", "build", "-r", ROLE, "--candidate", name, "--out", str(out),
                        "--stage", "values", "--format", "pdf")
        assert result.exit_code == 0, result.stderr
        assert "warning" not in result.stderr, name
        text = pdf_text(out / "candidate-packet.pdf")
        # pdftotext gives right-to-left text in logical order, word by word
        assert all(words(part) in text for part in name.split()), (name, text[:200])


def test_a_name_no_font_covers_warns(invoke: Any, tmp_path: Path) -> None:
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada \U000F0000",
                    "--out", str(tmp_path / "k"), "--stage", "values", "--format", "pdf")
    assert result.exit_code == 0
    assert "warning: no installed font has '\U000F0000' (U+F0000)" in result.stderr


def test_team_config_file(invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                          ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "interviewkit.toml").write_text(
        'company = "Configured Co"\npage_size = "letter"\naccent = "#aa3300"\n')
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values",
                    "--format", "pdf")
    assert result.exit_code == 0, result.stderr
    packet = PdfReader(tmp_path / "out" / "ada" / "candidate-packet.pdf")
    assert (packet.metadata or {})["/Author"] == "Configured Co"
    box = packet.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    (tmp_path / "interviewkit.toml").write_text('compnay = "typo"\n')
    bad = invoke("kit", "build", "-r", ROLE, "--candidate", "Bo", "--format", "html")
    assert bad.exit_code == 2
    assert "interviewkit.toml:1:1: compnay: unknown setting (did you mean 'company'?)" in bad.stderr


def test_python_api_plans_and_renders(tmp_path: Path) -> None:
    from interviewkit import KitOptions, load_bank, plan_kit, render_kit

    bank = load_bank()
    plan = plan_kit(bank, ROLE, "Grace Hopper", seed=7)
    assert plan == plan_kit(bank, ROLE, "Grace Hopper", seed=7)
    result = render_kit(bank, plan, tmp_path / "grace", KitOptions(format="html"))
    assert result.manifest.kit_id == plan.kit_id
    assert "kit.json" in result.files
    assert all((tmp_path / "grace" / name).is_file() for name in result.files)
    assert not any(name.endswith(".pdf") for name in result.files)


def test_logo_is_embedded_as_data_uri(invoke: Any, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import base64

    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4"
                           "DwABBAEAwS2OUAAAAABJRU5ErkJggg==")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.png").write_bytes(png)
    (tmp_path / "interviewkit.toml").write_text('logo = "logo.png"\ncompany = "Logo Co"\n')
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada", "--stage", "values")
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "out" / "ada" / "guide-values.html").read_text()
    assert f'src="data:image/png;base64,{base64.b64encode(png).decode()}"' in html
    assert PdfReader(tmp_path / "out" / "ada" / "guide-values.pdf").pages[0].images
    (tmp_path / "interviewkit.toml").write_text('logo = "missing.png"\n')
    missing = invoke("kit", "build", "-r", ROLE, "--candidate", "Bo", "--format", "html")
    assert missing.exit_code == 2
    assert "missing.png: cannot read the logo" in missing.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["-r", "senior-python", "--candidate", "Ada"],
     "error: unknown role 'senior-python' (did you mean 'senior-python-engineer'?)"),
    (["-r", ROLE, "--candidate", "Ada", "--stage", "valuez"],
     "error: unknown stage 'valuez' (did you mean 'values'?)"),
    (["-r", ROLE, "--candidate", "   "], "error: --candidate must not be empty"),
])
def test_bad_kit_requests(invoke: Any, tmp_path: Path, args: list[str], message: str) -> None:
    result = invoke("kit", "build", *args, "--out", str(tmp_path / "k"), "--format", "html")
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert not (tmp_path / "k").exists()


def test_our_stylesheet_is_all_understood_by_weasyprint(kit: Path,
                                                         caplog: pytest.LogCaptureFixture
                                                         ) -> None:
    """A property WeasyPrint ignores is a silent gap on paper (color-mix() once was, and
    user-select on a handout's line numbers). Every document of the kit, rendered here by a
    renderer of the test's own: a renderer that has served before keeps the stylesheet it
    parsed, and says nothing more of it (as the one `kit build` keeps for its process did
    once an earlier test had built a kit), and a pool's workers log in processes of their
    own."""
    import logging

    from interviewkit.kit.pdf import PdfRenderer
    from interviewkit.kit.render import Renderer

    renderer = PdfRenderer(Renderer(()).search_path)
    pages = sorted(kit.glob("*.html"))
    assert {page.name.split("-")[0] for page in pages} == {"guide", "scorecard", "handout",
                                                           "candidate"}
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        for page in pages:
            renderer.write_pdf(page.read_text(encoding="utf-8"),
                               base_dir=renderer.search_path[0], name=f"{page.stem}.pdf",
                               forms=page.name.startswith("scorecard-"))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_the_scorecard_is_written_by_its_contract(kit: Path) -> None:
    """The PDF form, the document information and the YAML skeleton carry exactly the names
    kit/scorecard.py gives, so that a rename there is a rename everywhere."""
    import yaml

    from interviewkit.kit import scorecard as contract

    stage = shipped_role(ROLE)["stages"][0]  # the screen: it rates and takes notes
    competencies = json.loads((kit / "kit.json").read_text())["stages"][0]["competencies"]
    assert competencies
    reader = PdfReader(kit / f"scorecard-{stage['id']}.pdf")
    names = {name for name in reader.get_fields() or {} if "." not in name}
    assert names == {contract.INTERVIEWER, contract.DATE, contract.OVERALL,
                     contract.IDENTITY_FIELD, contract.NOTES,
                     *map(contract.rating_field, competencies),
                     *map(contract.evidence_field, competencies)}
    options = reader.get_fields()[contract.OVERALL].get("/Opt")
    assert any(contract.NOT_RATED in str(option) for option in options)
    info = reader.metadata or {}
    assert all(contract.pdf_info_key(key) in info for key in contract.IDENTITY)
    from interviewkit.bank.load import load_bank
    from interviewkit.kit.build import yaml_scorecard
    from interviewkit.plan.selection import plan_kit

    plan = plan_kit(load_bank(), ROLE, "Ada Lovelace")
    skeleton = yaml.safe_load(yaml_scorecard(load_bank(), plan, stage["id"], ""))
    assert set(skeleton) == {*contract.IDENTITY, contract.INTERVIEWER, contract.DATE,
                             contract.OVERALL, contract.RATINGS_KEY, contract.EVIDENCE_KEY,
                             contract.NOTES}
    assert list(skeleton[contract.RATINGS_KEY]) == competencies


def test_every_page_has_a_main_landmark_and_every_field_its_own_name(kit: Path) -> None:
    """A screen reader can tell the fields of a card apart: each names its competency."""
    from html.parser import HTMLParser

    import yaml

    class Fields(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.mains = 0
            self.names: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            self.mains += tag == "main"
            if tag in ("select", "textarea") and (found.get("name") or "").startswith(
                    ("rating_", "evidence_")):
                self.names.append(found.get("aria-label") or "")

    competencies = {q["id"]: q["name"] for q in yaml.safe_load(
        (SHIPPED / "bank.yaml").read_text())["competencies"]}
    for page in sorted(kit.glob("*.html")):
        parsed = Fields()
        parsed.feed(page.read_text())
        assert parsed.mains == 1, page.name
        assert len(set(parsed.names)) == len(parsed.names), page.name
        for name in parsed.names:
            assert name.startswith(("Rating: ", "Evidence: ")), name
            assert name.split(": ", 1)[1] in competencies.values(), name


def test_pdfs_carry_the_facts_assistive_technology_reads(kit: Path) -> None:
    """XMP metadata with a title and the PDF/UA identifier; text that extracts as written
    (no "ﬁ" ligature, no "Kit Kit"); question headings not under "Time plan"."""
    for path in sorted(kit.glob("*.pdf")):
        reader = PdfReader(path)
        xmp = reader.xmp_metadata
        assert xmp is not None and (xmp.dc_title or {}).get("x-default"), path.name
        assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                             check=True).stdout
        assert "\ufb01" not in raw and "\ufb02" not in raw, path.name
        assert "Kit Kit" not in raw, path.name
    for page in sorted(kit.glob("*.html")):
        html = page.read_text()
        assert "<th>" not in html and "<th class" not in html, page.name  # every th scoped
    guide = next(kit.glob("guide-*.html")).read_text()
    assert '<h2 class="question-title">Question 1' in guide


def test_every_guide_says_what_not_to_ask_and_the_packet_does_not(kit: Path) -> None:
    guides = sorted(kit.glob("guide-*.pdf"))
    assert guides
    for guide in guides:
        from ..conftest import pdf_text as page_text

        cover = " ".join(page_text(guide, 1).split())  # on the page read before the interview
        assert "Do not ask" in cover, guide.name
        for topic in ("age;", "pregnancy", "disability", "religion", "nationality",
                      "whether they may work where the role is", "do not write it down"):
            assert topic in cover, (guide.name, topic)
        assert "Do not ask" in (kit / f"{guide.stem}.html").read_text(encoding="utf-8")
    assert "Do not ask" not in pdf_text(kit / "candidate-packet.pdf")
    assert "Do not ask" not in pdf_text(next(kit.glob("scorecard-*.pdf")))


def test_every_guide_ends_with_the_roles_decision_rule_for_the_panel_only(
        kit: Path, invoke: Any, tmp_path: Path) -> None:
    rule = " ".join(shipped_role(ROLE)["decision_rule"].split())
    assert "never averaged away" in rule
    for guide in sorted(kit.glob("guide-*.pdf")):
        text = " ".join(pdf_text(guide).split())
        assert f"How the panel decides {rule}" in text, guide.name
    for name in ("candidate-packet.pdf", "candidate-packet.html"):
        assert "How the panel decides" not in (pdf_text(kit / name) if name.endswith(".pdf")
                                               else (kit / name).read_text(encoding="utf-8"))
        assert rule[:60] not in " ".join((pdf_text(kit / name) if name.endswith(".pdf") else
                                          (kit / name).read_text(encoding="utf-8")).split())
    # a role without one: no section
    team = tmp_path / "team"
    role = {k: v for k, v in shipped_role(ROLE).items() if k != "decision_rule"}
    write_bank(team, roles=[{**role, "id": "no-rule"}])
    built = invoke("kit", "build", "-r", "no-rule", "--candidate", "Ada", "--bank", str(team),
                   "--out", str(tmp_path / "kit"), "--format", "html", "--stage", "values")
    assert built.exit_code == 0, built.output
    assert "How the panel decides" not in (tmp_path / "kit" / "guide-values.html").read_text()


def test_a_rubric_is_printed_whole_on_one_page(invoke: Any, tmp_path: Path) -> None:
    from ..conftest import pdf_text as page_text

    # pinned, this question's long signals once pushed its rubric across a page break; the
    # backend loop's system design asks its family
    role, pinned = "backend-engineer", "design-asyncio-threads-processes"
    built = invoke("kit", "build", "-r", role, "--candidate", "Ada", "--format", "pdf",
                   "--out", str(tmp_path / "kit"), "--stage", "system-design", "--pin", pinned)
    assert built.exit_code == 0, built.output
    guide = tmp_path / "kit" / "guide-system-design.pdf"
    pages = [" ".join(page_text(guide, n).split())
             for n in range(1, len(PdfReader(guide).pages) + 1)]
    asked = json.loads((tmp_path / "kit" / "kit.json").read_text())["stages"][0]["questions"]
    assert pinned in asked
    level = shipped_role(role)["level"]
    rubrics = {q["id"]: anchors(q, level) for q in shipped_questions()}
    for qid in asked:
        starts = {value: " ".join(anchor.split()[:6]) for value, anchor in rubrics[qid].items()}
        on = {value: [n for n, text in enumerate(pages) if start in text]
              for value, start in starts.items()}
        assert all(len(found) == 1 for found in on.values()), (qid, on)
        assert len({found[0] for found in on.values()}) == 1, (qid, on)


@pytest.mark.parametrize(("output", "named"), [
    ("both", "handout-{}.pdf (or .html, on screen)"), ("pdf", "handout-{}.pdf as you read"),
    ("html", "handout-{}.html as you read")])
def test_a_guide_names_the_handout_files_its_kit_has(invoke: Any, tmp_path: Path,
                                                     output: str, named: str) -> None:
    kit = tmp_path / output
    result = invoke("kit", "build", "-r", ROLE, "--candidate", "Ada Lovelace", "--out",
                    str(kit), "--format", output, "--stage", "debugging")
    assert result.exit_code == 0, result.stderr
    (qid,) = handouts_of(kit)
    assert (kit / named.format(qid).split(" ")[0]).is_file()
    guide = kit / f"guide-debugging.{'html' if output != 'pdf' else 'pdf'}"
    text = pdf_text(guide) if output == "pdf" else html_text(guide)
    assert words(f"share {named.format(qid)}") in text
