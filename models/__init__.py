"""The trained character model shipped with pageocr, and the code that trains and evaluates it.

Model files live beside this module so that a plain `pip install .` carries them as package data.
"""

from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent
TFLITE_NAME = "pageocr.tflite"
KERAS_NAME = "pageocr.keras"
METADATA_NAME = "pageocr.json"
