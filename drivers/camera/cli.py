"""``kiosk diag camera`` and ``kiosk sim camera`` (DESIGN.md, "Command line").

The top-level ``kiosk`` CLI calls :func:`add_diag_parser` / :func:`add_sim_parser` with its
``diag`` / ``sim`` subparsers; each sets ``func(args) -> exit code``.

``kiosk diag camera --source S [--json] [--timeout S] [--save PATH] (face | qr)``: exit 0
when a face passed the quality gate (``face``) or a QR code was read (``qr``), 2 when
nothing did within the timeout, 1 on a device error (message and recommended action on
stderr). ``--json`` prints one object: for ``face`` ``{ok, check, source, reason, prompt,
box, metrics, score, frames, jpeg_size, saved, error}``, for ``qr`` ``{ok, check, source,
text, error}``.

``kiosk sim camera [--dir DIR] [--scene S] [--text T]`` writes the simulated camera's image
sequence, prints the source to give ``--source`` and runs until SIGINT/SIGTERM.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from drivers.base import DeviceError
from drivers.base.stop_signals import catch_stop_signals

from .driver import Camera
from .face import PROMPTS
from .sim import DEFAULT_QR_TEXT, SCENES, CameraSimulator
from .source import parse_source

EXIT_OK, EXIT_DEVICE_ERROR, EXIT_NOTHING = 0, 1, 2
_ASK_FACE = "请正对摄像头 / Look at the camera"
_ASK_QR = "请出示二维码 / Show a QR code to the camera"


def add_diag_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "camera", help="拍一张人脸或扫一个二维码 / capture a face or read a QR code",
        description="Open the camera, then wait for a face that passes the quality gate "
                    "(face) or for a QR code (qr).")
    parser.add_argument("--source", required=True, type=parse_source,
                        help="device index (0), device path (/dev/video0), video file or "
                             "image sequence pattern (dir/frame_%%04d.jpg)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds to wait for a face or a code (default 10)")
    parser.add_argument("--save", metavar="PATH", help="face: write the captured JPEG here")
    parser.add_argument("--width", type=int, help="frame width to ask of the camera")
    parser.add_argument("--height", type=int, help="frame height to ask of the camera")
    # Not "check": kiosk diag's own subparsers store the device name under that name.
    parser.add_argument("camera_check", metavar="{face,qr}", choices=("face", "qr"),
                        help="face: capture a face photo; qr: read a QR code")
    parser.set_defaults(func=run_diag)
    return parser


def run_diag(args: argparse.Namespace) -> int:
    camera = Camera("camera", args.source, width=args.width, height=args.height)
    report = {"ok": False, "check": args.camera_check, "source": str(args.source)}
    try:
        status = camera.poll()
        if not status.usable:
            assert status.error is not None     # poll() records why a device is not usable
            return _device_error(status.error, report, args.json)
        ask = _ASK_FACE if args.camera_check == "face" else _ASK_QR
        print(f"{ask} ({args.timeout:g} s)…", file=sys.stderr)
        if args.camera_check == "face":
            return _face(camera, args, report)
        return _qr(camera, args, report)
    except DeviceError as err:
        return _device_error(err, report, args.json)
    finally:
        camera.close()


def _face(camera: Camera, args: argparse.Namespace, report: dict) -> int:
    result = camera.capture_face(args.timeout)
    saved = None
    if result.jpeg is not None and args.save:   # the JPEG comes with ok, and only then
        Path(args.save).write_bytes(result.jpeg)
        saved = args.save
    report.update(result.to_dict(), saved=saved, error=None)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        prompt = PROMPTS[result.reason]
        print(f"{'人脸合格' if result.ok else '未拍到合格人脸'} / "
              f"{'face OK' if result.ok else 'no good face'}: {result.reason}"
              f" ({prompt['zh']} / {prompt['en']})")
        if result.box:
            print("  box (x, y, w, h): " + ", ".join(map(str, result.box)))
        for key, value in result.metrics.items():
            print(f"  {key}: {value}")
        if result.jpeg is not None:
            print(f"  JPEG: {len(result.jpeg)} bytes" + (f", saved to {saved}" if saved else ""))
    return EXIT_OK if result.ok else EXIT_NOTHING


def _qr(camera: Camera, args: argparse.Namespace, report: dict) -> int:
    text = camera.scan_qr(args.timeout)
    report.update(ok=text is not None, text=text, error=None)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    elif text is not None:
        print(text)
    if text is None:
        print(f"{args.timeout:g} 秒内未读到二维码 / No QR code within {args.timeout:g} s",
              file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


def _device_error(err: DeviceError, report: dict, as_json: bool) -> int:
    if as_json:
        print(json.dumps({**report, "error": err.to_dict()}, ensure_ascii=False))
    print(f"错误 / error [{err.code}]: {err.message}\n"
          f"建议操作 / recommended action: {err.action.value}", file=sys.stderr)
    return EXIT_DEVICE_ERROR


def add_sim_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "camera", help="模拟摄像头 / simulate a camera (an image sequence)",
        description="Write a simulated camera's image sequence and keep it until Ctrl-C / "
                    "SIGTERM. Prints the source to give `kiosk diag camera --source`.")
    parser.add_argument("--dir", help="folder for the frames (default: a temporary folder)")
    parser.add_argument("--scene", choices=SCENES, default="face",
                        help="face (passes the quality gate), qr, or a face that fails the "
                             "gate for the reason it is named after (default face)")
    parser.add_argument("--text", default=DEFAULT_QR_TEXT,
                        help=f"qr: the code's text (default {DEFAULT_QR_TEXT})")
    parser.set_defaults(func=run_sim)
    return parser


def run_sim(args: argparse.Namespace) -> int:
    sim = CameraSimulator(args.dir, scene=args.scene, text=args.text)
    stop, restore_signals = catch_stop_signals()
    try:
        pattern = sim.start()
        print(pattern, flush=True)
        print(f"摄像头模拟器 / camera simulator: {sim.frames} frames, scene {args.scene}."
              " Ctrl-C to stop.", file=sys.stderr, flush=True)
        while not stop.wait(0.2):
            pass
    finally:
        restore_signals()
        sim.stop()
    return EXIT_OK
