"""Domain exceptions raised by the image stages. Each carries a message a user can read."""


class SegmentationError(Exception):
    """Base class: something about the image itself stops the pipeline."""


class ImageDecodeError(SegmentationError):
    """The bytes are not an image we can decode (empty, truncated, not an image at all)."""


class ImageTooLargeError(SegmentationError):
    """The image has more pixels than the configured limit (guards against decompression bombs)."""


class BlankPageError(SegmentationError):
    """The page holds no ink that could be text. Not fatal for the CLI: it prints empty text and warns."""
