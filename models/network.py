"""The convolutional classifier: small enough to read thousands of glyphs per second on two cores."""

from __future__ import annotations

from typing import Any

FILTERS = (32, 64, 96, 128)
DENSE = 160
DROPOUT = 0.3
ARCHITECTURE = (
    f"conv3x3 {FILTERS[0]} - maxpool - conv3x3 {FILTERS[1]} - maxpool - conv3x3 {FILTERS[2]} - conv3x3 {FILTERS[3]}"
    f" - maxpool - dense {DENSE} - softmax; batch norm and ReLU after every layer, dropout {DROPOUT} before both"
    " dense layers"
)


def build_network(num_classes: int, keras: Any) -> Any:
    """~380k parameters, ~10 million multiply-adds a glyph.

    `keras` is passed in so that importing this module never pulls in tensorflow.
    """
    layers = keras.layers

    def conv(x: Any, filters: int) -> Any:
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        return layers.ReLU()(x)

    inputs = keras.Input((28, 28, 1), name="glyph")
    x = conv(inputs, FILTERS[0])
    x = layers.MaxPooling2D()(x)  # 14x14
    x = conv(x, FILTERS[1])
    x = layers.MaxPooling2D()(x)  # 7x7
    x = conv(x, FILTERS[2])
    x = conv(x, FILTERS[3])
    x = layers.MaxPooling2D()(x)  # 3x3
    x = layers.Flatten()(x)
    x = layers.Dropout(DROPOUT)(x)
    x = layers.Dense(DENSE, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = layers.Dropout(DROPOUT)(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="probs")(x)
    return keras.Model(inputs, outputs, name="pageocr_cnn")
