"""The convolutional classifier: small enough to read thousands of glyphs per second on two cores."""

from __future__ import annotations

from typing import Any


def build_network(num_classes: int, keras: Any) -> Any:
    """Three conv blocks (24, 48, 96 filters) and a 128-unit dense layer: ~170k parameters, ~4.4 MMAC a glyph.

    `keras` is passed in so that importing this module never pulls in tensorflow.
    """
    layers = keras.layers

    def conv(x: Any, filters: int) -> Any:
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        return layers.ReLU()(x)

    inputs = keras.Input((28, 28, 1), name="glyph")
    x = conv(inputs, 24)
    x = layers.MaxPooling2D()(x)  # 14x14
    x = conv(x, 48)
    x = layers.MaxPooling2D()(x)  # 7x7
    x = conv(x, 96)
    x = conv(x, 96)
    x = layers.MaxPooling2D()(x)  # 3x3
    x = layers.Flatten()(x)
    x = layers.Dropout(0.3)(x)
    x = layers.Dense(128, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="probs")(x)
    return keras.Model(inputs, outputs, name="pageocr_cnn")
