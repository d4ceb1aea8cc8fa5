"""The `pageocr` command: a thin shell over the library. It alone turns errors into one line and an exit code."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ocr.cli_model import model_app
from ocr.errors import ExitCode, OutputError
from ocr.shell import ModelOption, guarded, warn
from segmentation.load import DEFAULT_MAX_PIXELS

app = typer.Typer(
    help="Read text from photos of pages: classical segmentation and a small CNN.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(model_app, name="model")

if TYPE_CHECKING:
    from ocr.classifier import Classifier
    from ocr.decode import ReadOptions

MaxPixelsOption = Annotated[int, typer.Option("--max-pixels", help="Refuse images with more pixels than this.")]
CharsetOption = Annotated[
    str | None,
    typer.Option(help='Only read these characters: digits, upper, lower, alpha, alnum, or a literal like "ABC123".'),
]
RejectOption = Annotated[
    float | None,
    typer.Option(min=0.0, max=1.0, help="Print the placeholder for glyphs whose confidence is below this."),
]
PlaceholderOption = Annotated[str, typer.Option(help="What --reject prints instead of an unsure glyph.")]
ContextOption = Annotated[
    bool, typer.Option(help="Settle case, punctuation and 0/O-style look-alikes from line geometry and words.")
]
TurnOption = Annotated[bool, typer.Option(help="Read a page upside down or sideways turned upright.")]
LexiconOption = Annotated[
    str,
    typer.Option(help="Correct non-words whose runner-up letters spell a word: english, none, or a file of words."),
]


def read_options(
    classifier: Classifier,
    charset: str | None,
    reject: float | None,
    placeholder: str,
    context: bool,
    turn: bool,
    lexicon: str,
) -> ReadOptions:
    from ocr.charset import parse_charset
    from ocr.decode import ReadOptions
    from ocr.lexicon import load_lexicon

    allowed = parse_charset(charset, classifier.classes) if charset is not None else None
    return ReadOptions(charset=allowed, reject_below=reject, placeholder=placeholder, context=context, orient=turn,
                       words=load_lexicon(lexicon))  # fmt: skip


def _refuse_overwriting_input(output: Path, image: Path) -> None:
    if output.exists() and image.exists() and output.resolve() == image.resolve():
        raise OutputError(f"{output}: refusing to write an output over the input image")


@app.command()
def read(
    image: Annotated[Path, typer.Argument(help="The photo or scan of a page.", show_default=False)],
    boxed: Annotated[Path, typer.Option("--boxed", help="Where to write the annotated page.")] = Path("boxed.png"),
    no_boxed: Annotated[bool, typer.Option("--no-boxed", help="Do not write the annotated page.")] = False,
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Also write boxes, labels, confidences and top-3 as JSON here."),
    ] = None,
    model: ModelOption = None,
    charset: CharsetOption = None,
    reject: RejectOption = None,
    placeholder: PlaceholderOption = "~",
    context: ContextOption = True,
    turn: TurnOption = True,
    lexicon: LexiconOption = "english",
    max_pixels: MaxPixelsOption = DEFAULT_MAX_PIXELS,
    debug: Annotated[
        Path | None, typer.Option("--debug", help="Also write every stage's picture to this folder.")
    ] = None,
) -> None:
    """Read IMAGE: print its text and write the annotated boxed.png."""

    def body() -> None:
        from ocr.classifier import Classifier
        from ocr.pipeline import trace_page
        from ocr.source import open_page, with_file_warnings
        from ocr.writers import render_boxed, write_json, write_png

        outputs = [p for p in ([] if no_boxed else [boxed]) + ([json_path] if json_path else [])]
        for output in outputs:
            _refuse_overwriting_input(output, image)
        source = open_page(image, max_pixels)  # a bad input fails fast, before the model is loaded
        gray = source.gray
        classifier = Classifier(model)
        trace = trace_page(
            gray, classifier, read_options(classifier, charset, reject, placeholder, context, turn, lexicon)
        )
        trace = replace(trace, result=with_file_warnings(trace.result, source))
        result = trace.result
        if debug:
            from ocr.debug import write_debug

            write_debug(debug, gray, trace, classifier, str(image))
        for message in result.warnings:
            warn(f"{image}: {message}")
        if json_path:
            write_json(json_path, result, source=str(image), image=image)
        if not no_boxed:
            write_png(boxed, render_boxed(gray, result))
        sys.stdout.write(result.text + "\n" if result.text else "")
        sys.stdout.flush()

    guarded(body)


@app.command()
def debug(
    image: Annotated[Path, typer.Argument(help="The photo or scan of a page.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="Folder for the stage pictures, debug.json and index.html.")],
    model: ModelOption = None,
    charset: CharsetOption = None,
    context: ContextOption = True,
    turn: TurnOption = True,
    lexicon: LexiconOption = "english",
    max_pixels: MaxPixelsOption = DEFAULT_MAX_PIXELS,
) -> None:
    """Show every stage of reading IMAGE the way the pipeline saw it (open OUT/index.html)."""

    def body() -> None:
        from ocr.classifier import Classifier
        from ocr.debug import write_debug
        from ocr.pipeline import trace_page
        from ocr.source import open_page, with_file_warnings

        _refuse_overwriting_input(out / "10-boxed.png", image)
        source = open_page(image, max_pixels)
        gray = source.gray
        classifier = Classifier(model)
        trace = trace_page(gray, classifier, read_options(classifier, charset, None, "~", context, turn, lexicon))
        trace = replace(trace, result=with_file_warnings(trace.result, source))
        for message in trace.result.warnings:
            warn(f"{image}: {message}")
        write_debug(out, gray, trace, classifier, str(image))
        typer.echo(f"pageocr: stages of {image} written to {out / 'index.html'}", err=True)

    guarded(body)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Image files, folders (recursive) or globs.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="Output folder; mirrors the input tree.")],
    jobs: Annotated[int, typer.Option("--jobs", min=0, help="Worker processes; 0 means one per core.")] = 0,
    formats: Annotated[str, typer.Option("--format", help="Outputs per page: any of txt,json,hocr.")] = "txt,json",
    no_boxed: Annotated[bool, typer.Option("--no-boxed", help="Do not write NAME.boxed.png.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Redo pages whose outputs are already up to date.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress output.")] = False,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Run on this Dask scheduler (e.g. tcp://host:8786).")
    ] = None,
    model: ModelOption = None,
    charset: CharsetOption = None,
    reject: RejectOption = None,
    placeholder: PlaceholderOption = "~",
    context: ContextOption = True,
    turn: TurnOption = True,
    lexicon: LexiconOption = "english",
    max_pixels: MaxPixelsOption = DEFAULT_MAX_PIXELS,
) -> None:
    """Read every page of INPUTS into OUTDIR: NAME.txt, NAME.json, NAME.boxed.png and index.jsonl; resumable."""

    def body() -> ExitCode:
        from ocr.batch import FORMATS, BatchConfig, collect_inputs, plan
        from ocr.batch_run import run_batch, run_local
        from ocr.classifier import Classifier
        from ocr.errors import UsageError
        from ocr.progress import Progress

        chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
        if not chosen or set(chosen) - set(FORMATS):
            raise UsageError(f"--format takes a comma-separated list of {', '.join(FORMATS)}, not {formats!r}")
        classifier = Classifier(model)  # checked once here, so a bad model fails before any page
        options = read_options(classifier, charset, reject, placeholder, context, turn, lexicon)
        config = BatchConfig(out=out, formats=chosen, boxed=not no_boxed, force=force, model_dir=model,
                             options=options, max_pixels=max_pixels)  # fmt: skip
        tasks = plan(collect_inputs(inputs, exclude=out), config)
        workers = jobs or os.cpu_count() or 1
        if scheduler:
            from ocr.cluster import run_on_cluster

            def runner(todo):
                return run_on_cluster(todo, config, scheduler)
        else:

            def runner(todo):
                return run_local(todo, config, workers)

        progress = Progress(len(tasks), quiet=quiet)

        def report(record: dict) -> None:
            if record["status"] == "failed":
                warn(record["reason"])
            progress.update(record["status"] == "failed")

        summary = run_batch(tasks, config, classifier.info.path, runner, report)
        progress.finish()
        if not quiet:
            typer.echo(f"pageocr: {summary.ok} read, {summary.failed} failed, {summary.skipped} up to date, "
                       f"{summary.pages_per_second:.2f} pages/s; index: {out / 'index.jsonl'}", err=True)  # fmt: skip
        if summary.interrupted:
            return ExitCode.INTERRUPTED
        return ExitCode.SOME_PAGES_FAILED if summary.failed else ExitCode.OK

    code = guarded(body)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))


@app.command()
def review(
    outdir: Annotated[Path, typer.Argument(help="A batch output folder (or any folder of read --json results).")],
) -> None:
    """Build OUTDIR/review/index.html: check pages by eye, worst first, correct glyphs, export corrections."""

    def body() -> None:
        from ocr.review import build_review

        index, pages = build_review(outdir)
        typer.echo(f"pageocr: {pages} pages; open {index}", err=True)

    guarded(body)


@app.command("eval")
def eval_folder(
    folder: Annotated[Path, typer.Argument(help="A folder of images, each with its NAME.gt.txt.", show_default=False)],
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")] = None,
    model: ModelOption = None,
    charset: CharsetOption = None,
    context: ContextOption = True,
    turn: TurnOption = True,
    lexicon: LexiconOption = "english",
) -> None:
    """Measure error rates (CER, case-insensitive CER, WER) on every image in FOLDER that has ground truth."""

    def body() -> None:
        import json

        from ocr.accuracy import evaluate_folder, format_table, to_json
        from ocr.classifier import Classifier
        from ocr.errors import InputNotFoundError
        from ocr.files import write_text_atomic

        if not folder.is_dir():
            raise InputNotFoundError(f"{folder}: not a folder")
        classifier = Classifier(model)
        scores, total = evaluate_folder(
            folder, classifier, read_options(classifier, charset, None, "~", context, turn, lexicon)
        )
        if not scores:
            raise InputNotFoundError(f"{folder}: no image there has a NAME.gt.txt beside it")
        typer.echo(format_table(scores, total))
        if json_path:
            write_text_atomic(json_path, json.dumps(to_json(scores, total), indent=2) + "\n")

    guarded(body)


if __name__ == "__main__":  # pragma: no cover
    app()
