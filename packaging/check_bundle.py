"""Run the bundled binary headless: export the embedded dataset and check the picture."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    binary = Path(sys.argv[1])
    out = Path(tempfile.mkdtemp()) / "bundle.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    start = time.perf_counter()
    result = subprocess.run([str(binary), "export", "-o", str(out), "--width", "1200",
                             "--height", "700"], env=env, capture_output=True, text=True,
                            timeout=300)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout, result.stderr)
        return 1
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication([])  # noqa: F841
    image = QImage(str(out))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 4)
               for y in range(0, image.height(), 4)}
    ok = (image.width(), image.height()) == (1200, 700) and len(colours) > 50
    size = sum(f.stat().st_size for f in binary.parent.rglob("*") if f.is_file())
    print(f"bundle export: {image.width()}x{image.height()}, {len(colours)} colours, "
          f"{elapsed:.2f} s; bundle size {size / 2**20:.0f} MB -> {'ok' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
