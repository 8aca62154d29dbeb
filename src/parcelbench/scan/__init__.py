"""Scanning: camera frames, handheld scanners and typed ids → one ``ScanEvent`` per parcel.

Modules with one job each; import the one you need (``pipeline`` and the capture modules pull in
OpenCV, ``logic``, ``wedge`` and ``manual`` are pure Python):

* ``sources`` / ``capture`` / ``live`` — frame sources, the capture thread, the running scanner;
* ``locate`` / ``profile`` / ``decoders`` / ``pipeline`` — decoding a frame;
* ``logic`` — preferring, confirming and de-duplicating reads into ``ScanEvent``;
* ``wedge`` — keyboard-wedge burst detection; ``manual`` — typed-id feedback;
* ``synth`` — synthetic label frames for tests, the benchmark and the demo clip.
"""
