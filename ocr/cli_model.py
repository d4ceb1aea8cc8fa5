"""`pageocr model ...`: train, evaluate and export the character model (training needs the `train` extra)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from models import MODEL_DIR
from ocr.errors import OutputError
from ocr.shell import ModelOption, guarded, input_missing, progress

model_app = typer.Typer(help="Train, evaluate and export the character model.", no_args_is_help=True)
ForceOption = Annotated[bool, typer.Option("--force", help="Replace a model already in --out.")]


@contextlib.contextmanager
def _writing_a_model(data: Path) -> Iterator[None]:
    """The EMNIST file must exist; a model already in --out (and no --force) is an output error."""
    if not data.is_file():
        raise input_missing(data)
    from models.export import ModelExistsError

    try:
        yield
    except ModelExistsError as exc:
        raise OutputError(str(exc)) from None


def _report(emnist: float, printed: float, wrote: str) -> None:
    """The scores on stdout (`accuracy: 0.xxxx` first, as scripts read it), then where the model went."""
    typer.echo(f"accuracy: {emnist:.4f}")
    typer.echo(f"printed accuracy: {printed:.4f}")
    typer.echo(f"wrote {wrote}")


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
    teacher: Annotated[
        Path | None, typer.Option("--teacher", help="Also learn this model folder's readings (distillation).")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Train the character CNN (or fine-tune it on reviewed corrections); export to LiteRT (needs `train` extra)."""

    def body() -> None:
        with _writing_a_model(data):
            from models.train import TrainConfig, train_model

            if corrections is not None:
                from models.finetune import FinetuneConfig, finetune

                config = FinetuneConfig(corrections=corrections, data=data, out=out, base=base or MODEL_DIR,
                                        epochs=epochs or 3, seed=seed, force=force)  # fmt: skip
                meta = finetune(config, log=progress)
                scores = meta["emnist_test_accuracy"], meta["printed_held_out_accuracy"]
                _report(*scores, f"{out}; read with --model {out}")
                return
            passes = epochs or TrainConfig.epochs
            start = (base or MODEL_DIR) if extend else None
            config = TrainConfig(data=data, out=out, epochs=passes, seed=seed, limit=limit, extend=start,
                                 teacher=teacher, force=force)  # fmt: skip
            report = train_model(config, log=progress)
        where = f"{report.metadata_path.parent} ({report.parameters} parameters, {report.seconds:.0f} s)"
        _report(report.emnist_accuracy, report.printed_accuracy, where)

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
            raise input_missing(data)
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


@model_app.command("export")
def model_export(
    data: Annotated[Path, typer.Option("--data", help="EMNIST ByMerge .npz: calibration glyphs and the test split.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the exported model files.")],
    base: Annotated[Path | None, typer.Option("--base", help="Model folder to export (default: shipped).")] = None,
    limit: Annotated[
        int | None, typer.Option(help="Score on the first N EMNIST test images only (smoke runs).")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Export a model's Keras weights to LiteRT again, choosing float32, float16 or int8 as training does."""

    def body() -> None:
        with _writing_a_model(data):
            from models.export import reexport

            meta = reexport(base or MODEL_DIR, data, out, force=force, limit=limit, log=progress)
        _report(meta["emnist_test_accuracy"], meta["printed_held_out_accuracy"], f"{out} ({meta['export']['shipped']})")

    guarded(body)
