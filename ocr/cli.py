"""The `pageocr` command: a thin shell over the library. It alone turns errors into one line and an exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ocr.errors import ExitCode, OutputError, PageocrError, exit_code_for
from segmentation.errors import SegmentationError
from segmentation.load import DEFAULT_MAX_PIXELS

app = typer.Typer(
    help="Read text from photos of pages: classical segmentation and a small CNN.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
model_app = typer.Typer(help="Train and evaluate the character model.", no_args_is_help=True)
app.add_typer(model_app, name="model")

T = TypeVar("T")

if TYPE_CHECKING:
    from ocr.classifier import Classifier
    from ocr.decode import ReadOptions

ModelOption = Annotated[
    Path | None,
    typer.Option("--model", help="Model folder (pageocr.tflite + pageocr.json); default: the shipped one."),
]
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


def read_options(
    classifier: Classifier, charset: str | None, reject: float | None, placeholder: str, context: bool, turn: bool
) -> ReadOptions:
    from ocr.charset import parse_charset
    from ocr.decode import ReadOptions

    allowed = parse_charset(charset, classifier.classes) if charset is not None else None
    return ReadOptions(charset=allowed, reject_below=reject, placeholder=placeholder, context=context, orient=turn)


def fail(message: str, code: ExitCode) -> typer.Exit:
    typer.echo(f"pageocr: error: {message}", err=True)
    return typer.Exit(int(code))


def warn(message: str) -> None:
    typer.echo(f"pageocr: warning: {message}", err=True)


def guarded(action: Callable[[], T]) -> T:
    """Run a command body; any error becomes one stderr line and its exit code, never a traceback."""
    try:
        return action()
    except (PageocrError, SegmentationError) as exc:
        raise fail(str(exc), exit_code_for(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted", ExitCode.INTERRUPTED) from None
    except MemoryError:
        raise fail("out of memory (try a smaller image or --max-pixels)", ExitCode.FAILURE) from None
    except Exception as exc:
        if os.environ.get("PAGEOCR_TRACEBACK"):
            raise
        raise fail(
            f"internal error: {type(exc).__name__}: {exc} (set PAGEOCR_TRACEBACK=1 for details)",
            ExitCode.FAILURE,
        ) from None


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
    max_pixels: MaxPixelsOption = DEFAULT_MAX_PIXELS,
    debug: Annotated[
        Path | None, typer.Option("--debug", help="Also write every stage's picture to this folder.")
    ] = None,
) -> None:
    """Read IMAGE: print its text and write the annotated boxed.png."""

    def body() -> None:
        from ocr.classifier import Classifier
        from ocr.pipeline import load_page, trace_page
        from ocr.writers import render_boxed, write_json, write_png

        outputs = [p for p in ([] if no_boxed else [boxed]) + ([json_path] if json_path else [])]
        for output in outputs:
            _refuse_overwriting_input(output, image)
        gray = load_page(image, max_pixels)  # a bad input fails fast, before the model is loaded
        classifier = Classifier(model)
        trace = trace_page(gray, classifier, read_options(classifier, charset, reject, placeholder, context, turn))
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
    max_pixels: MaxPixelsOption = DEFAULT_MAX_PIXELS,
) -> None:
    """Show every stage of reading IMAGE the way the pipeline saw it (open OUT/index.html)."""

    def body() -> None:
        from ocr.classifier import Classifier
        from ocr.debug import write_debug
        from ocr.pipeline import load_page, trace_page

        _refuse_overwriting_input(out / "10-boxed.png", image)
        gray = load_page(image, max_pixels)
        classifier = Classifier(model)
        trace = trace_page(gray, classifier, read_options(classifier, charset, None, "~", context, turn))
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
        options = read_options(classifier, charset, reject, placeholder, context, turn)
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
        scores, total = evaluate_folder(folder, classifier, read_options(classifier, charset, None, "~", context, turn))
        if not scores:
            raise InputNotFoundError(f"{folder}: no image there has a NAME.gt.txt beside it")
        typer.echo(format_table(scores, total))
        if json_path:
            write_text_atomic(json_path, json.dumps(to_json(scores, total), indent=2) + "\n")

    guarded(body)


@model_app.command("train")
def model_train(
    data: Annotated[Path, typer.Option("--data", help="EMNIST ByMerge .npz (see models/README.md).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the model files.")] = Path("models"),
    epochs: Annotated[int | None, typer.Option(help="Passes over the data (default 18; fine-tuning 3).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed and data give the same model.")] = 20261121,
    limit: Annotated[int | None, typer.Option(help="Train on the first N images only (smoke runs).")] = None,
    corrections: Annotated[
        Path | None, typer.Option("--corrections", help="Fine-tune on corrections.json from `pageocr review`.")
    ] = None,
    base: Annotated[Path | None, typer.Option("--base", help="Model folder to fine-tune (default: shipped).")] = None,
    extend: Annotated[
        bool, typer.Option("--extend", help="Go on training --base's weights (adding any classes it lacks).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace a model already in --out.")] = False,
) -> None:
    """Train the character CNN (or fine-tune it on reviewed corrections); export to LiteRT (needs `train` extra)."""

    def body() -> None:
        if not data.is_file():
            raise _input_missing(data)
        try:
            from models.train import ModelExistsError, TrainConfig, train_model
        except ImportError as exc:
            raise fail(f"training needs tensorflow: pip install 'pageocr[train]' ({exc})", ExitCode.FAILURE) from None

        def log(message: str) -> None:
            typer.echo(message, err=True)

        from models import MODEL_DIR

        try:
            if corrections is not None:
                from models.finetune import FinetuneConfig, finetune

                config = FinetuneConfig(corrections=corrections, data=data, out=out, base=base or MODEL_DIR,
                                        epochs=epochs or 3, seed=seed, force=force)  # fmt: skip
                meta = finetune(config, log=log)
                typer.echo(f"accuracy: {meta['emnist_test_accuracy']:.4f}")
                typer.echo(f"printed accuracy: {meta['printed_held_out_accuracy']:.4f}")
                typer.echo(f"wrote {out}; read with --model {out}")
                return
            passes = epochs or TrainConfig.epochs
            start = (base or MODEL_DIR) if extend else None
            config = TrainConfig(data=data, out=out, epochs=passes, seed=seed, limit=limit, extend=start, force=force)
            report = train_model(config, log=log)
        except ModelExistsError as exc:
            raise OutputError(str(exc)) from None
        typer.echo(f"accuracy: {report.emnist_accuracy:.4f}")
        typer.echo(f"printed accuracy: {report.printed_accuracy:.4f}")
        typer.echo(f"wrote {report.metadata_path.parent} ({report.parameters} parameters, {report.seconds:.0f} s)")

    guarded(body)


@model_app.command("evaluate")
def model_evaluate(
    data: Annotated[Path, typer.Option("--data", help="EMNIST ByMerge .npz; its test split is scored.")],
    model: ModelOption = None,
    limit: Annotated[int | None, typer.Option(help="Score the first N EMNIST test images only.")] = None,
    printed: Annotated[bool, typer.Option(help="Also score print rendered in the held-out font families.")] = True,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write per-class tables and confusion matrices here.")
    ] = None,
) -> None:
    """Print the model's accuracy on the EMNIST test split (`accuracy: 0.xxxx`) and on held-out print."""

    def body() -> None:
        if not data.is_file():
            raise _input_missing(data)
        from models.evaluate import evaluate_emnist, evaluate_printed, write_report
        from ocr.classifier import Classifier

        classifier = Classifier(model)
        evaluations = [evaluate_emnist(data, classifier, limit)]
        typer.echo(f"images: {evaluations[0].images}")
        typer.echo(f"accuracy: {evaluations[0].accuracy:.4f}")
        if printed:
            evaluations.append(evaluate_printed(classifier))
            typer.echo(f"printed images: {evaluations[1].images}")
            typer.echo(f"printed accuracy: {evaluations[1].accuracy:.4f}")
        if report:
            for path in write_report(report, evaluations):
                typer.echo(f"wrote {path}", err=True)

    guarded(body)


def _input_missing(path: Path) -> PageocrError:
    from ocr.errors import InputNotFoundError

    return InputNotFoundError(f"{path}: no such file")


if __name__ == "__main__":  # pragma: no cover
    app()
