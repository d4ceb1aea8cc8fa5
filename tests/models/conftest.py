"""A smoke model trained once per test session: the real training path, on a few hundred EMNIST images."""

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def smoke_model(tmp_path_factory, emnist_path):
    pytest.importorskip("tensorflow", reason="training needs the `train` extra (tensorflow)")
    from models.train import TrainConfig, train_model

    out = Path(tmp_path_factory.mktemp("model"))
    config = TrainConfig(data=emnist_path, out=out, epochs=1, limit=800, batch_size=64)
    return out, train_model(config, log=lambda m: None)
