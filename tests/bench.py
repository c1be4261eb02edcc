"""`make bench`: how fast interviewkit is, as ratios measured in one run on this machine.

Timings are printed, never asserted: tests stay about behaviour. Each figure is the best of
several runs, which is the least noisy estimate of what the code costs.
"""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from interviewkit.kit.pool import usable_cores
from tests.browser import CHROMIUM, CHROMIUM_FLAGS

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
RUNS = 15

# Typer 0.2x builds a pydantic adapter for every option when it parses a command line, so a
# Typer app costs more than `import typer` before it does anything. This app declares the
# options of `questions list` and does nothing: the floor that any Typer CLI of that shape pays.
TYPER_FLOOR = """
from enum import StrEnum
from pathlib import Path
from typing import Annotated
import typer
class Format(StrEnum):
    table = "table"
    json = "json"
    ids = "ids"
app = typer.Typer()
questions = typer.Typer()
app.add_typer(questions, name="questions")
@app.callback()
def root(version: Annotated[bool, typer.Option("--version")] = False) -> None: ...
@questions.command("list")
def list_(competency: Annotated[list[str] | None, typer.Option("--competency", "-c")] = None,
          level: Annotated[list[str] | None, typer.Option("--level", "-l")] = None,
          kind: Annotated[list[str] | None, typer.Option("--kind", "-k")] = None,
          tag: Annotated[list[str] | None, typer.Option("--tag", "-t")] = None,
          search: Annotated[str, typer.Option("--search", "-s")] = "",
          role: Annotated[str | None, typer.Option("--role")] = None,
          output: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
          bank: Annotated[list[Path] | None, typer.Option("--bank", "-b")] = None,
          no_default_bank: Annotated[bool, typer.Option("--no-default-bank")] = False) -> None:
    ...
app()
"""


def best_wall(command: list[str], runs: int = RUNS, env: dict[str, str] | None = None
              ) -> float:
    env = {**{k: v for k, v in os.environ.items() if k != "INTERVIEWKIT_BANK"}, **(env or {})}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
    return min(times)


def wall_and_cpu(command: list[str]) -> tuple[float, float]:
    """One run's wall time, and the CPU time (user and system) of the command and every
    process it started and waited for (a pool's workers included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = best_wall(command, runs=1)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def best_call(function: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def synthetic_bank(directory: Path, count: int) -> Path:
    """A bank of `count` complete questions, spread over files of 1,000 (each well under 5 MiB)."""
    competencies = ["design", "ops", "leadership", "culture"]
    kinds = ["technical", "behavioral", "situational", "motivational"]
    levels = ["junior", "mid", "senior", "staff"]
    questions_dir = directory / "questions"
    questions_dir.mkdir(parents=True)
    for start in range(0, count, 1000):
        batch = []
        for n in range(start, min(start + 1000, count)):
            competency = competencies[n % 4]
            batch.append({
                "id": f"{competency}-synthetic-{n}",
                "competency": competency,
                "kind": kinds[(n // 4) % 4],
                "levels": levels[n % 3: n % 3 + 2],
                "minutes": 5 + n % 20,
                "tags": [f"tag{n % 17}", f"area{n % 5}"],
                "prompt": f"Synthetic prompt number {n}: walk me through how you would approach "
                          "a problem of this shape, and what you would measure first.",
                "why": "Shows how the candidate reasons about trade-offs under constraints.",
                "look_for": ["Names a measurement before changing code",
                             "Weighs two options against a stated constraint",
                             "Says what would make them change their mind"],
                "follow_ups": ["What would you do first?", "What would you leave out?"],
                "red_flags": ["Jumps to a tool without a problem",
                              "Cannot say how they would know it worked"],
                "rubric": {1: "Gives no approach and cannot name a first step after a probe.",
                           2: "Names a first step but no way to tell whether it worked.",
                           3: "Names a first step, a measurement and one trade-off.",
                           4: "Also names the signal that would make them change course."},
                "sample_answer": "Measure, pick the smallest change, check the result, "
                                 "write down what was learnt. " * 4,
            })
        (questions_dir / f"q{start // 1000:03}.yaml").write_text(
            yaml.safe_dump({"questions": batch}, sort_keys=False))
    return directory


def main() -> None:
    from interviewkit.bank.load import load_bank
    from interviewkit.plan.selection import QuestionFilter, filter_questions

    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"interviewkit benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load {load} (1, 5, 15 min), libyaml {'yes' if yaml.__with_libyaml__ else 'no'}")
    print("\n1. start-up of a read-only command (wall time, best of", RUNS, "runs)")
    # An installed package has its bytecode compiled by pip; do the same for this checkout
    # (PYTHONDONTWRITEBYTECODE would otherwise make every run compile our modules again).
    compileall.compile_dir(str(ROOT / "interviewkit"), quiet=1)
    typer_s = best_wall([sys.executable, "-c", "import typer"])
    floor_s = best_wall([sys.executable, "-c", TYPER_FLOOR, "questions", "list", "-c",
                         "design", "--format", "ids"])
    ids_command = [str(BIN / "interviewkit"), "questions", "list", "-c", "design",
                   "--format", "ids"]
    ids_s = best_wall(ids_command)
    cold_s = best_wall(ids_command, env={"INTERVIEWKIT_CACHE_DIR": "off"}, runs=5)
    ratio = ids_s / typer_s
    print(f"   python -c 'import typer'                             {typer_s * 1000:7.1f} ms")
    print(f"   a Typer app with the same options that does nothing  {floor_s * 1000:7.1f} ms"
          f"  ratio {floor_s / typer_s:.2f}")
    print(f"   interviewkit questions list -c design --format ids   {ids_s * 1000:7.1f} ms"
          f"  ratio {ratio:.2f} (target at most 2.5: {'met' if ratio <= 2.5 else 'NOT met'})")
    print(f"     the same with the bank cache off                   {cold_s * 1000:7.1f} ms"
          f"  ratio {cold_s / typer_s:.2f}")

    print("\n2. load and filter a synthetic bank (in process, best of 3; filter: one competency,")
    print("   one level, one tag)")
    tmp = Path(tempfile.mkdtemp(prefix="interviewkit-bench-"))
    os.environ["INTERVIEWKIT_CACHE_DIR"] = str(tmp / "cache")
    try:
        for count in (1_000, 10_000):
            bank_dir = synthetic_bank(tmp / f"bank{count}", count)
            wanted = QuestionFilter(competencies=("design",), levels=("senior",), tags=("tag3",))

            def load_and_filter(bank_dir: Path = bank_dir, wanted: QuestionFilter = wanted,
                                cache: bool = False) -> None:
                filter_questions(load_bank(bank_dir, use_cache=cache), wanted)

            cold = best_call(load_and_filter)
            load_and_filter(cache=True)  # fills the cache
            warm = best_call(partial(load_and_filter, cache=True))
            bank = load_bank(bank_dir)
            filter_only = best_call(partial(filter_questions, bank, wanted), 5)
            note = ""
            if count == 1_000:
                note = f"  (target under 0.5 s: {'met' if cold < 0.5 else 'NOT met'})"
            print(f"   {count:>6} questions: read+validate+filter {cold:6.3f} s "
                  f"({count / cold:6.0f} questions/s), from the cache {warm:6.3f} s, "
                  f"filter alone {filter_only * 1000:5.2f} ms{note}")
        bench_selection(tmp)
        bench_kit(tmp)
        bench_day(tmp)
        bench_scores(tmp)
    finally:
        shutil.rmtree(tmp)


BARE_WEASYPRINT = """
import sys, time
from pathlib import Path
started = time.perf_counter()
import weasyprint
from weasyprint.text.fonts import FontConfiguration
fonts = FontConfiguration()
for html in sorted(Path(sys.argv[1]).glob("*.html")):
    forms = html.name.startswith("scorecard-")
    weasyprint.HTML(filename=str(html)).write_pdf(
        Path(sys.argv[2]) / (html.stem + ".pdf"), font_config=fonts, pdf_forms=forms,
        pdf_tags=True, custom_metadata=True)
print(time.perf_counter() - started)
"""


SIX_STAGES = {
    "id": "bench-six-stages", "title": "Benchmark role", "level": "senior",
    "summary": "Six stages over a large bank.",
    "stages": [{"id": f"stage-{n}", "name": f"Stage {n}", "minutes": 90,
                "candidate_minutes": 10, "competencies": competencies,
                "description": "A stage."}
               for n, competencies in enumerate([
                   {"design": 2}, {"ops": 2}, {"leadership": 2}, {"culture": 2},
                   {"design": 1, "ops": 1}, {"leadership": 1, "culture": 1}])],
}


def bench_selection(tmp: Path) -> None:
    from interviewkit.bank.load import load_bank
    from interviewkit.plan.capacity import role_capacity
    from interviewkit.plan.selection import plan_kit

    print("\n3. plan a kit: a 6-stage role over the 10,000-question bank, after loading")
    bank_dir = tmp / "bank10000"
    (bank_dir / "roles").mkdir(exist_ok=True)
    (bank_dir / "roles" / "six.yaml").write_text(yaml.safe_dump(SIX_STAGES, sort_keys=False))
    bank = load_bank(bank_dir)
    seeds = iter(range(10**6))
    per_plan = best_call(lambda: plan_kit(bank, "bench-six-stages", "Ada", next(seeds)), 10)
    print(f"   {per_plan * 1000:6.1f} ms a plan (best of 10 seeds; target under 50 ms: "
          f"{'met' if per_plan < 0.05 else 'NOT met'})")
    print("\n4. capacity of the shipped roles")
    shipped = load_bank()
    for role in shipped.roles:
        figures = role_capacity(shipped, role)
        bound = "" if figures.distinct_exact else "at most "
        print(f"   {role.id:24} {figures.disjoint_kits} fully different kits, "
              f"{bound}{figures.distinct_kits:,} different kits")


def bench_kit(tmp: Path) -> None:
    from pypdf import PdfReader

    print("\n5. build the whole demo kit, HTML and PDF (wall time, best of 3)")
    build = [str(BIN / "interviewkit"), "kit", "build", "--role", "senior-python-engineer",
             "--candidate", "Ada Lovelace", "--out", str(tmp / "kit"), "--force"]
    ours = best_wall(build, runs=3)
    # Measured from a small wrapper process: a child forked straight from this benchmark
    # would count the pages it shares with it (the 10,000-question banks) before exec.
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
               "stdout=subprocess.DEVNULL); print(resource.getrusage("
               "resource.RUSAGE_CHILDREN).ru_maxrss)")
    peak_kib = subprocess.run([sys.executable, "-c", wrapper, *build], check=True,
                              capture_output=True, text=True).stdout
    peak_mib = int(peak_kib) / 1024
    pdf_dir = tmp / "bare"
    pdf_dir.mkdir()
    bare_command = [sys.executable, "-c", BARE_WEASYPRINT, str(tmp / "kit"), str(pdf_dir)]
    bare = best_wall(bare_command, runs=3)
    pages = sum(len(PdfReader(p).pages) for p in (tmp / "kit").glob("*.pdf"))
    documents = len(list((tmp / "kit").glob("*.pdf")))
    print(f"   interviewkit kit build (whole command)         {ours:6.2f} s, {documents} PDFs, "
          f"{pages} pages, {pages / ours:5.1f} pages/s")
    print(f"   bare WeasyPrint, same HTML, one process         {bare:6.2f} s")
    ratio = ours / bare
    print(f"   ratio {ratio:.2f} (target at most 0.75 on 2 cores: "
          f"{'met' if ratio <= 0.75 else 'NOT met'}; {machine()}); peak memory of kit build "
          f"{peak_mib:.0f} MiB")
    # WeasyPrint alone points form fields at the page's font and embeds it whole; ours speak
    # Helvetica with appearance streams, so the page's fonts are subset.
    ours_kib = [p.stat().st_size / 1024 for p in sorted((tmp / "kit").glob("scorecard-*.pdf"))]
    bare_kib = [p.stat().st_size / 1024 for p in sorted(pdf_dir.glob("scorecard-*.pdf"))]
    kit_kib = sum(p.stat().st_size for p in (tmp / "kit").glob("*.pdf")) / 1024
    bare_kit_kib = sum(p.stat().st_size for p in pdf_dir.glob("*.pdf")) / 1024
    print(f"   scorecard PDFs {min(ours_kib):.0f}-{max(ours_kib):.0f} KiB (bare WeasyPrint's "
          f"form: {min(bare_kib):.0f}-{max(bare_kib):.0f} KiB; target under 100 KiB: "
          f"{'met' if max(ours_kib) < 100 else 'NOT met'}); the kit's PDFs {kit_kib:.0f} KiB "
          f"(bare {bare_kit_kib:.0f} KiB)")


def machine() -> str:
    """What the figures beside it depend on: a busy machine gives a second worker nothing."""
    return f"{usable_cores()} cores, load {os.getloadavg()[0]:.2f}"


def day_schedule(path: Path, candidates: int = 20, per_track: int = 4) -> list[str]:
    """A hiring day of `candidates` for the demo role: parallel tracks of `per_track`
    candidates, each with its own interviewers, as a recruiter plans a big day. Returns the
    candidates' names."""
    import re
    from datetime import date

    from interviewkit.bank.load import load_bank
    from interviewkit.plan.schedule import example_schedule

    bank = load_bank()
    names = [f"Candidate {n:02d}" for n in range(1, candidates + 1)]
    rows: list[str] = []
    for track, start in enumerate(range(0, candidates, per_track), start=1):
        text = example_schedule(bank, "senior-python-engineer", date(2026, 12, 3),
                                names[start:start + per_track])
        lines = re.sub(r"Interviewer ([A-Z])", rf"Interviewer \g<1>{track}", text).splitlines()
        rows += lines[1:] if rows else lines
    path.write_text("\n".join(rows) + "\n")
    return names


def peak_memory(command: list[str]) -> tuple[float, float]:
    """The peak memory of a command and the processes it starts, sampled every 20 ms: the
    sum of their proportional set sizes (pages shared by forked workers counted once, split
    between them), and the largest single resident set. MiB."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    total = largest = 0.0
    while process.poll() is None:
        tree, pss, rss = {process.pid}, 0.0, 0.0
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                if parent in tree:
                    tree.add(int(entry.name))
        for pid in tree:
            try:
                fields = dict(line.split(":", 1) for line in
                              Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
            except OSError:
                continue
            pss += int(fields["Pss"].split()[0]) / 1024
            rss = max(rss, int(fields["Rss"].split()[0]) / 1024)
        total, largest = max(total, pss), max(largest, rss)
        time.sleep(0.02)
    return total, largest


def bench_day(tmp: Path) -> None:
    schedule = tmp / "day.csv"
    names = day_schedule(schedule)
    stages = len(schedule.read_text().splitlines()[1:]) // len(names)
    print(f"\n6. a 20-candidate hiring day ({stages} stages each, 5 tracks of 4 candidates with "
          "their own")
    print(f"   interviewers), HTML and PDF, wall time of one run each ({machine()})")
    batch = [str(BIN / "interviewkit"), "kit", "batch", str(schedule), "--out",
             str(tmp / "day"), "--quiet", "--force"]
    loop = "\n".join(f'{BIN / "interviewkit"} kit build --role senior-python-engineer '
                     f'--candidate "{name}" --out {tmp / "loop" / str(n)} --force >/dev/null'
                     for n, name in enumerate(names))
    ours, ours_cpu = wall_and_cpu(batch)
    shell, shell_cpu = wall_and_cpu(["bash", "-e", "-c", loop])
    ratio = ours / shell
    cores = usable_cores()
    print(f"   interviewkit kit batch (one command)            {ours:6.2f} s "
          f"(CPU {ours_cpu:6.2f} s)")
    print(f"   a shell loop of kit build over the same rows    {shell:6.2f} s "
          f"(CPU {shell_cpu:6.2f} s)")
    print(f"   ratio {ratio:.2f} (target at most 0.45: {'met' if ratio <= 0.45 else 'NOT met'}; "
          f"{machine()})")
    # Nearly all of the batch's CPU is WeasyPrint laying out the same documents the loop
    # renders: spread perfectly over the cores, that CPU alone sets a floor on the ratio.
    print(f"   the batch's CPU needs at least {ours_cpu / cores:.2f} s on {cores} cores (it kept "
          f"them {ours_cpu / cores / ours:.0%} busy): a floor of {ours_cpu / cores / shell:.2f} "
          "on the ratio")
    pss, rss = peak_memory(batch)
    print(f"   peak memory of kit batch: {pss:.0f} MiB for the parent and its workers "
          f"(target under 400 MiB: {'met' if pss < 400 else 'NOT met'}), largest process "
          f"{rss:.0f} MiB")


def bench_scores(tmp: Path) -> None:
    import io
    import json

    from pypdf import PdfReader, PdfWriter

    from interviewkit.bank.load import load_bank
    from interviewkit.kit.manifest import read_manifest
    from interviewkit.kit.scorecard import find_score_files
    from interviewkit.scores.calibrate import build_calibration
    from interviewkit.scores.cards import read_scorecards

    print("\n7. filled scorecards: reading, and calibrating 1,000 of them")
    blank = tmp / "cards-kit"
    subprocess.run([str(BIN / "interviewkit"), "kit", "build", "--role", "engineering-manager",
                    "--candidate", "Synthetic", "--out", str(blank), "--format", "pdf"],
                   check=True, stdout=subprocess.DEVNULL)
    template = json.loads((blank / "kit.json").read_text())
    stages = [s["stage"] for s in template["stages"]]
    started = time.perf_counter()
    # Twelve interviewers' filled cards per stage, made once with pypdf; each synthetic kit's
    # copy only swaps the kit id in the document information, a string of the same length,
    # so the PDF's byte offsets stay right.
    variants: dict[tuple[str, int], bytes] = {}
    for n, stage in enumerate(stages):
        reader = PdfReader(blank / f"scorecard-{stage}.pdf")
        for who in range(12):
            writer = PdfWriter(clone_from=reader)
            values = {"interviewer": f"Interviewer {who:02}", "overall": str(1 + (who + n) % 4)}
            for field in reader.get_fields() or {}:
                if field.startswith("rating_"):
                    values[field] = str(1 + (who * 7 + n * 3) % 4)
                elif field.startswith("evidence_"):
                    values[field] = "Named the signal and the rollback."
            for page in writer.pages:
                writer.update_page_form_field_values(page, values, auto_regenerate=False)
            writer.add_metadata({"/interviewkitkitid": "synthetic000"})
            buffer = io.BytesIO()
            writer.write(buffer)
            variants[(stage, who)] = buffer.getvalue()
    for k in range(250):  # 250 kits x 4 stages = 1,000 cards
        kit_dir = tmp / "many" / f"kit{k:03}"
        (kit_dir / "scores").mkdir(parents=True)
        kit_id = f"synthetic{k:03}"
        (kit_dir / "kit.json").write_text(json.dumps({**template, "kit_id": kit_id}))
        for n, stage in enumerate(stages):
            card = variants[(stage, (k + n * 5) % 12)]
            (kit_dir / "scores" / f"{stage}.pdf").write_bytes(
                card.replace(b"synthetic000", kit_id.encode()))
    print(f"   (made 1,000 filled cards in {time.perf_counter() - started:.1f} s)")
    bank = load_bank()
    files = sorted((tmp / "many").rglob("scores/*.pdf"))
    started = time.perf_counter()
    read_scorecards(files[:200], bank, partial=True)
    seconds = time.perf_counter() - started
    print(f"   read {200 / seconds:6.0f} scorecards/s (200 PDF cards in {seconds:.2f} s)")
    bench_browser_cards(tmp, blank, bank)
    started = time.perf_counter()
    kits = []
    for manifest_path in sorted((tmp / "many").rglob("kit.json")):
        manifest = read_manifest(manifest_path)
        result = read_scorecards(find_score_files(manifest_path.parent), bank,
                                 kit_id=manifest.kit_id, partial=True)
        kits.append((manifest, result.cards))
    figures = build_calibration(bank, kits)
    seconds = time.perf_counter() - started
    print(f"   calibrate {figures.cards} cards in {len(kits)} kits: {seconds:.2f} s "
          "(reading included)")
    bench_debrief(tmp)


def bench_browser_cards(tmp: Path, kit: Path, bank: Any) -> None:
    """Cards saved from the HTML scorecard in Chromium (one per stage, filled and saved by
    the page's own script), read as the PDF cards above are."""
    from interviewkit.scores.cards import read_scorecards

    if not Path(CHROMIUM).exists():
        print(f"   (cards saved from a browser: not measured, no {CHROMIUM})")
        return
    from playwright.sync_api import sync_playwright

    subprocess.run([str(BIN / "interviewkit"), "kit", "build", "--role", "engineering-manager",
                    "--candidate", "Synthetic", "--out", str(kit), "--format", "html",
                    "--force"], check=True, stdout=subprocess.DEVNULL)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for html in sorted(kit.glob("scorecard-*.html")):
            page.goto(html.as_uri())
            page.fill("#interviewer", "Interviewer 01")
            for select in page.locator("select").all():
                select.select_option("3")
            for area in page.locator("textarea").all():
                area.fill("Named the signal and the rollback.")
            with page.expect_download() as download:
                page.click("#save-card-button")
            saved.append(Path(download.value.path()).read_bytes())
        browser.close()
    folder = tmp / "browser-cards"
    folder.mkdir()
    files = []
    for n in range(200):
        files.append(folder / f"card{n:03}.yaml")
        files[-1].write_bytes(saved[n % len(saved)])
    started = time.perf_counter()
    read_scorecards(files, bank, partial=True)
    seconds = time.perf_counter() - started
    print(f"   read {200 / seconds:6.0f} scorecards/s (200 cards saved from Chromium's HTML "
          f"scorecard, {seconds:.2f} s)")


def bench_debrief(tmp: Path) -> None:
    from interviewkit.scores.cards import MAX_FIELD_CHARS, MAX_LINE_CHARS

    print("\n8. debrief a kit of four cards, HTML and PDF (wall time, best of 5): a line of")
    print("   evidence each, then cards at the limits of every field (evidence, name, date)")
    kit = tmp / "debrief-kit"
    subprocess.run([str(BIN / "interviewkit"), "kit", "build", "--role", "engineering-manager",
                    "--candidate", "Synthetic", "--out", str(kit), "--format", "html",
                    "--yaml-scorecards"], check=True, stdout=subprocess.DEVNULL)
    logs = "".join(f"2026-02-01T10:{n // 60 % 60:02}:{n % 60:02} INFO worker-{n % 7} handled "
                   f"request {n} in {n % 90} ms\n" for n in range(MAX_FIELD_CHARS // 40))
    assert len(logs) >= MAX_FIELD_CHARS
    (kit / "scores").mkdir(exist_ok=True)  # every build makes it

    def fill(large: int) -> int:
        """Fill the kit's cards, the first `large` at the limits; the evidence fields filled."""
        fields = 0
        for number, skeleton in enumerate(sorted(kit.glob("scorecard-*.yaml"))):
            big = number < large
            card = yaml.safe_load(skeleton.read_text())
            name = f"Interviewer {number}" + " of the panel" * (MAX_LINE_CHARS if big else 0)
            card.update(interviewer=name[:MAX_LINE_CHARS],
                        date=("2026-02-01 " * MAX_LINE_CHARS)[:MAX_LINE_CHARS] if big
                        else "2026-02-01",
                        overall=1 + number % 4,
                        ratings={c: 1 + number % 4 for c in card["ratings"]},
                        evidence={c: logs[:MAX_FIELD_CHARS] if big else "Named the rollback."
                                  for c in card["ratings"]})
            fields += len(card["ratings"]) if big else 0
            (kit / "scores" / skeleton.name).write_text(yaml.safe_dump(card))
        return fields

    debrief = [str(BIN / "interviewkit"), "debrief", str(kit), "--format", "both"]
    fill(0)
    short = best_wall(debrief, runs=5)
    fill(1)
    one = best_wall(debrief, runs=5)
    fields = fill(4)
    every = best_wall(debrief, runs=5)
    for label, seconds in (("short cards", short), ("one card at the limits", one),
                           (f"every card at the limits ({fields} evidence fields)", every)):
        ratio = f"  ratio {seconds / short:.2f}" if seconds is not short else ""
        print(f"   {label:<52}{seconds:6.2f} s{ratio}")

if __name__ == "__main__":
    main()
