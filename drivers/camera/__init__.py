"""The camera (OpenCV, hardware.md §5): frames, face capture with a quality gate, QR codes.

``from drivers.camera import Camera, FaceCapture, Frame`` is the usual entry point;
``face`` and ``qr`` hold the pure image functions, ``scenes`` and ``sim`` the simulated
camera (an image sequence read through ``cv2.VideoCapture``), ``cli`` the command line.
"""
from .capture import Frame
from .driver import Camera, FaceCapture
from .face import PROMPTS, REASONS, FaceCheck, GateConfig
from .source import parse_source

__all__ = [
    "PROMPTS", "REASONS", "Camera", "FaceCapture", "FaceCheck", "Frame", "GateConfig",
    "parse_source",
]
